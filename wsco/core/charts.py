"""Charts as SVG made on the server from the numbers: the platform's one chart module.

A chart is drawn from its numbers with no script: an `<svg>` with a `<title>` and a `<desc>`,
and beside it the same numbers as a table, so a screen reader, a printout and a PDF get them.
Colours come from classes in `wsco.css` (`chart-series-1` to `chart-series-6`, made of the
design tokens), never from inline styles, so the Content Security Policy holds and the dark
scheme applies. Values are zero or more (revenue, counts).

    from wsco.core.charts import Series, bar_chart
    svg_and_table = bar_chart(
        title=_("Revenue per month"),
        description=_("Fees received in each of the last 12 months, in euros."),
        category_name=_("Month"),
        categories=["Jan 2026", "Feb 2026"],
        series=[Series(name="EUR", values=[Decimal("120.00"), Decimal("1500.00")])],
        money=True,
    )
    # in a template: {{ svg_and_table }}
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.text import slugify

from wsco.formats import money as money_text
from wsco.formats import number as number_text

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 64, 8, 12, 28
PLOT_WIDTH, PLOT_HEIGHT = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
TICKS = 4
PALETTE_SIZE = 6  # chart-series-1 … chart-series-6 in wsco.css; a seventh series reuses the first


@dataclass(frozen=True)
class Series:
    """One row of numbers, one value for each category."""

    name: str
    values: Sequence[Decimal | int]


@dataclass
class Drawing:
    """What the template draws: positions in the SVG's own units, texts already formatted."""

    kind: str
    key: str
    category_name: str
    title: str
    description: str
    categories: list[str]
    series: list[dict]
    ticks: list[dict] = field(default_factory=list)
    labels: list[dict] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    baseline: int = TOP + PLOT_HEIGHT


def nice_step(value: float) -> float:
    """Return the smallest of 1, 2, 2.5 or 5 times a power of ten that is at least `value`."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= value)


def _scale_top(series: Sequence[Series]) -> float:
    highest = max((float(value) for row in series for value in row.values), default=0)
    return nice_step(highest / TICKS) * TICKS


def _tick_value(value: float, money: bool) -> Decimal | int:
    """Return a gridline's value as the table shows such numbers: counts are whole (10, not
    10.0) where the step allows; amounts have their cents."""
    exact = Decimal(str(value))
    return int(exact) if not money and exact == exact.to_integral_value() else exact


def _draw(kind, *, title, description, category_name, categories, series, money, key, axis):
    if kind not in ("bar", "line"):
        raise ValueError(f"No chart of kind {kind!r}: bar or line.")
    if any(len(row.values) != len(categories) for row in series):
        raise ValueError("Each series needs one value for each category.")
    text = money_text if money else number_text
    top = _scale_top(series)
    band = PLOT_WIDTH / max(len(categories), 1)

    def y_of(value) -> float:
        return round(TOP + PLOT_HEIGHT - PLOT_HEIGHT * float(value) / top, 2)

    drawing = Drawing(
        kind=kind,
        key=key or slugify(title)[:40] or "chart",
        category_name=category_name,
        title=title,
        description=description,
        categories=list(categories),
        series=[],
    )
    drawing.ticks = [
        {"y": y_of(top * step / TICKS), "label": text(_tick_value(top * step / TICKS, money))}
        for step in range(TICKS + 1)
    ]
    drawing.labels = [
        {"x": round(LEFT + band * (index + 0.5), 2), "text": category}
        for index, category in enumerate(axis or categories)
    ]
    bar_width = band * 0.8 / max(len(series), 1)
    for number, row in enumerate(series):
        css = f"chart-series-{number % PALETTE_SIZE + 1}"
        marks = []
        for index, value in enumerate(row.values):
            x = LEFT + band * index
            marks.append(
                {
                    "x": round(x + band * 0.1 + bar_width * number, 2),
                    "cx": round(x + band / 2, 2),
                    "y": y_of(value),
                    "width": round(bar_width, 2),
                    "height": round(PLOT_HEIGHT * float(value) / top, 2),
                    "label": f"{categories[index]}, {row.name}: {text(value)}",
                }
            )
        points = " ".join(f"{mark['cx']},{mark['y']}" for mark in marks)
        drawing.series.append({"name": row.name, "css": css, "marks": marks, "points": points})
    drawing.rows = [
        {"category": category, "values": [text(row.values[index]) for row in series]}
        for index, category in enumerate(categories)
    ]
    return drawing


def draw_chart(
    kind: str,
    *,
    title: str,
    description: str,
    category_name: str,
    categories: Sequence[str],
    series: Sequence[Series],
    money: bool = False,
    key: str = "",
    axis_labels: Sequence[str] = (),
) -> SafeString:
    """Return a chart of `kind` ("bar" or "line") and its table, as HTML.

    `category_name` heads the table's first column (what the categories are: "Month");
    `axis_labels`, when given, are shorter names of the categories under the bars ("Dec 26");
    `money` formats the numbers as amounts (two decimals); `key` makes the element ids unique
    when a page shows two charts with one title.
    """
    drawing = _draw(
        kind,
        title=title,
        description=description,
        category_name=category_name,
        categories=categories,
        series=series,
        money=money,
        key=key,
        axis=list(axis_labels),
    )
    return render_to_string("core/charts/chart.html", {"chart": drawing})


def bar_chart(**options) -> SafeString:
    """Return a bar chart (bars side by side for several series): see `draw_chart`."""
    return draw_chart("bar", **options)


def line_chart(**options) -> SafeString:
    """Return a line chart (one line for each series): see `draw_chart`."""
    return draw_chart("line", **options)
