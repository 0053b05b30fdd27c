"""The audits' charts: theme profile, peer bars and trend from the kept figures; the report's."""

import io
import re

from pypdf import PdfReader

from wsco.audits import charts
from wsco.audits.services import report
from wsco.audits.tests.records import AuditFactory
from wsco.audits.tests.test_benchmarks import UNEMPLOYMENT, published, three, values

__all__ = ["three"]  # the fixture: three cities of 2025, Alba's chosen peer is Cerna


def cells(html: str) -> list[list[str]]:
    """Return the chart table's rows: the heading cell, then the values."""
    body = html.split('<table class="chart-table">', 1)[1]
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
        ]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body.split("<tbody>", 1)[1], re.S)
    ]


def test_the_theme_profile_reads_against_the_chosen_peers_median(three):
    html = charts.theme_profile_chart(three["a"])
    assert 'class="chart chart-profile"' in html
    assert "Median of the chosen peers" in html
    # Cerna, Alba's only chosen peer: economy 0, education none.
    assert cells(html) == [["Economy", "100.0", "0.0"], ["Education", "0.0", "no data"]]


def test_the_theme_profile_reads_against_the_mean_of_all_cities_without_chosen_peers(three):
    html = charts.theme_profile_chart(three["b"])
    assert "Mean of the cities audited for 2025" in html
    # Economy 100, 50, 0; education 0 and 100 (Cerna has none).
    assert cells(html) == [["Economy", "50.0", "50.0"], ["Education", "100.0", "50.0"]]


def test_a_theme_without_a_score_is_no_data(three):
    html = charts.theme_profile_chart(three["c"])
    assert ["Education", "no data", "50.0"] in cells(html)
    assert "No data for: Education." in html


def test_peer_bars_show_the_peer_group_best_first_with_the_city_highlighted(three):
    html = charts.peer_chart(three["a"], UNEMPLOYMENT)
    assert 'class="chart chart-peers"' in html
    assert "Lower values are better." in html
    assert "in place 1 of 2" in html
    assert [row[0] for row in cells(html)] == ["Alba (the audited city)", "Cerna"]
    assert "chart-highlight" in html
    brad = charts.peer_chart(three["b"], UNEMPLOYMENT)
    assert "Peer group: Cities of the same size (200 000-500 000)." in brad
    assert [row[0] for row in cells(brad)] == ["Brad (the audited city)", "Cerna"]


def test_the_trend_leaves_a_gap_for_a_missing_year_and_may_add_the_peer_median(three):
    alba = three["a"].city
    published(alba, year=2023, **values(unemployment=6.0))
    html = charts.trend_chart(alba, UNEMPLOYMENT)
    assert "No value for: 2024." in html
    assert [row[:2] for row in cells(html)] == [["2023", "6"], ["2024", "no data"], ["2025", "4"]]
    path = re.search(r'<path class="chart-path[^"]*"[^>]* d="([^"]+)"', html).group(1)
    assert path.count("M") == 2  # two lone points, no line across 2024
    assert "L" not in path
    with_median = charts.trend_chart(alba, UNEMPLOYMENT, median=True)
    assert "Peer median (" in with_median
    # The chosen peers' median in 2025: Alba 4 and Cerna 12.
    assert cells(with_median)[-1] == ["2025", "4", "8"]


def test_the_published_report_draws_the_theme_profile_with_its_table(three):
    data = report.report_data(three["a"])
    assert data.theme_profile is not None
    chart = report.themes_chart(data)
    assert "chart-profile" in chart
    text = "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(report.report_pdf(data))).pages
    )
    assert "Theme profile" in text
    assert "Median of the chosen peers" in text  # the table's heading: shown, not hidden


def test_a_draft_s_report_counts_the_indicators_reported_per_theme(three):
    draft = AuditFactory(city=three["a"].city, year=2026)
    data = report.report_data(draft)
    assert data.theme_profile is None
    assert "Indicators reported per theme" in report.themes_chart(data)
