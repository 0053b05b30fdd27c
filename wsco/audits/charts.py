"""The audits' charts, drawn by the platform's one chart module (`wsco.core.charts`).

Three small functions, so that pages and the report ask for a chart by what it shows: a
theme profile, an indicator among peers, an indicator over the years. Values below zero are
left out (the chart module draws zero or more).
"""

from decimal import Decimal

from django.utils.safestring import SafeString
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wsco.audits.models import Audit, Benchmark, City, IndicatorResult, PeerKind, ThemeScore
from wsco.audits.public import theme_name
from wsco.core.charts import Series, bar_chart, line_chart

# At most this many peers beside the city in a peer chart: the closest values to its own.
PEERS_SHOWN = 11


def _short(name: str) -> str:
    """Return a name short enough to sit under a bar (the table beside gives it whole)."""
    word = name.split()[0].rstrip(",/") if name else ""
    return word if len(word) <= 6 else word[:5] + "."


def _number(value: float | None) -> Decimal:
    return Decimal(str(round(max(value or 0.0, 0.0), 2)))


def theme_profile_chart(audit: Audit) -> SafeString:
    """Return the audit's theme scores (0-100) as bars, one per theme."""
    scores = [row for row in ThemeScore.objects.filter(audit=audit) if row.score is not None]
    scores.sort(key=lambda row: theme_name(row.theme))
    return bar_chart(
        title=_("Theme profile"),
        description=_("Each theme's score from 0 to 100 among the cities audited for %(year)s.")
        % {"year": audit.year},
        category_name=_("Theme"),
        categories=[theme_name(row.theme) for row in scores],
        axis_labels=[_short(theme_name(row.theme)) for row in scores],
        series=[Series(name=_("Score"), values=[_number(row.score) for row in scores])],
        key=f"profile-{audit.pk}",
    )


# The peer group a peer chart shows: the closest one with another city in it.
CHART_KINDS = [PeerKind.LIST, PeerKind.POPULATION, PeerKind.REGION, PeerKind.COUNTRY, PeerKind.ALL]


def _peer_values(audit: Audit, indicator: str) -> list[tuple[str, float]]:
    """Return the city's value and its peers' of the same year, in its closest peer group."""
    groups = {
        row.peer_kind: row for row in Benchmark.objects.filter(audit=audit, indicator=indicator)
    }
    chosen = next(
        (groups[kind] for kind in CHART_KINDS if kind in groups and groups[kind].group_size > 1),
        None,
    )
    own_value = audit.results.filter(indicator=indicator).values_list("value", flat=True).first()
    if chosen is None or own_value is None:
        return [(audit.city.name, own_value)] if own_value is not None else []
    if chosen.peer_kind == PeerKind.LIST:
        peers = IndicatorResult.objects.filter(audit__city__in=audit.city.peers.values("pk"))
    else:
        peers = IndicatorResult.objects.filter(
            audit__benchmarks__indicator=indicator,
            audit__benchmarks__peer_kind=chosen.peer_kind,
            audit__benchmarks__peer_group=chosen.peer_group,
        )
    rows = (
        peers.filter(
            indicator=indicator,
            audit__year=audit.year,
            audit__status="published",
            audit__benchmarks__isnull=False,
            value__isnull=False,
        )
        .exclude(audit__city_id=audit.city_id)
        .distinct()
        .values_list("audit__city__name", "value")
    )
    others = sorted(rows, key=lambda pair: abs(pair[1] - own_value))[:PEERS_SHOWN]
    return sorted([(audit.city.name, own_value), *others], key=lambda pair: pair[1])


def peer_chart(audit: Audit, indicator: str) -> SafeString:
    """Return the indicator's value for the city and its peers of the same year, as bars."""
    pairs = _peer_values(audit, indicator)
    return bar_chart(
        title=_("Among peers"),
        description=_("%(indicator)s in %(year)s: %(city)s and its peer cities.")
        % {"indicator": indicator, "year": audit.year, "city": audit.city.name},
        category_name=_("City"),
        categories=[name for name, _value in pairs],
        axis_labels=[_short(name) for name, _value in pairs],
        series=[Series(name=indicator, values=[_number(value) for _name, value in pairs])],
        key=f"peers-{audit.pk}-{slugify(indicator)}",
    )


def trend_chart(city: City, indicator: str) -> SafeString:
    """Return the indicator's value in each of the city's published audits, as a line."""
    by_year: dict[int, float] = {}
    for year, value in (
        IndicatorResult.objects.filter(
            audit__city=city, audit__status="published", indicator=indicator, value__isnull=False
        )
        .order_by("audit__year", "audit__published_at")
        .values_list("audit__year", "value")
    ):
        by_year[year] = value
    years = sorted(by_year)
    return line_chart(
        title=_("Over the years"),
        description=_("%(indicator)s in each published audit of %(city)s.")
        % {"indicator": indicator, "city": city.name},
        category_name=_("Data year"),
        categories=[str(year) for year in years],
        series=[Series(name=indicator, values=[_number(by_year[year]) for year in years])],
        key=f"trend-{city.pk}-{slugify(indicator)}",
    )
