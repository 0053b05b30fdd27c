"""Text people write in both languages: one field per language, and the reader gets theirs.

A model that carries a text in both languages keeps the site's default language
(`LANGUAGE_CODE`, English) in the plain field and every other language of `LANGUAGES` in a field
of its own named with the language's code: `title` and `title_ro`, `summary` and `summary_ro`.
The plain field is the one that is required; the others may stay empty.

- `localized(obj, "title")` returns the text in the reader's language (the active one), and
  when that version is empty, the version in another language with that language's code, so the
  page can mark it: `<h1 lang="en">` for a screen reader and a browser's hyphenation.
- In templates: `{{ post|localized:"title" }}` writes the text, `{{ post|lang_of:"title" }}`
  writes ` lang="en"` when the text shown is not in the page's language, else nothing:
  `<h1{{ post|lang_of:"title" }}>{{ post|localized:"title" }}</h1>`.
- `every_version(obj, "title")` joins all versions, for search documents: a reader finds a post
  by its words in either language.
- Feeds, sitemaps and emails to many people use the plain field: the default language.

Forms and the admin show every version of a field (`fields_in_every_language`).
"""

from typing import NamedTuple

from django.conf import settings
from django.utils import translation


class Localized(NamedTuple):
    """A text and, when it is not in the reader's language, the language it is in."""

    text: str
    language: str  # "" when the text is in the reader's language


def default_language() -> str:
    return settings.LANGUAGE_CODE


def other_languages() -> list[str]:
    """Return the languages that have fields of their own (all but the default)."""
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def field_name(name: str, language: str) -> str:
    """Return the field holding `name` in `language`: `title` for English, `title_ro`."""
    return name if language == default_language() else f"{name}_{language}"


def fields_in_every_language(*names: str) -> list[str]:
    """Return each of `names` followed by its versions in the other languages (for forms)."""
    return [field_name(name, language) for name in names for language in _languages()]


def _languages() -> list[str]:
    return [default_language(), *other_languages()]


def _reader_language() -> str:
    active = (translation.get_language() or default_language()).split("-")[0]
    return active if active in _languages() else default_language()


def localized(obj, name: str) -> Localized:
    """Return `obj`'s `name` in the reader's language, or in another language when it is empty."""
    reader = _reader_language()
    order = [reader, *(language for language in _languages() if language != reader)]
    for language in order:
        text = getattr(obj, field_name(name, language), "") or ""
        if text:
            return Localized(text, "" if language == reader else language)
    return Localized("", "")


def every_version(obj, name: str) -> str:
    """Return every version of `obj`'s `name`, joined by spaces (for search documents)."""
    versions = (getattr(obj, field_name(name, language), "") or "" for language in _languages())
    return " ".join(text for text in versions if text)
