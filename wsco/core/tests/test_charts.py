"""The one chart module: positions and figures worked out by hand on a small chart."""

import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from pypdf import PdfReader

from wsco.core import pdf
from wsco.core.charts import Series, bar_chart, line_chart, nice_step

# Two months, 120.00 and 300.00. The highest value over the 4 gridlines is 75, rounded up to a
# step of 100, so the scale tops at 400. The plot is 640 - 64 - 8 = 568 wide and 240 - 12 - 28
# = 200 high: 120.00 is a bar 200 * 120 / 400 = 60 high, whose top is at 12 + 200 - 60 = 152;
# 300.00 is 150 high, its top at 62. Each month is a band of 568 / 2 = 284; a bar fills 80 %
# of it (227.2) from 10 % in (28.4): the bars start at 64 + 28.4 = 92.4 and 64 + 284 + 28.4 =
# 376.4; the line's points are at the bands' middles, 64 + 142 = 206 and 490.
FEES = {
    "title": "Fees received",
    "description": "Fees by month.",
    "category_name": "Month",
    "categories": ["January 2026", "February 2026"],
    "series": [Series(name="EUR", values=[Decimal("120.00"), Decimal("300.00")])],
    "money": True,
}


@pytest.mark.parametrize(
    ("value", "step"), [(0, 1), (75, 100), (7, 10), (2.2, 2.5), (0.3, 0.5), (150, 200), (5, 5)]
)
def test_the_scale_steps_by_1_2_2_5_or_5_times_a_power_of_ten(value, step):
    assert nice_step(value) == pytest.approx(step)


def test_bars_stand_where_the_numbers_put_them():
    html = bar_chart(**FEES)

    rects = re.findall(r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', html)
    assert rects == [("92.4", "152.0", "227.2", "60.0"), ("376.4", "62.0", "227.2", "150.0")]
    ticks = re.findall(r'<text class="chart-tick"[^>]*>([^<]+)</text>', html)
    assert ticks == ["0.00", "100.00", "200.00", "300.00", "400.00"]


def test_a_line_joins_the_middles_of_the_months():
    html = line_chart(**FEES)
    assert 'points="206.0,152.0 490.0,62.0"' in html
    assert html.count("<circle") == 2


def test_a_chart_has_a_title_a_description_and_its_numbers_as_a_table():
    html = bar_chart(**FEES)

    assert '<title id="fees-received-title">Fees received</title>' in html
    assert '<desc id="fees-received-desc">Fees by month.</desc>' in html
    assert 'aria-labelledby="fees-received-title fees-received-desc"' in html
    assert 'role="img"' in html
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td class="numeric">([^<]+)</td>', html)
    assert rows == [("January 2026", "120.00"), ("February 2026", "300.00")]
    assert "<title>February 2026, EUR: 300.00</title>" in html
    assert "style=" not in html


def test_the_numbers_follow_the_readers_language():
    with translation.override("ro"):
        html = bar_chart(**FEES)
    assert '<td class="numeric">120,00</td>' in html


def test_several_series_stand_side_by_side_with_a_legend_and_a_column_each():
    html = bar_chart(
        title="Memberships",
        description="By month.",
        category_name="Month",
        categories=["March"],
        series=[Series(name="New", values=[3]), Series(name="Lapsed", values=[1])],
    )
    # One band of 568 shared by two bars of 568 * 0.8 / 2 = 227.2: from 64 + 56.8 = 120.8
    # and 120.8 + 227.2 = 348. The scale: 3 / 4 = 0.75, a step of 1, a top of 4.
    assert re.findall(r'<rect x="([\d.]+)"', html) == ["120.8", "348.0"]
    ticks = re.findall(r'<text class="chart-tick"[^>]*>([^<]+)</text>', html)
    assert ticks == ["0", "1", "2", "3", "4"]
    assert 'class="chart-legend"' in html
    assert re.findall(r'<th scope="col" class="numeric">(\w+)</th>', html) == ["New", "Lapsed"]
    assert re.findall(r'<g class="(chart-series-\d)"', html) == [
        "chart-series-1",
        "chart-series-2",
    ]


def test_axis_labels_can_be_shorter_than_the_table_s_names():
    html = bar_chart(**FEES, axis_labels=["Jan. 26", "Feb. 26"])
    assert '<text x="206.0" y="232" text-anchor="middle">Jan. 26</text>' in html
    assert '<th scope="row">January 2026</th>' in html


def test_a_series_with_a_value_missing_is_refused():
    with pytest.raises(ValueError, match="one value for each category"):
        bar_chart(**(FEES | {"series": [Series(name="EUR", values=[1])]}))


def test_the_chart_colours_are_classes_of_the_stylesheet():
    stylesheet = Path(settings.BASE_DIR, "wsco/core/static/core/charts.css").read_text()
    for number in range(1, 7):
        assert f".chart-series-{number} {{ fill: var(--" in stylesheet


def test_a_chart_renders_in_a_pdf_with_its_numbers(tmp_path):
    static = Path(settings.BASE_DIR, "wsco/core/static/core")
    css = [(static / name).read_text() for name in ("tokens.css", "charts.css")]
    pdf.register_document("tests.chart", sample=lambda markdown: b"")
    try:
        content = pdf.render_pdf(
            f"<html><body>{bar_chart(**FEES)}</body></html>",
            document="tests.chart",
            stylesheets=css,
        )
    finally:
        pdf._documents.pop("tests.chart")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "Fees received" in text
    assert "300.00" in text
    assert "February 2026" in text
