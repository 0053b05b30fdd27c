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


@dataclass(frozen=True)
class PeerGroup:
    """The peer group an indicator's chart shows: its kind, label, and who is in it."""

    kind: str
    label: str
    audit_ids: frozenset[int] = frozenset()


def _closest(groups: dict[str, Benchmark]) -> Benchmark | None:
    """Return the closest kind of group with another city in it (CHART_KINDS' order)."""
    return next(
        (groups[kind] for kind in CHART_KINDS if kind in groups and groups[kind].group_size > 1),
        None,
    )


def _group_label(group: Benchmark) -> str:
    label = group.get_peer_kind_display()
    if group.peer_kind not in (PeerKind.LIST, PeerKind.ALL) and group.peer_group:
        label = f"{label} ({group.peer_group})"
    return str(label)


def _chosen_groups(audit: Audit, indicators: list[str]) -> dict[str, Benchmark]:
    """Return the audit's closest peer group for each indicator that has one (one query)."""
    groups: dict[str, dict[str, Benchmark]] = {}
    for row in Benchmark.objects.filter(audit=audit, indicator__in=indicators):
        groups.setdefault(row.indicator, {})[row.peer_kind] = row
    chosen = {key: _closest(by_kind) for key, by_kind in groups.items()}
    return {key: group for key, group in chosen.items() if group is not None}


def _members(chosen: dict[str, Benchmark]) -> set[tuple[str, int]]:
    """Return (indicator, audit) of every audit in each indicator's chosen group (one query).

    The Benchmark rows say who is in a group; the query asks for a few more (every kind and
    label chosen for any indicator) and the exact group is kept here.
    """
    wanted = {
        (key, group.peer_kind, group.peer_group)
        for key, group in chosen.items()
        if group.peer_kind != PeerKind.LIST
    }
    if not wanted:
        return set()
    rows = Benchmark.objects.filter(
        indicator__in={key for key, _kind, _group in wanted},
        peer_kind__in={kind for _key, kind, _group in wanted},
        peer_group__in={group for _key, _kind, group in wanted},
    ).values_list("indicator", "peer_kind", "peer_group", "audit_id")
    return {(key, audit_id) for key, kind, group, audit_id in rows if (key, kind, group) in wanted}


def peer_values(
    audit: Audit, indicators: list[str]
) -> dict[str, tuple[list[tuple[str, float | None]], str]]:
    """Return, per indicator, the city's value and its peers' of the same year, and the
    group's name, in a few queries whatever the number of indicators."""
    own = dict(audit.results.filter(indicator__in=indicators).values_list("indicator", "value"))
    chosen = _chosen_groups(audit, indicators)
    members = _members(chosen)
    chosen_peers: set[int] = set()
    if any(group.peer_kind == PeerKind.LIST for group in chosen.values()):
        chosen_peers = set(audit.city.peers.values_list("pk", flat=True))
    by_city: dict[str, dict[str, float | None]] = {}
    rows = (
        IndicatorResult.objects.filter(
            indicator__in=list(chosen), audit__year=audit.year, audit__status="published"
        )
        .exclude(audit__city_id=audit.city_id)
        .order_by("audit__published_at")
        .values_list("indicator", "audit_id", "audit__city_id", "audit__city__name", "value")
    )
    for key, audit_id, city_id, name, value in rows:
        if chosen[key].peer_kind == PeerKind.LIST:
            if city_id not in chosen_peers:
                continue
        elif (key, audit_id) not in members:
            continue
        by_city.setdefault(key, {})[name] = value  # a later publication of the year wins
    found = {}
    for key in indicators:
        own_value = own.get(key)
        if key not in chosen:
            found[key] = ([(audit.city.name, own_value)], "")
            continue
        others = sorted(
            by_city.get(key, {}).items(),
            key=lambda pair, own_value=own_value: (
                pair[1] is None,
                abs(pair[1] - (own_value or 0.0)) if pair[1] is not None else 0,
            ),
        )[:PEERS_SHOWN]
        found[key] = ([(audit.city.name, own_value), *others], _group_label(chosen[key]))
    return found


def peer_charts(audit: Audit, indicators: list[str]) -> dict[str, SafeString]:
    """Return each indicator's value for the city and its peer group of the same year, as
    bars; the queries do not grow with the number of indicators."""
    return {
        key: _draw_peers(audit, key, pairs, group)
        for key, (pairs, group) in peer_values(audit, indicators).items()
    }


def peer_chart(audit: Audit, indicator: str) -> SafeString:
    """Return the indicator's value for the city and its peer group of the same year, as bars."""
    return peer_charts(audit, [indicator])[indicator]


def _draw_peers(
    audit: Audit, indicator: str, pairs: list[tuple[str, float | None]], group: str
) -> SafeString:
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


def _medians_by_year(
    city: City, years_of: dict[str, list[int]]
) -> dict[str, tuple[dict[int, float | None], str]]:
    """Return, per indicator, the peer median in each of its years, in one kind of peer group,
    and that group's name: the closest kind the city's latest published audit of the
    indicator has with another city in it (one query for every indicator)."""
    rows = (
        Benchmark.objects.filter(
            audit__city=city, audit__status="published", indicator__in=list(years_of)
        )
        .order_by("audit__year", "audit__published_at")
        .only("indicator", "peer_kind", "group_size", "median", "audit__year")
        .select_related("audit")
    )
    by_indicator: dict[str, list[Benchmark]] = {}
    for row in rows:
        by_indicator.setdefault(row.indicator, []).append(row)
    found = {}
    for key, years in years_of.items():
        latest = {}
        for row in by_indicator.get(key, []):
            if row.audit.year == max(years):
                latest[row.peer_kind] = row  # a later publication of the year wins
        group = _closest(latest)
        if group is None:
            found[key] = ({}, "")
            continue
        medians = {
            row.audit.year: row.median
            for row in by_indicator[key]
            if row.peer_kind == group.peer_kind and row.audit.year in years
        }
        label = _("Peer median (%(group)s)") % {"group": PeerKind(group.peer_kind).label}
        found[key] = (medians, label)
    return found


def trend_charts(
    city: City, indicators: list[str], *, median: bool = False
) -> dict[str, SafeString]:
    """Return each indicator's value in each of the city's published audits, as a line.

    Every year from the first to the last is on the axis; a year without a published value is
    a gap. With `median`, the median of the city's peer group each year is a dashed line. The
    queries do not grow with the number of indicators.
    """
    by_indicator: dict[str, dict[int, float | None]] = {key: {} for key in indicators}
    for key, year, value in (
        IndicatorResult.objects.filter(
            audit__city=city, audit__status="published", indicator__in=indicators
        )
        .order_by("audit__year", "audit__published_at")
        .values_list("indicator", "audit__year", "value")
    ):
        by_indicator[key][year] = value  # a later publication of the year wins
    years_of = {
        key: list(range(min(by_year), max(by_year) + 1))
        for key, by_year in by_indicator.items()
        if by_year
    }
    medians = _medians_by_year(city, years_of) if median and years_of else {}
    return {
        key: _draw_trend(city, key, years_of.get(key, []), by_year, *medians.get(key, ({}, "")))
        for key, by_year in by_indicator.items()
    }


def trend_chart(city: City, indicator: str, *, median: bool = False) -> SafeString:
    """Return the indicator's value in each of the city's published audits, as a line."""
    return trend_charts(city, [indicator], median=median)[indicator]


def _draw_trend(
    city: City,
    indicator: str,
    years: list[int],
    by_year: dict[int, float | None],
    reference: dict[int, float | None],
    reference_name: str,
) -> SafeString:
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
