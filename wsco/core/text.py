"""Text input, cleaned the same way whatever the door: a page's form, the API, an import.

`clean_text` is the rule, and every door applies it:

- Control characters are refused, with an error that names the field and the character: NUL,
  the other C0 controls, DEL and the C1 controls (Unicode category Cc), and lone surrogates
  (Cs, which a JSON body can carry and no database column can store). Tab, line feed and
  carriage return are text and stay. Nothing is silently removed: a stray control character
  usually means the text was pasted from somewhere odd, and its writer should see it.
- Unicode is normalised to NFC, so that the same words typed on two keyboards are stored and
  searched alike ("ș" as one character, never "s" and a combining comma).
- Surrounding whitespace is removed, as Django's form fields do.

The doors: forms through `wsco.core.forms.CleanTextMixin`, API schemas through the `CleanText`
type (every string an endpoint takes is one), imports by calling `clean_text` on each cell.
"""

import re
import unicodedata
from typing import Annotated

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

# Category Cc but tab, LF and CR; and the surrogates (category Cs).
REFUSED_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
REFUSED_CODE = "control_character"


def refuse_control_characters(text: str) -> None:
    """Raise ValidationError naming the first control character in `text`, if any."""
    found = REFUSED_CHARACTERS.search(text)
    if found:
        raise ValidationError(
            _(
                "Remove the control character %(character)s; tabs and line breaks are the only "
                "ones text may hold."
            )
            % {"character": f"U+{ord(found.group()):04X}"},
            code=REFUSED_CODE,
        )


def normalize_text(text: str) -> str:
    """Return `text` in Unicode's composed form (NFC)."""
    return unicodedata.normalize("NFC", text)


def clean_text(text: str) -> str:
    """Return `text` normalised and without surrounding whitespace; refuse control characters."""
    refuse_control_characters(text)
    return normalize_text(text).strip()


def _clean_schema_value(value):
    """Clean a string an API schema takes; leave other values to the type's own check."""
    if not isinstance(value, str):
        return value
    try:
        return clean_text(value)
    except ValidationError as error:
        raise PydanticCustomError(REFUSED_CODE, str(error.messages[0])) from None


# What the OpenAPI document says of every such string, so that clients (and the fuzzer) know.
NO_CONTROL_CHARACTERS = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]*$"

CleanText = Annotated[
    str,
    BeforeValidator(_clean_schema_value),
    Field(json_schema_extra={"pattern": NO_CONTROL_CHARACTERS}),
]
"""A string an API endpoint takes, cleaned by `clean_text` (a refusal is a 422 naming it)."""
