"""The audits' charts of the one chart module: a theme profile, peer bars and trends.

Positions are read back from the SVG and compared with what the axis says (a score of 50 on
the 0 to 100 axis reaches halfway from the 0 gridline to the 100 one), so that the tests hold
whatever room the labels take.
"""

import io
import logging
import re
import xml.etree.ElementTree as ElementTree
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines
from django.utils import translation
from pypdf import PdfReader

from wsco.core import design, pdf
from wsco.core.charts import (
    PAINT,
    fit_label,
    peer_bars,
    text_width,
    theme_profile,
    trend_chart,
)
from wsco.core.tests.html_safety import executable_markup
from wsco.core.themes import THEMES

SVG = "{http://www.w3.org/2000/svg}"
SPRITE = "/static/core/icons/sprite.svg"


def drawing(html: str) -> ElementTree.Element:
    """Return the chart's `<svg>` as an element tree."""
    return ElementTree.fromstring(re.search(r"<svg class=\"chart-svg\".*?</svg>", html, re.S)[0])


def shapes(html: str, tag: str, css: str) -> list[ElementTree.Element]:
    return [shape for shape in drawing(html).iter(SVG + tag) if css in shape.get("class").split()]


def gridline_xs(html: str) -> list[float]:
    return [float(line.get("x1")) for line in shapes(html, "line", "chart-gridline")]


def table_rows(html: str) -> list[list[str]]:
    """Return the table's body as text, a list of cells for each row."""
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)[1]
    return [
        [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


PROFILE = {
    "title": "Theme profile",
    "description": "The city's scores by theme.",
    "themes": ["Economy", "Urban/local agriculture and food security", "Water"],
    "scores": [50, None, Decimal("72.5")],
}


def test_a_score_of_50_reaches_half_the_0_to_100_axis():
    html = theme_profile(**PROFILE)

    zero, *_middle, hundred = gridline_xs(html)
    economy, water = shapes(html, "rect", "chart-bar")
    assert float(economy.get("x")) == zero
    assert float(economy.get("width")) == pytest.approx((hundred - zero) / 2, abs=0.01)
    assert float(water.get("width")) == pytest.approx((hundred - zero) * 0.725, abs=0.01)
    ticks = [text.text for text in shapes(html, "text", "chart-tick")]
    assert ticks == ["0", "25", "50", "75", "100"]


def test_a_theme_without_a_score_says_no_data_rather_than_zero():
    html = theme_profile(**PROFILE)

    assert len(shapes(html, "rect", "chart-bar")) == 2  # Economy and Water; no bar of zero.
    assert [text.text for text in shapes(html, "text", "chart-no-data")] == ["no data"]
    assert table_rows(html)[1] == ["Urban/local agriculture and food security", "no data"]
    assert "No data for: Urban/local agriculture and food security." in html


def test_the_peer_median_is_a_mark_across_each_bar_and_a_column_of_the_table():
    html = theme_profile(**PROFILE, reference=[60, 40, None], reference_name="Peer median")

    zero, *_middle, hundred = gridline_xs(html)
    marks = shapes(html, "line", "chart-reference")
    assert [float(mark.get("x1")) for mark in marks] == [
        pytest.approx(zero + (hundred - zero) * 0.6, abs=0.01),
        pytest.approx(zero + (hundred - zero) * 0.4, abs=0.01),
    ]
    assert marks[0].find(SVG + "title").text == "Economy, Peer median: 60"
    assert table_rows(html)[2] == ["Water", "72.5", "no data"]
    assert "The marks show Peer median." in html
    assert 'class="chart-legend"' in html


def text_extents(html: str):
    """Yield each text's estimated left and right edges, from its anchor and its lines."""
    for text in drawing(html).iter(SVG + "text"):
        lines = [span.text for span in text.iter(SVG + "tspan")] or [text.text]
        bold = "chart-label-highlight" in text.get("class")
        for line in lines:
            width = text_width(line, bold=bold)
            x = float(text.get("x"))
            shift = {"start": 0, "middle": width / 2, "end": width}[text.get("text-anchor")]
            yield line, x - shift, x - shift + width


def overflowing(html: str) -> list[str]:
    """Return the lines of text that would run out of the drawing's viewBox."""
    width = float(drawing(html).get("viewBox").split()[2])
    return [line for line, left, right in text_extents(html) if left < 0 or right > width]


def test_the_19_themes_long_names_included_fit_inside_the_drawing():
    names = [str(theme.name) for theme in THEMES]
    html = theme_profile(
        title="Profile", description="All themes.", themes=names, scores=list(range(0, 95, 5))
    )

    assert overflowing(html) == []
    wrapped = [
        text for text in shapes(html, "text", "chart-label") if text.find(SVG + "tspan") is not None
    ]
    assert [" ".join(span.text for span in text) for text in wrapped] == [
        "Urban/local agriculture and food security"
    ]


def test_a_name_too_long_for_two_lines_is_cut_and_given_whole_in_the_table():
    name = "The very long name of a theme " * 5
    html = theme_profile(title="Profile", description="", themes=[name], scores=[10])

    (label,) = shapes(html, "text", "chart-label")
    assert [span.text for span in label.iter(SVG + "tspan")][-1].endswith("…")
    assert label.find(SVG + "title").text == name
    assert table_rows(html)[0][0] == name
    assert overflowing(html) == []


def test_fit_label_wraps_at_spaces_then_cuts():
    assert fit_label("Water", 200) == ["Water"]
    assert fit_label("Urban/local agriculture and food security", 150) == [
        "Urban/local agriculture",
        "and food security",
    ]
    (cut,) = fit_label("Urban/local agriculture and food security", 60, max_lines=1)
    assert cut.startswith("Urban/")
    assert cut.endswith("…")
    assert text_width(cut) <= 60


@pytest.mark.parametrize("bold", [False, True])
def test_the_width_estimate_is_never_short_of_the_fonts(bold):
    from fontTools.ttLib import TTFont

    fonts = [Path(settings.BASE_DIR, "wsco/core/static/core/fonts/inter-latin-wght-normal.woff2")]
    # What a PDF falls back to when the page's font is not linked (Debian's fonts-dejavu).
    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf" if bold else "")
    fonts += [dejavu] if dejavu.is_file() else []
    samples = [str(theme.name) for theme in THEMES] + ["Cluj-Napoca", "MMWW 145,000.00 %"]
    for path in fonts:
        font = TTFont(path)
        cmap, advances, units = font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm
        for sample in samples:
            measured = sum(advances[cmap[ord(letter)]][0] for letter in sample) / units * 11
            assert text_width(sample, bold=bold) >= measured, (path.name, sample)


PEERS = {
    "title": "Households with broadband",
    "description": "Share of households in each city of the peer group.",
    "cities": ["Arad", "Brașov", "Cluj-Napoca", "Deva"],
    "values": [Decimal("12.3"), 0, Decimal("48.05"), None],
    "highlight": "Brașov",
    "value_name": "Households",
    "unit": "%",
}


def test_peer_bars_are_sorted_and_the_audited_city_highlighted():
    html = peer_bars(**PEERS, better="higher")

    labels = [text.text for text in shapes(html, "text", "chart-label")]
    assert labels == ["Cluj-Napoca", "Arad", "Brașov", "Deva"]  # the best first; no value last
    (highlighted,) = shapes(html, "rect", "chart-highlight")
    assert highlighted.find(SVG + "title").text == "Brașov: 0"
    assert float(highlighted.get("width")) == 0  # a value of zero is a bar of no width
    assert shapes(html, "text", "chart-label-highlight")[0].text == "Brașov"
    assert '<tr class="chart-row-highlight"><th scope="row"><strong>Brașov</strong>' in html
    assert "(the audited city)" in html
    assert (
        "Brașov, the audited city, is highlighted: 0, in place 3 of 3. Higher values are better."
    ) in html
    assert table_rows(html)[-1] == ["Deva", "no data"]


def test_when_lower_is_better_the_lowest_comes_first():
    html = peer_bars(**PEERS, better="lower")

    labels = [text.text for text in shapes(html, "text", "chart-label")]
    assert labels == ["Brașov", "Arad", "Cluj-Napoca", "Deva"]
    assert "is highlighted: 0, in place 1 of 3. Lower values are better." in html


def test_peer_values_keep_their_decimals_and_the_axis_names_the_unit():
    html = peer_bars(**PEERS)

    assert [row[1] for row in table_rows(html)] == ["48.05", "12.3", "0", "no data"]
    # 48.05 over 4 gridlines is 12.01…, rounded up to a step of 20: 0 to 80.
    assert [text.text for text in shapes(html, "text", "chart-tick")] == [
        "0",
        "20",
        "40",
        "60",
        "80",
    ]
    assert shapes(html, "text", "chart-axis-title")[0].text == "Households (%)"
    assert '<th scope="col" class="numeric">Households (%)</th>' in html
    zero, *_middle, top = gridline_xs(html)
    cluj = shapes(html, "rect", "chart-bar")[0]
    assert float(cluj.get("width")) == pytest.approx((top - zero) * 48.05 / 80, abs=0.01)


def test_small_values_get_a_scale_with_their_places():
    html = peer_bars(
        title="Incidents per 100 000", description="", cities=["A", "B"], values=[0.04, 0.015]
    )
    ticks = [text.text for text in shapes(html, "text", "chart-tick")]
    assert ticks == ["0.00", "0.01", "0.02", "0.03", "0.04"]
    assert [row[1] for row in table_rows(html)] == ["0.04", "0.015"]


def test_fifty_peers_make_a_taller_drawing_with_every_name_inside():
    cities = [f"Peer city number {index}" for index in range(50)]
    html = peer_bars(
        title="Fifty", description="", cities=cities, values=range(50), highlight=cities[7]
    )
    assert len(shapes(html, "rect", "chart-bar")) == 50
    assert float(drawing(html).get("viewBox").split()[3]) > 50 * 15
    assert overflowing(html) == []


TREND = {
    "title": "Broadband over the years",
    "description": "Share of households.",
    "years": [2019, 2020, 2021, 2022],
    "values": [Decimal("10"), None, Decimal("20"), Decimal("30")],
    "name": "Brașov",
}


def test_a_year_without_a_value_leaves_a_gap_in_the_line():
    html = trend_chart(**TREND)

    (line,) = shapes(html, "path", "chart-path")
    moves = re.findall(r"([ML])[\d.]+,([\d.]+)", line.get("d"))
    # 2019 alone, then the pen lifts over 2020 and goes down again at 2021 to 2022.
    assert [move for move, _y in moves] == ["M", "M", "L"]
    assert len(shapes(html, "circle", "chart-point")) == 3
    assert table_rows(html)[1] == ["2020", "no data"]
    assert "No value for: 2020." in html


def test_a_trend_stands_on_its_scale_with_the_years_evenly_spaced():
    html = trend_chart(**TREND)

    points = shapes(html, "circle", "chart-point")
    xs = [float(point.get("cx")) for point in points]
    # 2019, 2021, 2022: bands of equal width, so 2021 is twice as far from 2019 as 2022 from 2021.
    assert xs[1] - xs[0] == pytest.approx(2 * (xs[2] - xs[1]), abs=0.02)
    ys = {tick.text: float(tick.get("y")) for tick in shapes(html, "text", "chart-tick")}
    # 30 over 4 gridlines is 7.5, a step of 10: 0 to 40; 20 stands on the "20" gridline.
    assert float(points[1].get("cy")) == ys["20"]
    assert float(points[2].get("cy")) == pytest.approx((ys["20"] + ys["40"]) / 2, abs=0.01)


def test_too_many_years_to_label_side_by_side_get_every_second_label():
    # 20 bands share about 610 units: 30.5 each, under the 28.6 + 6 a label "2007" needs.
    years = list(range(2007, 2027))
    html = trend_chart(
        title="Twenty years", description="", years=years, values=range(20), name="A"
    )
    ticks = [text.text for text in shapes(html, "text", "chart-tick")]
    assert [label for label in ticks if int(label) >= 2007] == [str(year) for year in years[::2]]
    assert len(table_rows(html)) == 20
    assert overflowing(html) == []


def test_the_peer_median_is_a_dashed_line_with_square_marks():
    html = trend_chart(**TREND, reference=[12, 14, None, 16], reference_name="Peer median")

    median, city = shapes(html, "path", "chart-path")  # the city's line last, on top
    assert "chart-line-reference" in median.get("class").split()
    assert "chart-line-reference" not in city.get("class").split()
    assert len(shapes(html, "rect", "chart-point")) == 3
    assert table_rows(html)[2] == ["2021", "20", "no data"]
    assert "The dashed line shows Peer median." in html


def test_numbers_follow_the_readers_language_and_coordinates_do_not():
    with translation.override("ro"):
        html = peer_bars(
            title="Populație",
            description="",
            cities=["Cluj-Napoca", "Brașov"],
            values=[Decimal("145000.5"), Decimal("12.3")],
            highlight="Brașov",
        )
        trend = trend_chart(**TREND)

    assert [row[1] for row in table_rows(html)] == ["145.000,5", "12,3"]
    assert shapes(html, "text", "chart-tick")[-1].text == "200.000"
    assert "fără date" in trend
    for element in drawing(html).iter():
        for name in ("x", "y", "width", "height", "x1", "x2", "y1", "y2"):
            assert re.fullmatch(r"[\d.]*", element.get(name, "")), (element.tag, name)


def test_names_are_escaped_and_the_chart_holds_nothing_executable():
    hostile = '<script>alert(1)</script>"'
    html = peer_bars(
        title=f"Peers {hostile}",
        description=hostile,
        cities=[hostile, "Arad"],
        values=[1, 2],
        highlight=hostile,
        value_name=hostile,
    )
    html += theme_profile(title="Profile", description="", themes=[hostile], scores=[40])
    html += trend_chart(title="Trend", description="", years=[hostile], values=[3], name=hostile)

    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert executable_markup(html, icon_sprite=SPRITE) == []


@pytest.mark.parametrize(
    "chart",
    [
        lambda: theme_profile(title="Profile", description="", themes=["Water"], scores=[None]),
        lambda: theme_profile(title="Profile", description="", themes=[], scores=[]),
        lambda: peer_bars(title="Peers", description="", cities=[], values=[]),
        lambda: trend_chart(title="Trend", description="", years=[2020], values=[None], name="A"),
    ],
    ids=["profile-without-scores", "profile-without-themes", "no-peers", "trend-without-values"],
)
def test_nothing_to_draw_gives_the_title_and_an_empty_state(chart):
    html = chart()

    assert "chart-svg" not in html
    assert 'class="chart-caption"' in html
    assert "No figures to draw yet." in html
    assert executable_markup(html, icon_sprite=SPRITE) == []


def test_an_empty_state_may_say_what_is_missing():
    html = trend_chart(
        title="Trend", description="", years=[], values=[], name="A", empty_message="Not audited."
    )
    assert "Not audited." in html


@pytest.mark.parametrize(
    ("chart", "refusal"),
    [
        (lambda: theme_profile(title="P", description="", themes=["W"], scores=[101]), "0 to 100"),
        (lambda: theme_profile(title="P", description="", themes=["W"], scores=[-1]), "0 to 100"),
        (lambda: theme_profile(title="P", description="", themes=["W"], scores=[]), "each theme"),
        (lambda: peer_bars(title="P", description="", cities=["A"], values=[-0.1]), "or more"),
        (lambda: peer_bars(title="P", description="", cities=["A"], values=[]), "each city"),
        (
            lambda: peer_bars(title="P", description="", cities=["A"], values=[1], better="up"),
            "better is",
        ),
        (lambda: trend_chart(title="T", description="", years=[1], values=[], name="A"), "year"),
        (lambda: trend_chart(title="T", description="", years=[1], values=[-2], name="A"), "more"),
    ],
)
def test_numbers_the_charts_cannot_draw_are_refused(chart, refusal):
    with pytest.raises(ValueError, match=refusal):
        chart()


def test_the_scores_just_inside_the_axis_are_drawn():
    html = theme_profile(title="P", description="", themes=["A", "B"], scores=[0, 100])
    zero, *_middle, hundred = gridline_xs(html)
    widths = [float(bar.get("width")) for bar in shapes(html, "rect", "chart-bar")]
    assert widths == [0, pytest.approx(hundred - zero, abs=0.01)]


SELECTORS = {"chart-text": r"\.chart-svg text"}  # every text of a chart, in charts.css


def test_the_pdf_colours_match_the_classes_of_charts_css():
    """Each class's presentation attributes (for WeasyPrint) are the tokens charts.css uses."""
    css = Path(settings.BASE_DIR, "wsco/core/static/core/charts.css").read_text()
    light = design.tokens()["light"]
    for name, attributes in PAINT.items():
        for attribute in ("fill", "stroke"):
            token = attributes.get(attribute)
            if token in light:
                selector = SELECTORS.get(name, rf"\.{name}\b")
                rule = re.search(rf"{selector}[^{{]*\{{[^}}]*\b{attribute}: var\(--{token}\)", css)
                assert rule, f".{name} has no {attribute}: var(--{token}) in charts.css"


@pytest.fixture
def chart_document():
    pdf.register_document("tests.audit_charts", sample=lambda markdown: b"")
    yield "tests.audit_charts"
    pdf._documents.pop("tests.audit_charts")


def test_the_charts_render_in_a_pdf_with_their_stylesheets(chart_document, caplog):
    charts = (
        theme_profile(**PROFILE, reference=[60, 40, None], reference_name="Peer median")
        + peer_bars(**PEERS)
        + trend_chart(**TREND)
    )
    template = engines["django"].from_string(
        "{% load wsco %}<html><head>{% chart_stylesheets %}</head><body>{{ charts }}</body></html>"
    )
    html = template.render({"charts": charts})

    with caplog.at_level(logging.WARNING):
        content = pdf.render_pdf(html, document=chart_document)

    assert not [record for record in caplog.records if record.name == "wsco.pdf"]  # no refusal
    # The SVG rules of charts.css are for screens: WeasyPrint reads none of them.
    assert not [record.getMessage() for record in caplog.records if "chart" in record.getMessage()]
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for title in ("Theme profile", "Households with broadband", "Broadband over the years"):
        assert title in text
    assert "Urban/local agriculture and food" in text
    # The bars are the brand's colour (#0b5c74) and the audited city's the highlight's (#f2a900).
    drawn = "".join(page.get_contents().get_data().decode("latin-1") for page in reader.pages)
    assert "0.043137 0.360784 0.454902 rg" in drawn
    assert "0.94902 0.662745 0 rg" in drawn
