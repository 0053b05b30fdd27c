"""What the engine matches: member profiles, subjects, the score's weights and the theme vectors."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

# The slugs of the 19 themes of ISO 37120:2018, in the order of their clauses (5 to 23). The Django
# side passes the slugs of `wsco.core.themes.THEMES`; this copy keeps the engine free of Django.
ISO_37120_THEMES: tuple[str, ...] = (
    "economy",
    "education",
    "energy",
    "environment",
    "finance",
    "governance",
    "health",
    "housing",
    "population",
    "recreation",
    "safety",
    "solid-waste",
    "sport-culture",
    "telecommunication",
    "transportation",
    "agriculture",
    "urban-planning",
    "wastewater",
    "water",
)

# A theme a member declares expertise in counts less than one they declare an interest in: interest
# is what they want to work on, expertise only what they could bring to it.
INTEREST_WEIGHT = 1.0
EXPERTISE_WEIGHT = 0.5

# The areas a pair can differ in, each the name of a `Profile` field.
AREAS: tuple[str, ...] = ("organization_type", "sector", "country")


@dataclass(frozen=True, slots=True)
class Profile:
    """One member's profile as the engine sees it: no names, no contact details."""

    id: int
    organization_id: int | None
    organization_type: str
    sector: str
    country: str
    themes_of_interest: frozenset[str] = frozenset()
    themes_of_expertise: frozenset[str] = frozenset()
    offers: str = ""
    looks_for: str = ""


@dataclass(frozen=True, slots=True)
class Subject:
    """Anything with themes and a text saying what it needs: a project, a group, an audit."""

    themes: frozenset[str]
    text: str = ""


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each part of the score counts.

    score(a, b) = themes * theme similarity + complementarity * (a's needs . b's offers + a's
    offers . b's needs) / 2 + the bonus of each area (organization type, sector, country) in which
    they differ. Every part is symmetric, so a's score for b is b's score for a.
    """

    themes: float = 1.0
    complementarity: float = 1.0
    organization_type: float = 0.3
    sector: float = 0.1
    country: float = 0.1
    # The issue asks that at least half of a top 10 come from another organization type whenever
    # such candidates exist; the share is enforced at selection, not left to the weights.
    other_type_share: float = 0.5

    def area_bonus(self, area: str) -> float:
        """Return the bonus for differing in `area`."""
        return float(getattr(self, area))


@dataclass(slots=True)
class Vocabulary:
    """A growing list of the values of one area, each coded by its position."""

    values: list[str] = field(default_factory=list)
    codes: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, values: Iterable[str]) -> "Vocabulary":
        """Return a vocabulary holding `values` in order."""
        vocabulary = cls()
        for value in values:
            vocabulary.code(value)
        return vocabulary

    def code(self, value: str) -> int:
        """Return the code of `value`, adding it if new; an empty value (unknown) is -1."""
        if not value:
            return -1
        if value not in self.codes:
            self.codes[value] = len(self.values)
            self.values.append(value)
        return self.codes[value]

    def value(self, code: int) -> str:
        """Return the value coded `code` ("" for unknown)."""
        return self.values[code] if code >= 0 else ""


def theme_matrix(theme_sets: Iterable[frozenset[str]], themes: Sequence[str]) -> np.ndarray:
    """Return one multi-hot row per set, as booleans over `themes`; unknown slugs are ignored."""
    position = {theme: column for column, theme in enumerate(themes)}
    sets = list(theme_sets)
    matrix = np.zeros((len(sets), len(themes)), dtype=bool)
    for row, theme_set in enumerate(sets):
        columns = [position[theme] for theme in theme_set if theme in position]
        matrix[row, columns] = True
    return matrix


def theme_vectors(interest: np.ndarray, expertise: np.ndarray) -> np.ndarray:
    """Return the unit theme vectors (float32) of multi-hot interest and expertise rows."""
    vectors = INTEREST_WEIGHT * interest + EXPERTISE_WEIGHT * expertise
    return normalize_rows(vectors.astype(np.float32))


def normalize_rows(matrix: np.ndarray) -> np.ndarray:
    """Return `matrix` with each non-zero row scaled to unit length."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
