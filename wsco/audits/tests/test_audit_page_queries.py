"""The audit page's theme tab: its queries do not grow with the number of indicators."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.text import slugify

from wsco.audits.services.benchmarks import recompute_benchmarks
from wsco.audits.tests.records import CityFactory
from wsco.audits.tests.test_benchmarks import published

ECONOMY = [f"ISO37120:2018/5.{number}" for number in range(1, 9)]


def theme_tab(indicators: list[str], years: tuple[int, int], prefix: str):
    """Publish three cities' audits of `years` with `indicators` (economy), benchmark them and
    return the first city's later audit, whose theme tab is measured: every indicator then has a
    peer chart (among the chosen peers) and a trend with the peer median."""
    first, second, third = (
        CityFactory(name=f"{prefix} {name}", country="RO", region="West")
        for name in ("Alba", "Brad", "Cerna")
    )
    first.peers.add(third)
    audits = {}
    for offset, city in enumerate((first, second, third)):
        for year in years:
            found = {key: 10.0 + offset + index for index, key in enumerate(indicators)}
            audits[city, year] = published(city, year=year, **found)
    recompute_benchmarks()
    return audits[first, years[1]]


def queries_of(client, audit, indicators: list[str]) -> int:
    url = reverse("audits:audit", kwargs={"pk": audit.pk}) + "?theme=economy"
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url).content.decode()
    # Each indicator is drawn: its peer bars and its trend with the peer median.
    assert page.count("Charts of indicator") == len(indicators)
    for key in indicators:
        assert f"peers-{audit.pk}-{slugify(key)}" in page
        assert f"trend-{audit.city_id}-{slugify(key)}" in page
    assert "Peer median (" in page
    return len(captured)


@pytest.mark.django_db
def test_the_theme_tab_runs_as_many_queries_for_eight_indicators_as_for_two(
    client, django_assert_max_num_queries
):
    small = queries_of(client, theme_tab(ECONOMY[:2], (2020, 2021), "Small"), ECONOMY[:2])
    large = theme_tab(ECONOMY, (2024, 2025), "Large")
    with django_assert_max_num_queries(small):
        queries_of(client, large, ECONOMY)
    # Before the charts were drawn in one batch, each indicator took six queries of its own.
    assert small <= 20
