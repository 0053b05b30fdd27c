"""Why a member is recommended: reasons as data (a code and its parameters), and English words.

The Django side renders the same codes in English and Romanian; `render_english` serves the tests
and the command line.
"""

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from wsco.network.matching import text
from wsco.network.matching.profiles import AREAS

if TYPE_CHECKING:
    from wsco.network.matching.index import MatchingIndex

# At most this many matched terms are quoted: enough to say why, short enough to read.
MOST_TERMS = 5


def shared_themes(index: "MatchingIndex", row: int, other: int) -> list[str]:
    """Return the themes both members work on (interest or expertise), in taxonomy order."""
    own = index.interest[row] | index.expertise[row]
    theirs = index.interest[other] | index.expertise[other]
    return [index.themes[column] for column in np.flatnonzero(own & theirs)]


def matched_terms(index: "MatchingIndex", need: np.ndarray, offer_row: int) -> list[str]:
    """Return the terms of `need` that the offers of `offer_row` contain, strongest first.

    A word inside a matched phrase is not quoted again ("traffic sensors", not also "traffic").
    """
    terms = index.encoder.terms()
    if terms is None:
        return []
    contributions = need * text.row_vector(index.offers, offer_row)
    columns = np.flatnonzero(contributions > 0)
    matched = [str(term) for term in terms[columns[np.argsort(-contributions[columns])]]]
    phrases = [term for term in matched if " " in term]
    quoted = [term for term in matched if " " in term or not in_phrase(term, phrases)]
    return quoted[:MOST_TERMS]


def in_phrase(word: str, phrases: Sequence[str]) -> bool:
    """Return whether `word` is one of the words of any phrase."""
    return any(word in phrase.split() for phrase in phrases)


def pair_reasons(index: "MatchingIndex", row: int, other: int) -> tuple[dict, ...]:
    """Return the reasons member `row` should meet member `other`."""
    reasons: list[dict] = []
    themes = shared_themes(index, row, other)
    if themes:
        reasons.append({"code": "shared_themes", "themes": themes})
    directions = (
        ("offers_what_you_look_for", index.needs, row, other),
        ("looks_for_what_you_offer", index.needs, other, row),
    )
    for code, needs, needing_row, offering_row in directions:
        terms = matched_terms(index, text.row_vector(needs, needing_row), offering_row)
        if terms:
            reasons.append({"code": code, "terms": terms})
    for column, area in enumerate(AREAS):
        yours, theirs = index.area_codes[row, column], index.area_codes[other, column]
        if yours >= 0 and theirs >= 0 and yours != theirs:
            vocabulary = index.vocabularies[area]
            reasons.append(
                {
                    "code": "different_area",
                    "area": area,
                    "yours": vocabulary.value(yours),
                    "theirs": vocabulary.value(theirs),
                }
            )
    return tuple(reasons)


def subject_reasons(
    index: "MatchingIndex", themes: np.ndarray, need: np.ndarray, other: int
) -> tuple[dict, ...]:
    """Return the reasons member `other` should work on a subject of `themes` that has `need`."""
    reasons: list[dict] = []
    theirs = index.interest[other] | index.expertise[other]
    common = [
        theme for column, theme in enumerate(index.themes) if themes[column] > 0 and theirs[column]
    ]
    if common:
        reasons.append({"code": "works_on_its_themes", "themes": common})
    terms = matched_terms(index, need, other)
    if terms:
        reasons.append({"code": "offers_what_it_needs", "terms": terms})
    return tuple(reasons)


def join_words(words: Sequence[str]) -> str:
    """Return "a", "a and b" or "a, b and c"."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def theme_name(slug: str, labels: Mapping[str, str]) -> str:
    """Return a theme's label, or its slug made readable ("urban-planning": "Urban planning")."""
    return labels.get(slug, slug.replace("-", " ").capitalize())


AREA_NAMES = {"organization_type": "organization type", "sector": "sector", "country": "country"}

ENGLISH: dict[str, str] = {
    "shared_themes": "You both work on {themes}.",
    "offers_what_you_look_for": "They offer {terms}, which you look for.",
    "looks_for_what_you_offer": "They look for {terms}, which you offer.",
    "different_area": "Another {area}: you are {yours}, they are {theirs}.",
    "works_on_its_themes": "They work on {themes}, which it is about.",
    "offers_what_it_needs": "They offer {terms}, which it needs.",
}


def render_english(reason: Mapping, labels: Mapping[str, str] | None = None) -> str:
    """Return one reason as an English sentence; `labels` names themes and area values."""
    labels = labels or {}
    words = {
        "themes": join_words([theme_name(slug, labels) for slug in reason.get("themes", [])]),
        "terms": join_words(list(reason.get("terms", []))),
        "area": AREA_NAMES.get(reason.get("area", ""), reason.get("area", "")),
        "yours": labels.get(reason.get("yours", ""), reason.get("yours", "")),
        "theirs": labels.get(reason.get("theirs", ""), reason.get("theirs", "")),
    }
    return ENGLISH[reason["code"]].format(**words)
