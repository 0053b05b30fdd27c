"""Ids and other whole numbers read from a request: one parser, one refusal.

Path converters (`<int:pk>`) give ints already; what comes from a querystring, a form's POST
or a JSON body goes through `parse_id` (or `parse_number` for a number that is not an id), and
API schemas take ids as the `Id` type, which calls it. A bad value is refused with a message
naming the field, never a 500:

- in a form (a field's `clean`), `InvalidNumberError` is a `ValidationError` shown on the field;
- in a view that lets it rise, it is a `BadRequest`: the 400 page (JSON under /api/);
- in an API schema, a 422 naming the parameter.

Text is a number here only when it is ASCII digits: not "1e9", "1_000", " 7", "٣" or "²",
which Python's `int()` reads or trips on differently. A JSON body's whole float (`7.0`) is the
integer it is.
"""

import re
from typing import Annotated

from django.core.exceptions import BadRequest, ValidationError
from django.utils.translation import gettext_lazy as _
from pydantic import BeforeValidator, Field, ValidationInfo
from pydantic_core import PydanticCustomError

# The largest id a primary key holds (a signed 64-bit integer on both databases).
MAX_ID = 2**63 - 1
WHOLE_NUMBER = re.compile(r"-?[0-9]{1,20}")


class InvalidNumberError(ValidationError, BadRequest):
    """A value that should be a whole number in a range (an id) and is not."""


def parse_number(value: object, *, field: str, low: int, high: int) -> int:
    """Return `value` as an int from `low` to `high`: an int, its digits as text, or a whole
    float (JSON's `7.0` is the integer 7, as JSON Schema has it).

    Raise InvalidNumberError naming `field` for anything else: a bool, `7.5`, other text.
    """
    number = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif (isinstance(value, float) and value.is_integer()) or (
        isinstance(value, str) and WHOLE_NUMBER.fullmatch(value)
    ):
        number = int(value)
    if number is None or not low <= number <= high:
        raise InvalidNumberError(
            _("“%(field)s” must be a whole number from %(low)s to %(high)s."),
            code="invalid_number",
            params={"field": field, "low": low, "high": high},
        )
    return number


def parse_id(value: object, *, field: str) -> int:
    """Return `value` as an id (a whole number from 1 to MAX_ID), or raise InvalidNumberError."""
    return parse_number(value, field=field, low=1, high=MAX_ID)


def _id_for_schema(value: object, info: ValidationInfo) -> int:
    try:
        return parse_id(value, field=info.field_name or "id")
    except InvalidNumberError as error:
        raise PydanticCustomError("invalid_id", str(error.messages[0])) from None


# The bounds first: they are what the OpenAPI document shows (minimum, maximum).
Id = Annotated[int, Field(ge=1, le=MAX_ID), BeforeValidator(_id_for_schema)]
"""An id an API endpoint takes, parsed by `parse_id` (a refusal is a 422 naming it)."""
