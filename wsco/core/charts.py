"""Charts as SVG made on the server from the numbers: the platform's one chart module.

A chart is drawn from its numbers with no script: an `<svg>` with a `<title>` and a `<desc>`,
and beside it the same numbers as a table, so a screen reader, a printout and a PDF get them.
Colours come from classes in `charts.css` (`chart-series-1` to `chart-series-6`, made of the
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

The audits' charts draw shapes laid out here (`theme_profile`, `peer_bars`, `trend_chart`) through
one template; a value they lack is "no data", never zero. A PDF gets the charts' colours from
`{% chart_stylesheets %}` (`wsco.core.templatetags.wsco`). docs/design.md, "Charts".
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wsco.core import design
from wsco.formats import money as money_text
from wsco.formats import number as number_text

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 64, 8, 12, 28
PLOT_WIDTH, PLOT_HEIGHT = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
TICKS = 4
PALETTE_SIZE = 6  # chart-series-1 … chart-series-6 in charts.css; a seventh series reuses the first


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
    paint: dict = field(default_factory=dict)


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
        drawing.series.append(
            {"name": row.name, "css": css, "marks": marks, "points": points, "paint": paint(css)}
        )
    # The PDF's colours and type (see PAINT), for the template's few kinds of shape.
    drawing.paint = {
        "svg": paint("chart-svg"),
        "grid": paint("chart-gridline"),
        "text": paint("chart-text"),
        "axis": paint("chart-axis"),
        "line": paint("chart-path"),
    }
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


# The audits' charts: horizontal bars (a theme profile, a peer group) and trends over years.
# Their shapes are laid out here with coordinates written as text, so that the template
# neither computes nor localizes a number ("92.4", never "92,4" in Romanian).

Value = Decimal | int | float
FONT_SIZE = 11  # `.chart-svg text` in charts.css
LINE_HEIGHT = 12
EDGE = 4  # no text comes closer than this to the viewBox's sides
GAP = 6  # between a label and what it names
LABEL_MAX_WIDTH = 210  # a longer label wraps onto two lines, then is cut with "…"
SCORE_TICKS = [0, 25, 50, 75, 100]

# Characters' widths in em, at or a little over the widest of each group in Inter and in DejaVu
# Sans (what a PDF falls back to), so that a label the estimate lets through does not overflow.
# Bold text is up to 15 % wider.
NARROW_CHARACTERS = frozenset(" .,:;'!|ijlIft()[]/\\-\u00a0r")
WIDE_CHARACTERS = frozenset("mwMW@%")
BOLD = 1.15


def text_width(text: str, *, size: float = FONT_SIZE, bold: bool = False) -> float:
    """Return an estimate of `text`'s width in the SVG's units, at or above what it measures."""
    ems = 0.0
    for character in text:
        if character in NARROW_CHARACTERS:
            ems += 0.42
        elif character in WIDE_CHARACTERS:
            ems += 1.0
        elif character.isupper():
            ems += 0.8
        else:
            ems += 0.65
    return round(ems * size * (BOLD if bold else 1), 2)


def _cut(text: str, width: float, bold: bool = False) -> str:
    while text and text_width(text + "…", bold=bold) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def fit_label(text: str, width: float, *, max_lines: int = 2, bold: bool = False) -> list[str]:
    """Return `text` wrapped at spaces onto at most `max_lines` lines no wider than `width`;
    what does not fit is cut with "…" (the table beside the chart has every name whole)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", bold=bold) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
    return [
        line if text_width(line, bold=bold) <= width else _cut(line, width, bold) for line in lines
    ]


# What a PDF sees of the charts' classes. WeasyPrint draws an inline SVG on its own, from the
# SVG's presentation attributes and none of the page's stylesheets; in a browser any rule of
# charts.css overrides an attribute, so the classes (and the dark scheme) win. Values naming a
# token ("brand") take its light-scheme value from tokens.css; charts.css says the same per class
# (test_audit_charts.py holds the two together).
SERIES_TOKENS = ("brand", "theme-energy", "theme-health", "theme-governance")
SERIES_TOKENS += ("theme-environment", "theme-water")
PAINT: dict[str, dict[str, str]] = {
    **{
        f"chart-series-{number}": {"fill": token, "stroke": token}
        for number, token in enumerate(SERIES_TOKENS, start=1)
    },
    "chart-highlight": {"fill": "focus-colour", "stroke": "ink", "stroke-width": "1"},
    "chart-gridline": {"stroke": "line", "stroke-width": "1"},
    "chart-axis": {"stroke": "muted", "stroke-width": "1"},
    "chart-path": {"fill": "none", "stroke-width": "2.5", "stroke-linejoin": "round"},
    "chart-line-reference": {"stroke-width": "2", "stroke-dasharray": "6 4"},
    "chart-reference": {"stroke-width": "3"},
    "chart-point": {"stroke": "paper", "stroke-width": "1"},
    "chart-svg": {"font-size": str(FONT_SIZE), "font-family": "font-sans"},  # texts inherit
    "chart-text": {"fill": "muted"},
    "chart-label": {"fill": "ink"},
    "chart-value": {"fill": "ink"},
    "chart-axis-title": {"fill": "ink", "font-weight": "600"},
    "chart-label-highlight": {"font-weight": "700"},
    "chart-no-data": {"font-style": "italic"},
}
# The colour classes first: charts.css's structural rules (".chart-svg .chart-point") are the
# more specific, and win over them.
COLOUR_CLASSES = ("chart-series-", "chart-highlight")


def paint(css: str) -> list[tuple[str, str]]:
    """Return the presentation attributes of the classes `css`, token names resolved."""
    names = sorted(css.split(), key=lambda name: not name.startswith(COLOUR_CLASSES))
    light = design.tokens()["light"]
    attributes: dict[str, str] = {}
    for name in names:
        attributes |= PAINT.get(name, {})
    return [(attribute, light.get(value, value)) for attribute, value in attributes.items()]


def _decimal(value: Value | None) -> Decimal | None:
    if value is None:
        return None
    # str() first: a float such as 0.1 is then Decimal("0.1"), not its binary expansion.
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _at(value: float) -> str:
    """Return a coordinate as the SVG takes it: two decimals at most, a dot, no grouping."""
    return str(round(float(value), 2))


def _ticks(highest: Decimal) -> list[Decimal]:
    """Return the TICKS + 1 gridlines' values from zero to a round top at or above `highest`."""
    step = Decimal(str(nice_step(float(highest) / TICKS)))
    places = max(0, -step.normalize().as_tuple().exponent)
    quantum = Decimal(1).scaleb(-places)
    return [(step * index).quantize(quantum) for index in range(TICKS + 1)]


def _value_title(value_name: str, unit: str) -> str:
    return f"{value_name} ({unit})" if unit else value_name


@dataclass
class Figure:
    """An audit chart as the template draws it: shapes, a legend, and the table's rows."""

    kind: str
    key: str
    title: str
    description: str
    columns: list[str]
    rows: list[dict]
    shapes: list[dict] = field(default_factory=list)
    legend: list[dict] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    paint: list = field(default_factory=lambda: paint("chart-svg"))


def _key(title: str, key: str) -> str:
    return key or slugify(title)[:40] or "chart"


def _render(figure: Figure) -> SafeString:
    figure.shapes = _painted(figure.shapes)
    return render_to_string(
        "core/charts/figure.html", {"chart": figure, "shapes": _shapes_markup(figure.shapes)}
    )


def _empty(*, title: str, key: str, message: str) -> SafeString:
    message = message or _("No figures to draw yet.")
    context = {"key": _key(title, key), "title": title, "message": message}
    return render_to_string("core/charts/empty.html", context)


def _text(x, y, lines, css, *, anchor="start", title="") -> dict:
    """A text shape: one line, or several centred on `y`."""
    first = y - (len(lines) - 1) * LINE_HEIGHT / 2
    css = f"chart-text {css}"
    return {
        "tag": "text",
        "css": css,
        "paint": paint(css),
        "x": _at(x),
        "y": _at(y),
        "anchor": anchor,
        "lines": [
            {"y": _at(first + index * LINE_HEIGHT), "text": line}
            for index, line in enumerate(lines)
        ],
        "title": title,
    }


@dataclass(frozen=True)
class _Bar:
    name: str
    value: Decimal | None
    reference: Decimal | None = None
    highlight: bool = False


def _horizontal_bars(
    bars, *, ticks, text, row_height, bar_height, axis_title, reference_name, no_data, max_lines
):
    """Return the shapes of one horizontal bar a row and the SVG's height: names on the left,
    the bars from a zero line, their values after them, gridlines and ticks below."""
    top = float(ticks[-1]) or 1.0
    tick_texts = [text(tick) for tick in ticks]
    longest_name = max((text_width(bar.name, bold=bar.highlight) for bar in bars), default=0)
    label_width = min(longest_name, LABEL_MAX_WIDTH)
    values = [text(bar.value) for bar in bars if bar.value is not None]
    value_width = max((text_width(value) for value in values), default=0)
    left = EDGE + label_width + GAP
    right = WIDTH - EDGE - max(value_width + GAP, text_width(tick_texts[-1]) / 2)
    bottom = TOP + row_height * len(bars)

    def x_of(value) -> float:
        return left + (right - left) * float(value) / top

    shapes = []
    for tick, label in zip(ticks, tick_texts, strict=True):
        x = x_of(tick)
        shapes.append(_line("chart-gridline", x, TOP, x, bottom))
        shapes.append(_text(x, bottom + 14, [label], "chart-tick", anchor="middle"))
    shapes.append(_line("chart-axis", left, TOP, left, bottom))
    title_lines = fit_label(axis_title, WIDTH - 2 * EDGE, max_lines=1)
    shapes.append(
        _text((left + right) / 2, bottom + 32, title_lines, "chart-axis-title", anchor="middle")
    )
    for index, bar in enumerate(bars):
        middle = TOP + row_height * (index + 0.5)
        lines = fit_label(bar.name, label_width, max_lines=max_lines, bold=bar.highlight)
        css = "chart-label chart-label-highlight" if bar.highlight else "chart-label"
        cut = " ".join(lines) != " ".join(bar.name.split())
        shapes.append(_text(left - GAP, middle, lines, css, anchor="end", title=bar.name * cut))
        if bar.value is None:
            shapes.append(_text(left + GAP, middle, [no_data], "chart-no-data"))
        else:
            value = text(bar.value)
            colour = "chart-highlight" if bar.highlight else "chart-series-1"
            shapes.append(
                {
                    "tag": "rect",
                    "css": f"chart-bar {colour}",
                    "x": _at(left),
                    "y": _at(middle - bar_height / 2),
                    "width": _at(x_of(bar.value) - left),
                    "height": _at(bar_height),
                    "title": f"{bar.name}: {value}",
                }
            )
            # After the bar, or after the peer median's mark when that stands beyond it.
            end = max(
                x_of(bar.value), x_of(bar.reference) + 1.5 if bar.reference is not None else 0
            )
            shapes.append(_text(end + GAP / 2, middle, [value], "chart-value"))
        if bar.reference is not None:
            x = x_of(bar.reference)
            reach = bar_height / 2 + 3
            shapes.append(
                _line("chart-reference chart-series-2", x, middle - reach, x, middle + reach)
            )
            shapes[-1]["title"] = f"{bar.name}, {reference_name}: {text(bar.reference)}"
    return shapes, round(bottom + 44)


def _line(css, x1, y1, x2, y2) -> dict:
    return {"tag": "line", "css": css, "x1": _at(x1), "y1": _at(y1), "x2": _at(x2), "y2": _at(y2)}


def _painted(shapes: list[dict]) -> list[dict]:
    """Return `shapes` with the presentation attributes of their classes (see PAINT)."""
    return [shape | {"paint": shape.get("paint") or paint(shape["css"])} for shape in shapes]


# Each tag's attributes after its class and paint, in order; a text's anchor is `text-anchor`.
_SHAPE_ATTRIBUTES = {
    "rect": ("x", "y", "width", "height"),
    "line": ("x1", "y1", "x2", "y2"),
    "circle": ("cx", "cy", "r"),
    "path": ("d",),
    "text": ("x", "y", "anchor"),
}


def _shape_markup(shape: dict) -> str:
    """Return one shape as SVG, every value escaped (a template's loops cost ten times more)."""
    tag = shape["tag"]
    attributes = [("class", shape["css"]), *shape["paint"]]
    attributes += [
        ("text-anchor" if name == "anchor" else name, shape[name])
        for name in _SHAPE_ATTRIBUTES[tag]
    ]
    if tag == "text":
        attributes.append(("dominant-baseline", "middle"))
    inside = f"<title>{conditional_escape(shape['title'])}</title>" if shape.get("title") else ""
    if tag == "text":
        lines = shape["lines"]
        if len(lines) == 1:
            inside += conditional_escape(lines[0]["text"])
        else:
            inside += "".join(
                f'<tspan x="{conditional_escape(shape["x"])}" y="{conditional_escape(line["y"])}">'
                f"{conditional_escape(line['text'])}</tspan>"
                for line in lines
            )
    written = "".join(f' {name}="{conditional_escape(value)}"' for name, value in attributes)
    return f"<{tag}{written}>{inside}</{tag}>"


def _shapes_markup(shapes: list[dict]) -> SafeString:
    return mark_safe("\n".join(_shape_markup(shape) for shape in shapes))


def theme_profile(
    *,
    title: str,
    description: str,
    themes: Sequence[str],
    scores: Sequence[Value | None],
    score_name: str = "",
    reference: Sequence[Value | None] | None = None,
    reference_name: str = "",
    category_name: str = "",
    decimals: int | None = None,
    key: str = "",
    empty_message: str = "",
) -> SafeString:
    """Return a theme profile: a bar for each theme's score on a fixed 0 to 100 axis, and its table.

    `scores` has a score or None (drawn and listed as "no data", not as zero) for each of
    `themes`; `reference` (the peer median, named `reference_name`) is a mark on each bar.
    `decimals` fixes the places the scores show; `key` keeps ids unique on a page.
    """
    if len(scores) != len(themes) or (reference is not None and len(reference) != len(themes)):
        raise ValueError("A theme profile needs one score (or None) for each theme.")
    scores = [_decimal(score) for score in scores]
    references = [_decimal(value) for value in reference] if reference is not None else []
    if any(not 0 <= value <= 100 for value in [*scores, *references] if value is not None):
        raise ValueError("A theme's score is from 0 to 100.")
    if all(score is None for score in [*scores, *references]):
        return _empty(title=title, key=key, message=empty_message)
    score_name = score_name or _("Score")
    no_data = _("no data")

    def text(value):
        return number_text(value, decimals=decimals) if value is not None else no_data

    bars = [
        _Bar(name=str(theme), value=score, reference=references[index] if references else None)
        for index, (theme, score) in enumerate(zip(themes, scores, strict=True))
    ]
    shapes, height = _horizontal_bars(
        bars,
        ticks=SCORE_TICKS,
        text=text,
        row_height=26,
        bar_height=14,
        axis_title=_("%(score)s, from 0 to 100") % {"score": score_name},
        reference_name=reference_name,
        no_data=no_data,
        max_lines=2,
    )
    sentences = [description]
    if references:
        sentences.append(_("The marks show %(reference)s.") % {"reference": reference_name})
    missing = [bar.name for bar in bars if bar.value is None]
    if missing:
        sentences.append(_("No data for: %(names)s.") % {"names": ", ".join(missing)})
    figure = Figure(
        kind="profile",
        key=_key(title, key),
        title=title,
        description=" ".join(sentence for sentence in sentences if sentence),
        columns=[category_name or _("Theme"), score_name]
        + ([reference_name] if references else []),
        rows=[
            {
                "name": bar.name,
                "values": [text(bar.value)] + ([text(bar.reference)] if references else []),
            }
            for bar in bars
        ],
        shapes=shapes,
        legend=[
            {"name": score_name, "css": "chart-key chart-series-1"},
            {"name": reference_name, "css": "chart-key chart-key-reference chart-series-2"},
        ]
        if references
        else [],
        height=height,
    )
    return _render(figure)


def _best_first(*, lower_is_better: bool):
    """Return the sort key that puts the best value first and bars without a value last."""

    def key(bar: _Bar):
        if bar.value is None:
            return (1, 0, bar.name)
        return (0, bar.value if lower_is_better else -bar.value, bar.name)

    return key


BETTER = {
    "higher": lambda: _("Higher values are better."),
    "lower": lambda: _("Lower values are better."),
}


def peer_bars(
    *,
    title: str,
    description: str,
    cities: Sequence[str],
    values: Sequence[Value | None],
    highlight: str = "",
    highlight_note: str = "",
    value_name: str = "",
    unit: str = "",
    better: str = "",
    decimals: int | None = None,
    category_name: str = "",
    key: str = "",
    empty_message: str = "",
) -> SafeString:
    """Return a bar for each city of a peer group, sorted, `highlight` marked, and its table.

    Values are zero or more (None: "no data", listed last). They are sorted from the highest,
    or from the best when `better` is "higher" or "lower" (which the description then says).
    `unit` ("%", "t/year") follows `value_name` on the axis and in the table's heading;
    `highlight_note` says why a city stands out ("the audited city", the default).
    """
    if len(values) != len(cities):
        raise ValueError("Peer bars need one value (or None) for each city.")
    if better not in ("", *BETTER):
        raise ValueError(f"better is 'higher', 'lower' or empty, not {better!r}.")
    numbers = [_decimal(value) for value in values]
    if any(value < 0 for value in numbers if value is not None):
        raise ValueError("Peer bars draw values of zero or more.")
    if all(value is None for value in numbers):
        return _empty(title=title, key=key, message=empty_message)
    no_data = _("no data")
    note = highlight_note or _("the audited city")
    value_title = _value_title(value_name or _("Value"), unit)

    def text(value):
        return number_text(value, decimals=decimals) if value is not None else no_data

    bars = sorted(
        (
            _Bar(name=str(city), value=value, highlight=str(city) == highlight)
            for city, value in zip(cities, numbers, strict=True)
        ),
        key=_best_first(lower_is_better=better == "lower"),
    )
    ticks = _ticks(max(value for value in numbers if value is not None))
    many = len(bars) > 20
    shapes, height = _horizontal_bars(
        bars,
        ticks=ticks,
        text=text,
        row_height=16 if many else 24,
        bar_height=11 if many else 14,
        axis_title=value_title,
        reference_name="",
        no_data=no_data,
        max_lines=1,
    )
    # Ticks carry their step's places ("0.00"): the values keep their own unless told.
    sentences = [description]
    marked = next((bar for bar in bars if bar.highlight), None)
    if marked is not None and marked.value is not None:
        ranked = [bar for bar in bars if bar.value is not None]
        sentences.append(
            _("%(city)s, %(note)s, is highlighted: %(value)s, in place %(rank)s of %(count)s.")
            % {
                "city": marked.name,
                "note": note,
                "value": text(marked.value),
                "rank": ranked.index(marked) + 1,
                "count": len(ranked),
            }
        )
    elif marked is not None:
        sentences.append(
            _("%(city)s, %(note)s, has no value.") % {"city": marked.name, "note": note}
        )
    if better:
        sentences.append(BETTER[better]())
    figure = Figure(
        kind="peers",
        key=_key(title, key),
        title=title,
        description=" ".join(sentence for sentence in sentences if sentence),
        columns=[category_name or _("City"), value_title],
        rows=[
            {
                "name": bar.name,
                "values": [text(bar.value)],
                "highlight": bar.highlight,
                "note": note if bar.highlight else "",
            }
            for bar in bars
        ],
        shapes=shapes,
        legend=[{"name": f"{marked.name} ({note})", "css": "chart-key chart-highlight"}]
        if marked
        else [],
        height=height,
    )
    return _render(figure)


def _path(points: Sequence[tuple[float, float] | None]) -> str:
    """Return an SVG path through `points`, lifting the pen at each None: a gap, not a drop."""
    parts, pen_down = [], False
    for point in points:
        if point is None:
            pen_down = False
            continue
        parts.append(f"{'L' if pen_down else 'M'}{_at(point[0])},{_at(point[1])}")
        pen_down = True
    return " ".join(parts)


def trend_chart(
    *,
    title: str,
    description: str,
    years: Sequence[int | str],
    values: Sequence[Value | None],
    name: str,
    reference: Sequence[Value | None] | None = None,
    reference_name: str = "",
    value_name: str = "",
    unit: str = "",
    decimals: int | None = None,
    category_name: str = "",
    key: str = "",
    empty_message: str = "",
) -> SafeString:
    """Return a line over `years` with a mark on each value, and its table.

    A year whose value is None leaves a gap in the line (and "no data" in the table), never a
    drop to zero; `reference` (the peer median, named `reference_name`) is a second, dashed
    line. Values are zero or more; the years are categories, evenly spaced.
    """
    series = [(name, [_decimal(value) for value in values], "chart-series-1", "circle")]
    if reference is not None:
        series.append(
            (reference_name, [_decimal(v) for v in reference], "chart-series-2", "square")
        )
    if any(len(row) != len(years) for _name, row, _css, _shape in series):
        raise ValueError("A trend needs one value (or None) for each year.")
    present = [value for _name, row, _css, _shape in series for value in row if value is not None]
    if any(value < 0 for value in present):
        raise ValueError("A trend draws values of zero or more.")
    if not present:
        return _empty(title=title, key=key, message=empty_message)
    no_data = _("no data")

    def text(value):
        return number_text(value, decimals=decimals) if value is not None else no_data

    ticks = _ticks(max(present))
    tick_texts = [text(tick) for tick in ticks]
    labels = [str(year) for year in years]
    plot_top = TOP + 16  # the value axis's title stands above the plot
    left = EDGE + max(text_width(label) for label in tick_texts) + GAP
    right = WIDTH - EDGE
    bottom = HEIGHT - 24
    band = (right - left) / len(labels)

    def x_of(index) -> float:
        return left + band * (index + 0.5)

    def y_of(value) -> float:
        return bottom - (bottom - plot_top) * float(value) / float(ticks[-1])

    axis_title = fit_label(
        _value_title(value_name or _("Value"), unit), WIDTH - 2 * EDGE, max_lines=1
    )
    shapes = [_text(EDGE, TOP, axis_title, "chart-axis-title")]
    for tick, label in zip(ticks, tick_texts, strict=True):
        shapes.append(_line("chart-gridline", left, y_of(tick), right, y_of(tick)))
        shapes.append(_text(left - GAP, y_of(tick), [label], "chart-tick", anchor="end"))
    shapes.append(_line("chart-axis", left, bottom, right, bottom))
    # Every year's label when they fit side by side, else every second (third…) one.
    every = math.ceil((max(text_width(label) for label in labels) + GAP) / band)
    shapes.extend(
        _text(x_of(index), bottom + 14, [label], "chart-tick", anchor="middle")
        for index, label in enumerate(labels)
        if index % every == 0
    )
    for series_name, row, css, shape in reversed(series):  # the city's line drawn last, on top
        points = [(x_of(i), y_of(v)) if v is not None else None for i, v in enumerate(row)]
        line_css = "chart-path chart-line" + (" chart-line-reference" if shape == "square" else "")
        shapes.append({"tag": "path", "css": f"{line_css} {css}", "d": _path(points)})
        for index, value in enumerate(row):
            if value is None:
                continue
            x, y = points[index]
            mark_title = f"{labels[index]}, {series_name}: {text(value)}"
            if shape == "circle":
                mark = {"tag": "circle", "cx": _at(x), "cy": _at(y), "r": "3.5"}
            else:
                mark = {
                    "tag": "rect",
                    "x": _at(x - 3),
                    "y": _at(y - 3),
                    "width": "6",
                    "height": "6",
                }
            shapes.append(mark | {"css": f"chart-point {css}", "title": mark_title})
    sentences = [description]
    if reference is not None:
        sentences.append(_("The dashed line shows %(reference)s.") % {"reference": reference_name})
    gaps = [labels[index] for index, value in enumerate(series[0][1]) if value is None]
    if gaps:
        sentences.append(_("No value for: %(years)s.") % {"years": ", ".join(gaps)})
    figure = Figure(
        kind="trend",
        key=_key(title, key),
        title=title,
        description=" ".join(sentence for sentence in sentences if sentence),
        columns=[category_name or _("Year")] + [row_name for row_name, *_rest in series],
        rows=[
            {"name": label, "values": [text(row[index]) for _name, row, *_rest in series]}
            for index, label in enumerate(labels)
        ],
        shapes=shapes,
        legend=[
            {"name": row_name, "css": f"chart-key chart-key-{shape} {css}"}
            for row_name, _row, css, shape in series
        ]
        if reference is not None
        else [],
    )
    return _render(figure)
