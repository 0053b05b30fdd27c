"""Reads of the published results the public pages, the open data and the API share.

Everything here starts from published audits, or from `readable_audits(user)` where a reader
may see more: an unpublished value never reaches a page through these functions otherwise.
The figures across audits come from the rows `services.benchmarks` keeps; nothing here runs
the engine.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from wsco import formats
from wsco.audits.engine.catalogue import load_catalogue
from wsco.audits.engine.levels import LEVELS_WITH_CLASSES, NO_LEVEL
from wsco.audits.engine.messages import MESSAGES, Message
from wsco.audits.models import (
    EDITIONS,
    Audit,
    AuditScore,
    Benchmark,
    City,
    IndicatorResult,
    PeerKind,
    ThemeScore,
)
from wsco.core.themes import THEMES, THEMES_BY_SLUG

# The engine's levels, best first.
LEVELS = [level for level, _core, _supporting in LEVELS_WITH_CLASSES]
# The engine's statuses of a value, as pages name them.
STATUS_LABELS = {
    "ok": _lazy("OK"),
    "warning": _lazy("Warning"),
    "missing": _lazy("Missing"),
    "invalid": _lazy("Invalid"),
}
MAX_COMPARED = 5


def level_label(level: str) -> str:
    """Return a level as pages show it (a dash when the audit reaches none)."""
    return level if level and level != NO_LEVEL else "–"


def theme_name(slug: str) -> str:
    theme = THEMES_BY_SLUG.get(slug)
    return str(theme.name) if theme else slug


def latest_published() -> QuerySet[Audit]:
    """Return each audited city's latest published audit (latest year, then publication)."""
    latest = (
        Audit.objects.published()
        .filter(city=OuterRef("city"))
        .order_by("-year", "-published_at", "-pk")
        .values("pk")[:1]
    )
    return Audit.objects.published().filter(pk=Subquery(latest)).select_related("city")


def audited_cities() -> QuerySet[City]:
    """Return the cities with at least one published audit, with their latest one's level."""
    latest = (
        Audit.objects.published()
        .filter(city=OuterRef("pk"))
        .order_by("-year", "-published_at", "-pk")
    )
    return City.objects.filter(Exists(latest)).annotate(
        latest_level=Subquery(latest.values("level")[:1]),
        latest_year=Subquery(latest.values("year")[:1]),
        latest_audit=Subquery(latest.values("pk")[:1]),
    )


def filter_cities(
    cities: QuerySet[City], *, q: str = "", country: str = "", level: str = "", theme: str = ""
) -> QuerySet[City]:
    """Narrow audited cities by name, country, their latest level and a theme they report on."""
    if q:
        cities = cities.filter(name__icontains=q)
    if country:
        cities = cities.filter(country=country)
    if level:
        cities = cities.filter(latest_level=level)
    if theme:
        scored = ThemeScore.objects.filter(
            audit__city=OuterRef("pk"), audit__status="published", theme=theme, score__isnull=False
        )
        cities = cities.filter(Exists(scored))
    return cities


def audited_countries() -> list[tuple[str, str]]:
    """Return the countries of audited cities as (code, name), by name."""
    seen = {}
    for city in audited_cities().only("country"):
        seen[str(city.country)] = city.country.name
    return sorted(seen.items(), key=lambda pair: pair[1])


def levels_by_edition(audit: Audit) -> list[dict]:
    """Return the audit's level for each edition it covers, in the editions' order."""
    return [
        {"edition": EDITIONS[key], "level": level_label(audit.levels.get(key, ""))}
        for key in audit.edition_list
    ]


def theme_scores_of(audit: Audit) -> list[dict]:
    """Return the audit's theme scores in the taxonomy's order (none before benchmarking)."""
    scores = {row.theme: row for row in ThemeScore.objects.filter(audit=audit)}
    return [
        {
            "slug": theme.slug,
            "name": str(theme.name),
            "score": scores[theme.slug].score,
            "rank": scores[theme.slug].rank,
        }
        for theme in THEMES
        if theme.slug in scores and scores[theme.slug].score is not None
    ]


def weakest_themes(audit: Audit, count: int = 3) -> list[str]:
    """Return the audit's weakest themes, weakest first: where the city most needs help.

    Once the audit is compared with the others, by its theme scores; before that, by the share
    of each theme's indicators the city could report (ok or warned), a theme it reports whole
    not being a gap.
    """
    scores = theme_scores_of(audit)
    if scores:
        return [row["slug"] for row in sorted(scores, key=lambda row: row["score"])[:count]]
    shares = []
    for row in (
        IndicatorResult.objects.filter(audit=audit)
        .exclude(theme="")
        .values("theme")
        .annotate(total=Count("pk"), usable=Count("pk", filter=Q(outcome__in=["ok", "warning"])))
    ):
        if row["usable"] < row["total"]:
            shares.append((row["usable"] / row["total"], row["theme"]))
    return [theme for _share, theme in sorted(shares)[:count]]


def score_of(audit: Audit) -> AuditScore | None:
    return AuditScore.objects.filter(audit=audit).first()


def engine_messages(result: IndicatorResult) -> list[str]:
    """Return the engine's messages about one result, in the reader's language and number
    format, without the place (the page shows which city, year and indicator)."""
    kept = result.messages or [{"code": code} for code in result.message_codes or []]
    return [
        Message(given["code"], given.get("params") or {}).without_place(_, number_text)
        for given in kept
        if given.get("code") in MESSAGES
    ]


def number_text(value: float) -> str:
    """Return a number of a message in the reader's format, grouped ("12,345.6" / "12.345,6")."""
    if value == int(value) and abs(value) < 1e15:
        return formats.number(int(value))
    return formats.number(value)


@dataclass
class IndicatorRow:
    """One indicator of an audit as its page shows it."""

    key: str
    number: str
    name: str
    unit: str
    theme: str
    value: float | None
    status: str
    messages: list[str]
    earlier: list[tuple[int, float | None]] = field(default_factory=list)
    peers: dict[str, Benchmark] = field(default_factory=dict)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.status, self.status))

    @property
    def position(self) -> Benchmark | None:
        """The indicator's place among all audited cities of its year, if it has one."""
        return self.peers.get(PeerKind.ALL)


def indicator_row(result: IndicatorResult) -> IndicatorRow:
    """Return one result with its indicator's number, name and unit and the engine's messages."""
    indicator = load_catalogue().indicators.get(result.indicator)
    return IndicatorRow(
        key=result.indicator,
        number=result.indicator.partition("/")[2],
        name=indicator.name if indicator else result.indicator,
        unit=indicator.unit if indicator else "",
        theme=result.theme,
        value=result.value,
        status=result.outcome,
        messages=engine_messages(result),
    )


def flagged_indicators(audit: Audit) -> list[IndicatorRow]:
    """Return the audit's indicators the engine warned about or found invalid, with why."""
    results = audit.results.filter(outcome__in=["warning", "invalid"]).order_by("indicator")
    return [indicator_row(result) for result in results]


def indicator_rows(audit: Audit, *, theme: str = "") -> list[IndicatorRow]:
    """Return the audit's indicators with names, messages, earlier values and peer figures."""
    results = IndicatorResult.objects.filter(audit=audit)
    if theme:
        results = results.filter(theme=theme)
    rows = [indicator_row(result) for result in results.order_by("indicator")]
    keys = [row.key for row in rows]
    earlier: dict[str, list] = {}
    for year, key, value in (
        IndicatorResult.objects.filter(
            audit__city_id=audit.city_id,
            audit__status="published",
            audit__year__lt=audit.year,
            indicator__in=keys,
        )
        .order_by("audit__year", "audit__published_at")
        .values_list("audit__year", "indicator", "value")
    ):
        earlier.setdefault(key, {})[year] = value  # a later publication of a year wins
    peers: dict[str, dict] = {}
    for benchmark in Benchmark.objects.filter(audit=audit, indicator__in=keys):
        peers.setdefault(benchmark.indicator, {})[benchmark.peer_kind] = benchmark
    for row in rows:
        row.earlier = sorted(earlier.get(row.key, {}).items())
        row.peers = peers.get(row.key, {})
    return rows


def audit_themes(audit: Audit) -> list[str]:
    """Return the themes the audit has indicators in, in the taxonomy's order."""
    present = set(audit.results.values_list("theme", flat=True))
    return [theme.slug for theme in THEMES if theme.slug in present]


def published_values() -> QuerySet[IndicatorResult]:
    """Return every value of every published audit, for the open data (in a stable order)."""
    return (
        IndicatorResult.objects.filter(audit__status="published")
        .select_related("audit__city")
        .order_by("audit__city__name", "audit__year", "audit__version", "indicator")
    )


def rankings(year: int) -> QuerySet[AuditScore]:
    """Return the overall index of the year's benchmarked audits, best rank first."""
    return (
        AuditScore.objects.filter(audit__year=year, audit__status="published")
        .select_related("audit__city")
        .order_by("rank", "audit__city__name")
    )


def theme_rankings(year: int, theme: str) -> QuerySet[ThemeScore]:
    return (
        ThemeScore.objects.filter(
            audit__year=year, audit__status="published", theme=theme, score__isnull=False
        )
        .select_related("audit__city")
        .order_by("rank", "audit__city__name")
    )


def ranked_years() -> list[int]:
    """Return the data years that have an index, newest first."""
    years = AuditScore.objects.filter(audit__status="published").values_list(
        "audit__year", flat=True
    )
    return sorted(set(years), reverse=True)
