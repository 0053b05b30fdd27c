"""Reads of the library and the register: indicators from the catalogue, acts, obligations.

An indicator standard's indicators are read from the audit engine's catalogue each time (one
source); the changes between two editions come from the catalogue's carry-over table.
"""

import itertools
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from wsco.audits.engine.catalogue import Indicator, load_catalogue, read_carry_over
from wsco.audits.models import Audit, AuditStatus, City
from wsco.audits.services.results import theme_slug
from wsco.core.themes import THEMES, THEMES_BY_SLUG
from wsco.standards.models import (
    MUNICIPAL_RULES,
    Adoption,
    AppliesTo,
    Edition,
    Follow,
    Standard,
)

# How each relation of the carry-over table reads on a page, in the table's own order.
RELATIONS = {
    "continues": _("Continues unchanged"),
    "renumbered": _("Renumbered"),
    "moved": _("Moved to another theme"),
    "changed_formula": _("Formula changed: values not comparable"),
    "related": _("Related, not the same measure"),
    "discontinued": _("Discontinued"),
}


def standards_with_editions() -> QuerySet[Standard]:
    """Return every standard with its editions and themes, and how many countries adopt it."""
    return (
        Standard.objects.prefetch_related(
            Prefetch("editions", queryset=Edition.objects.order_by("-year")), "themes"
        )
        .annotate(countries=Count("adoptions__country", distinct=True))
        .order_by("reference")
    )


# Indicators --------------------------------------------------------------------------------


@dataclass
class ThemeIndicators:
    slug: str
    name: str
    indicators: list[Indicator]
    core: int


def indicators_by_theme(edition: Edition) -> list[ThemeIndicators]:
    """Return an edition's catalogue indicators grouped by theme, in the taxonomy's order."""
    if not edition.catalogue_key:
        return []
    grouped: dict[str, list[Indicator]] = {}
    for indicator in load_catalogue().for_standard(edition.catalogue_key):
        grouped.setdefault(theme_slug(indicator.theme), []).append(indicator)
    return [
        ThemeIndicators(
            slug=theme.slug,
            name=str(theme.name),
            indicators=grouped[theme.slug],
            core=sum(1 for each in grouped[theme.slug] if each.type.startswith("core")),
        )
        for theme in THEMES
        if theme.slug in grouped
    ]


@dataclass
class EditionChanges:
    """What happened to an earlier edition's indicators in a later one."""

    earlier: Edition
    later: Edition
    counts: list[tuple[str, str, int]]  # (relation, label, how many)
    rows: list[dict]  # the indicators that did not simply continue
    new: list[Indicator] = field(default_factory=list)  # in the later edition only


def edition_changes(earlier: Edition, later: Edition) -> EditionChanges | None:
    """Return the carry-over from `earlier` to `later`, or None when the table has none."""
    if not (earlier.catalogue_key and later.catalogue_key):
        return None
    table = read_carry_over()
    rows = [
        row
        for row in table.iter_rows(named=True)
        if row["from_indicator"].startswith(f"{earlier.catalogue_key}/")
        and (row["to_indicator"] or f"{later.catalogue_key}/").startswith(f"{later.catalogue_key}/")
    ]
    if not rows:
        return None
    catalogue = load_catalogue().indicators
    tally = Counter(row["relation"] for row in rows)
    reached = {row["to_indicator"] for row in rows if row["to_indicator"]}
    changed = [
        {
            "from": catalogue.get(row["from_indicator"]),
            "to": catalogue.get(row["to_indicator"]) if row["to_indicator"] else None,
            "relation": RELATIONS.get(row["relation"], row["relation"]),
            "comparable": row["comparable"] == "true",
            "note": row["note"] or "",
        }
        for row in rows
        if row["relation"] != "continues"
    ]
    return EditionChanges(
        earlier=earlier,
        later=later,
        counts=[(name, label, tally[name]) for name, label in RELATIONS.items() if tally[name]],
        rows=changed,
        new=[
            indicator
            for indicator in load_catalogue().for_standard(later.catalogue_key)
            if indicator.key not in reached
        ],
    )


def changes_between_editions(editions: list[Edition]) -> list[EditionChanges]:
    """Return the carry-over between each pair of consecutive editions that has one."""
    ordered = sorted(editions, key=lambda edition: edition.year)
    pairs = itertools.pairwise(ordered)
    return [found for earlier, later in pairs if (found := edition_changes(earlier, later))]


def audits_using(standard: Standard) -> QuerySet[Audit]:
    """Return the published audits that cover one of the standard's catalogued editions."""
    keys = [key for key in standard.editions.values_list("catalogue_key", flat=True) if key]
    if not keys:
        return Audit.objects.none()
    covers = Q()
    for key in keys:
        covers |= Q(editions__contains=key)
    return Audit.objects.published().filter(covers).select_related("city")


# The register ------------------------------------------------------------------------------


# An act's year: of the act itself, else of its adoption, else of its proposal (`Adoption.year`).
ACT_YEAR = ExtractYear(Coalesce("act_date", "adopted_on", "proposed_on"))


def adoptions() -> QuerySet[Adoption]:
    return Adoption.objects.select_related("standard", "edition__standard", "city")


def filter_adoptions(rows: QuerySet[Adoption], *, standard=None, status="", year=None, country=""):
    """Return `rows` narrowed to a standard, a status, a year (of the act) and a country."""
    if standard is not None:
        rows = rows.filter(standard=standard)
    if status:
        rows = rows.filter(status=status)
    if year:
        rows = rows.annotate(act_year=ACT_YEAR).filter(act_year=year)
    if country:
        rows = rows.filter(country=country)
    return rows


def countries_with_counts(rows: QuerySet[Adoption]) -> list[dict]:
    """Return each country of `rows` with its number of acts and of acts in force, by name."""
    in_force = Adoption.objects.in_force().filter(pk__in=rows.values("pk"))
    counted = dict(
        in_force.values_list("country").annotate(n=Count("pk")).values_list("country", "n")
    )
    result = [
        {"code": code, "acts": acts, "in_force": counted.get(code, 0)}
        for code, acts in rows.order_by()
        .values_list("country")
        .annotate(n=Count("pk"))
        .values_list("country", "n")
    ]
    for row in result:
        row["name"] = str(countries.name(row["code"]))
    return sorted(result, key=lambda row: row["name"])


def years_of_acts() -> list[int]:
    """Return the years the register's acts are dated in, newest first (one grouped query)."""
    years = (
        Adoption.objects.annotate(act_year=ACT_YEAR)
        .exclude(act_year=None)
        .order_by("-act_year")
        .values_list("act_year", flat=True)
        .distinct()
    )
    return list(years)


# Obligations -------------------------------------------------------------------------------


class Coverage:
    COVERED = "covered"
    IN_PROGRESS = "in_progress"
    MISSING = "missing"
    NOT_MEASURED = "not_measured"


COVERAGE_LABELS = {
    Coverage.COVERED: _("Covered by a published audit"),
    Coverage.IN_PROGRESS: _("An audit is under way"),
    Coverage.MISSING: _("No audit covers it yet"),
    Coverage.NOT_MEASURED: _("Not measured by an audit"),
}


COVERAGE_BADGES = {
    Coverage.COVERED: "approved",
    Coverage.IN_PROGRESS: "pending",
    Coverage.MISSING: "rejected",
    Coverage.NOT_MEASURED: "none",
}


@dataclass
class Obligation:
    """A standard an act in force obliges a city to apply, and whether its audits cover it."""

    adoption: Adoption
    population_unknown: bool
    coverage: str
    audit: Audit | None
    keys: list[str]

    @property
    def coverage_label(self) -> str:
        return str(COVERAGE_LABELS[self.coverage])

    @property
    def badge_state(self) -> str:
        """The state its badge is coloured as (`status-<state>` in the stylesheet)."""
        return COVERAGE_BADGES[self.coverage]

    @property
    def done(self) -> bool:
        return self.coverage == Coverage.COVERED


def _obliges(adoption: Adoption, city: City) -> bool | None:
    """Say whether the act obliges `city`: True, False, or None when its population is unknown."""
    if adoption.applies_to == AppliesTo.NAMED_CITY:
        return adoption.city_id == city.pk
    if adoption.applies_to == AppliesTo.MUNICIPALITIES_ABOVE:
        if city.population is None:
            return None
        return city.population >= adoption.min_population
    return adoption.applies_to == AppliesTo.ALL_MUNICIPALITIES


def _catalogue_keys(adoption: Adoption) -> list[str]:
    """The catalogue editions that measure the act's standard: its edition's, or any current."""
    if adoption.edition_id is not None:
        return [adoption.edition.catalogue_key] if adoption.edition.catalogue_key else []
    return [
        edition.catalogue_key
        for edition in adoption.standard.editions.all()
        if edition.catalogue_key and edition.is_current
    ]


def _coverage(keys: list[str], audits: list[Audit]) -> tuple[str, Audit | None]:
    if not keys:
        return Coverage.NOT_MEASURED, None
    covering = [audit for audit in audits if set(keys) & set(audit.edition_list)]
    published = [audit for audit in covering if audit.status == AuditStatus.PUBLISHED]
    if published:
        return Coverage.COVERED, max(published, key=lambda audit: (audit.year, audit.version))
    under_way = [audit for audit in covering if audit.status != AuditStatus.WITHDRAWN]
    if under_way:
        return Coverage.IN_PROGRESS, max(under_way, key=lambda audit: (audit.year, audit.version))
    return Coverage.MISSING, None


def obligations_for(city: City, audits: list[Audit]) -> list[Obligation]:
    """Return what the acts in force oblige `city` to apply, and whether `audits` cover it.

    The acts are its country's, its region's and its own, in force today, whose rule obliges a
    municipality (every one, those from a population, or this one). `audits` are the city's
    audits the reader may see: the public's page counts published ones only.
    """
    acts = (
        Adoption.objects.in_force()
        .filter(country=city.country, applies_to__in=MUNICIPAL_RULES)
        .filter(Q(region="") | Q(region__iexact=city.region))
        .filter(Q(city__isnull=True) | Q(city=city))
        .select_related("standard", "edition")
        .prefetch_related("standard__editions")
        .order_by("standard__reference", "-act_date", "pk")
    )
    found = []
    for adoption in acts:
        obliged = _obliges(adoption, city)
        if obliged is False:
            continue
        keys = _catalogue_keys(adoption)
        coverage, audit = _coverage(keys, audits)
        found.append(Obligation(adoption, obliged is None, coverage, audit, keys))
    return found


def follows_of(user) -> dict:
    """Return what `user` follows: the standards' ids and the countries' codes."""
    if not user.is_authenticated:
        return {"standards": set(), "countries": set()}
    rows = list(Follow.objects.filter(user=user).values_list("standard_id", "country"))
    return {
        "standards": {standard for standard, _country in rows if standard},
        "countries": {country for _standard, country in rows if country},
    }


def theme_names(slugs) -> list[str]:
    return [str(THEMES_BY_SLUG[slug].name) for slug in slugs if slug in THEMES_BY_SLUG]
