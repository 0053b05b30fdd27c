"""The audits' charts, drawn by the platform's one chart module (`wsco.core.charts`).

Three functions, so that pages and the report ask for a chart by what it shows: a theme
profile (`theme_profile`), an indicator among the peer group (`peer_bars`), an indicator over
the years (`trend_chart`). They read the rows `services.benchmarks` keeps; nothing here runs
the engine. A value the chart module cannot draw (none, or below zero) is "no data", never a
zero. docs/audits.md, "The audit page".
"""

import statistics
from dataclasses import dataclass
from decimal import Decimal

from django.utils.safestring import SafeString
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wsco.audits.engine.catalogue import load_catalogue
from wsco.audits.models import Audit, Benchmark, City, IndicatorResult, PeerKind, ThemeScore
from wsco.audits.public import audit_themes, theme_name
from wsco.core import charts
from wsco.core.themes import THEMES

# At most this many peers beside the city in a peer chart (the closest values to its own):
# with the city, the 50 bars `peer_bars` lays out legibly.
PEERS_SHOWN = 49
# The peer group a peer chart (and a trend's median) shows: the closest one with another city.
CHART_KINDS = [PeerKind.LIST, PeerKind.POPULATION, PeerKind.REGION, PeerKind.COUNTRY, PeerKind.ALL]


def _drawable(value: float | None) -> Decimal | None:
    """Return a value as the charts take it (two decimals at most), None if it is not drawn."""
    if value is None or value != value or value < 0:
        return None
    number = Decimal(str(round(value, 2)))
    return number.quantize(Decimal(1)) if number == number.to_integral_value() else number


def _score(value: float | None) -> Decimal | None:
    """Return a theme score (0-100) with one decimal, None when there is none."""
    if value is None or value != value:
        return None
    return Decimal(str(round(min(max(value, 0.0), 100.0), 1)))


def _indicator(key: str):
    return load_catalogue().indicators.get(key)


def _indicator_label(key: str) -> str:
    indicator = _indicator(key)
    return f"{indicator.number} {indicator.name}" if indicator else key


def _better(key: str) -> str:
    indicator = _indicator(key)
    better = (indicator.better or "").strip().lower() if indicator else ""
    return better if better in charts.BETTER else ""


# Theme profile


@dataclass(frozen=True)
class ProfileLine:
    """One theme of an audit's profile: its score and the reference mark, None when missing."""

    theme: str
    score: Decimal | None
    reference: Decimal | None = None


@dataclass(frozen=True)
class Profile:
    """An audit's theme profile as plain data (the report keeps it in its fingerprint)."""

    lines: list[ProfileLine]
    reference_name: str = ""

    @property
    def has_scores(self) -> bool:
        return any(line.score is not None for line in self.lines)


def theme_profile_data(audit: Audit) -> Profile:
    """Return the audit's theme scores and, per theme, a reference to read them against.

    The themes are those the audit has indicators or a score in, in the taxonomy's order; a
    theme without a score is "no data". The reference is the median score of the city's chosen
    peers audited for the same year when any of them has scores, else the mean of every city
    audited for that year (when another city has scores too), else none.
    """
    own = {row.theme: row.score for row in ThemeScore.objects.filter(audit=audit)}
    present = set(own) | set(audit_themes(audit))
    slugs = [theme.slug for theme in THEMES if theme.slug in present]
    slugs += sorted(present - set(slugs))
    year_scores = ThemeScore.objects.filter(
        audit__year=audit.year, audit__status="published", score__isnull=False
    )
    peers = year_scores.filter(audit__city__in=audit.city.peers.values("pk")).exclude(
        audit__city_id=audit.city_id
    )
    by_theme: dict[str, list[float]] = {}
    if peers.exists():
        for theme, score in peers.values_list("theme", "score"):
            by_theme.setdefault(theme, []).append(score)
        reference = {theme: statistics.median(found) for theme, found in by_theme.items()}
        reference_name = _("Median of the chosen peers")
    elif year_scores.exclude(audit__city_id=audit.city_id).exists():
        for theme, score in year_scores.values_list("theme", "score"):
            by_theme.setdefault(theme, []).append(score)
        reference = {theme: statistics.fmean(found) for theme, found in by_theme.items()}
        reference_name = _("Mean of the cities audited for %(year)s") % {"year": audit.year}
    else:
        reference, reference_name = {}, ""
    lines = [
        ProfileLine(
            theme=theme_name(slug),
            score=_score(own.get(slug)),
            reference=_score(reference.get(slug)),
        )
        for slug in slugs
    ]
    return Profile(lines=lines, reference_name=reference_name)


def draw_profile(profile: Profile, *, year: int, key: str) -> SafeString:
    """Draw a `Profile` (from `theme_profile_data`, or kept by the report)."""
    with_reference = bool(profile.reference_name) and any(
        line.reference is not None for line in profile.lines
    )
    return charts.theme_profile(
        title=_("Theme profile"),
        description=_("Each theme's score from 0 to 100 among the cities audited for %(year)s.")
        % {"year": year},
        themes=[line.theme for line in profile.lines],
        scores=[line.score for line in profile.lines],
        reference=[line.reference for line in profile.lines] if with_reference else None,
        reference_name=profile.reference_name if with_reference else "",
        decimals=1,
        key=key,
        empty_message=_("No theme has a score yet."),
    )


def theme_profile_chart(audit: Audit) -> SafeString:
    """Return the audit's theme scores (0-100) as a theme profile, a bar per theme."""
    return draw_profile(theme_profile_data(audit), year=audit.year, key=f"profile-{audit.pk}")


# Among peers


def _peer_group(audit: Audit, indicator: str) -> Benchmark | None:
    """Return the audit's closest peer group for `indicator` with another city in it."""
    groups = {
        row.peer_kind: row for row in Benchmark.objects.filter(audit=audit, indicator=indicator)
    }
    return next(
        (groups[kind] for kind in CHART_KINDS if kind in groups and groups[kind].group_size > 1),
        None,
    )


def _peer_values(audit: Audit, indicator: str) -> tuple[list[tuple[str, float | None]], str]:
    """Return the city's value and its peers' of the same year, and the group's name."""
    own_value = audit.results.filter(indicator=indicator).values_list("value", flat=True).first()
    group = _peer_group(audit, indicator)
    if group is None:
        return [(audit.city.name, own_value)], ""
    values = IndicatorResult.objects.filter(
        indicator=indicator, audit__year=audit.year, audit__status="published"
    ).exclude(audit__city_id=audit.city_id)
    if group.peer_kind == PeerKind.LIST:
        values = values.filter(audit__city__in=audit.city.peers.values("pk"))
    else:
        members = Benchmark.objects.filter(
            indicator=indicator, peer_kind=group.peer_kind, peer_group=group.peer_group
        ).values("audit_id")
        values = values.filter(audit_id__in=members)
    by_city: dict[str, float | None] = {}
    for name, value in values.order_by("audit__published_at").values_list(
        "audit__city__name", "value"
    ):
        by_city[name] = value  # a later publication of the year wins
    others = sorted(
        by_city.items(),
        key=lambda pair: (
            pair[1] is None,
            abs(pair[1] - (own_value or 0.0)) if pair[1] is not None else 0,
        ),
    )[:PEERS_SHOWN]
    label = group.get_peer_kind_display()
    if group.peer_kind not in (PeerKind.LIST, PeerKind.ALL) and group.peer_group:
        label = f"{label} ({group.peer_group})"
    return [(audit.city.name, own_value), *others], str(label)


def peer_chart(audit: Audit, indicator: str) -> SafeString:
    """Return the indicator's value for the city and its peer group of the same year, as bars."""
    pairs, group = _peer_values(audit, indicator)
    found = _indicator(indicator)
    description = _("%(indicator)s in %(year)s: %(city)s and the cities of its peer group.") % {
        "indicator": _indicator_label(indicator),
        "year": audit.year,
        "city": audit.city.name,
    }
    if group:
        description = f"{description} {_('Peer group: %(group)s.') % {'group': group}}"
    return charts.peer_bars(
        title=_("Among peers"),
        description=description,
        cities=[name for name, _value in pairs],
        values=[_drawable(value) for _name, value in pairs],
        highlight=audit.city.name,
        unit=found.unit if found else "",
        better=_better(indicator),
        key=f"peers-{audit.pk}-{slugify(indicator)}",
        empty_message=_("No value to compare yet."),
    )


# Over the years


def _median_by_year(city: City, indicator: str, years: list[int]) -> tuple[dict, str]:
    """Return the peer median of `indicator` in each year, in one kind of peer group, and its
    name: the closest kind the city's latest published audit has with another city in it."""
    benchmarks = Benchmark.objects.filter(
        audit__city=city, audit__status="published", indicator=indicator, audit__year__in=years
    ).order_by("audit__year", "audit__published_at")
    latest = {}
    for row in benchmarks.filter(audit__year=max(years)):
        latest[row.peer_kind] = row
    kind = next(
        (kind for kind in CHART_KINDS if kind in latest and latest[kind].group_size > 1), None
    )
    if kind is None:
        return {}, ""
    medians = {}
    for year, median in benchmarks.filter(peer_kind=kind).values_list("audit__year", "median"):
        medians[year] = median
    return medians, _("Peer median (%(group)s)") % {"group": PeerKind(kind).label}


def trend_chart(city: City, indicator: str, *, median: bool = False) -> SafeString:
    """Return the indicator's value in each of the city's published audits, as a line.

    Every year from the first to the last is on the axis; a year without a published value is
    a gap. With `median`, the median of the city's peer group each year is a dashed line.
    """
    by_year: dict[int, float | None] = {}
    for year, value in (
        IndicatorResult.objects.filter(
            audit__city=city, audit__status="published", indicator=indicator
        )
        .order_by("audit__year", "audit__published_at")
        .values_list("audit__year", "value")
    ):
        by_year[year] = value  # a later publication of the year wins
    years = list(range(min(by_year), max(by_year) + 1)) if by_year else []
    reference, reference_name = (
        _median_by_year(city, indicator, years) if median and years else ({}, "")
    )
    found = _indicator(indicator)
    return charts.trend_chart(
        title=_("Over the years"),
        description=_("%(indicator)s in each published audit of %(city)s.")
        % {"indicator": _indicator_label(indicator), "city": city.name},
        years=years,
        values=[_drawable(by_year.get(year)) for year in years],
        name=city.name,
        reference=[_drawable(reference.get(year)) for year in years] if reference else None,
        reference_name=reference_name,
        unit=found.unit if found else "",
        category_name=_("Data year"),
        key=f"trend-{city.pk}-{slugify(indicator)}",
        empty_message=_("No published value yet."),
    )
