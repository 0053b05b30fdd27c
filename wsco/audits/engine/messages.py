"""Validation messages: one table of English templates the platform can translate."""

import string
from dataclasses import dataclass
from typing import Any

import polars as pl


def _(text: str) -> str:
    """Mark `text` for translation and return it unchanged (the platform translates later)."""
    return text


# Worse statuses win when a row has several messages.
STATUS_RANK = {"ok": 0, "warning": 1, "missing": 2, "invalid": 3}
# The statuses as one enumeration: a status column over millions of rows is then one byte a
# row instead of a text.
STATUSES = pl.Enum(list(STATUS_RANK))


@dataclass(frozen=True)
class Template:
    """A message's status and its English wording, with named parameters in braces."""

    status: str
    text: str


# Where a message is: every template opens with it (a translation too), then says what is wrong.
PLACE_FIELDS = ("city", "year", "row")
PLACE = "{city}, {year}, {row}: "
# A change since the previous year is a percentage: its sign follows the number in the text.
PERCENT_SUFFIX = " %"
PERCENT_PARAMETERS = frozenset({"change_text"})

# Every template names the city, the year and the input row, then says what is wrong.
MESSAGES: dict[str, Template] = {
    # Input rows
    "number_unreadable": Template(
        "invalid", _("{city}, {year}, {row}: {field} '{text}' is not a number")
    ),
    "number_ambiguous": Template(
        "warning",
        _(
            "{city}, {year}, {row}: {field} '{text}' could be {reading} or {other_reading}; "
            "read as {reading}, the usual English reading"
        ),
    ),
    "number_not_available": Template(
        "missing", _("{city}, {year}, {row}: {field} is given as '{text}' (not available)")
    ),
    "percent_sign_unexpected": Template(
        "warning",
        _(
            "{city}, {year}, {row}: {field} '{text}' has a percent sign "
            "but {item} is not a percentage"
        ),
    ),
    "year_unreadable": Template("invalid", _("{city}, {year}, {row}: the year is not a year")),
    "city_missing": Template("invalid", _("{city}, {year}, {row}: the city is empty")),
    "unknown_variable": Template(
        "invalid",
        _("{city}, {year}, {row}: unknown variable '{item}' (the closest known is '{suggestion}')"),
    ),
    "unknown_indicator": Template(
        "invalid",
        _(
            "{city}, {year}, {row}: unknown indicator '{item}' "
            "(the closest known is '{suggestion}')"
        ),
    ),
    "negative_value": Template(
        "invalid", _("{city}, {year}, {row}: {item} is negative ({text}) but cannot be")
    ),
    "duplicate_row": Template(
        "warning", _("{city}, {year}, {row}: {item} repeats {first_row} with the same value")
    ),
    "duplicate_conflicting": Template(
        "invalid",
        _(
            "{city}, {year}, {row}: {item} gives {text} but {first_row} gives {first_text}; "
            "the first is used and its indicators are marked invalid"
        ),
    ),
    "variable_unused": Template(
        "ok",
        _("{city}, {year}, {row}: {item} is read but no indicator of {standards} uses it"),
    ),
    # Indicators
    "no_formula": Template(
        "missing",
        _("{city}, {year}, {row}: {indicator} is not one number; the engine cannot compute it"),
    ),
    "inputs_missing": Template(
        "missing",
        _("{city}, {year}, {row}: {indicator} cannot be computed: no value for {missing}"),
    ),
    "input_invalid": Template(
        "invalid",
        _("{city}, {year}, {row}: {indicator} cannot be computed: {invalid} is not usable"),
    ),
    "denominator_zero": Template(
        "invalid",
        _("{city}, {year}, {row}: {indicator} cannot be computed: the denominator is zero"),
    ),
    "share_above_100": Template(
        "invalid",
        _("{city}, {year}, {row}: {indicator} is {value_text} %, but a share cannot exceed 100 %"),
    ),
    "out_of_range": Template(
        "warning",
        _(
            "{city}, {year}, {row}: {indicator} is {value_text}, outside the plausible range "
            "{range_min_text} to {range_max_text}"
        ),
    ),
    "year_jump": Template(
        "warning",
        _(
            "{city}, {year}, {row}: {indicator} changed by {change_text} since {previous_year} "
            "({previous_text} to {value_text})"
        ),
    ),
    "reported_contradicts": Template(
        "invalid",
        _(
            "{city}, {year}, {row}: {indicator} is reported as {reported_text} but its numerator "
            "and denominator give {computed_text} (off by {difference_text}, {relative_text} %)"
        ),
    ),
    "denominator_scaled": Template(
        "ok",
        _(
            "{city}, {year}, {row}: the denominator is already divided by {multiplier_text}; "
            "{indicator} = {computed_text} reproduces the reported {reported_text}"
        ),
    ),
    "reported_as_fraction": Template(
        "warning",
        _(
            "{city}, {year}, {row}: {indicator} is reported as {reported_text}, a fraction; "
            "as a percentage it is {value_text}"
        ),
    ),
    "currency_mismatch": Template(
        "invalid",
        _(
            "{city}, {year}, {row}: {indicator} mixes currencies ({currencies}); "
            "its amounts must be in one currency"
        ),
    ),
    "base_implausible": Template(
        "warning",
        _(
            "{city}, {year}, {row}: {indicator} implies {denominator_variable} = {base_text}, "
            "outside the plausible range {base_min_text} to {base_max_text}"
        ),
    ),
    "base_disagrees": Template(
        "warning",
        _(
            "{city}, {year}, {row}: {indicator} implies {denominator_variable} = {base_text}, "
            "but {base_rows} imply {base_other_text}"
        ),
    ),
    "reported_unverifiable": Template(
        "warning",
        _(
            "{city}, {year}, {row}: {indicator} = {reported_text} is reported without a usable "
            "numerator and denominator, so it cannot be checked"
        ),
    ),
}

# The message codes as one enumeration, for code columns over many rows.
CODES = pl.Enum(list(MESSAGES))

# Whole-file problems: the command line stops with one of these.
ERRORS: dict[str, str] = {
    "file_missing": _("{path}: no such file"),
    "file_unreadable": _("{path}: cannot be read ({reason})"),
    "file_format_unknown": _("{path}: unknown file type; use .csv, .xlsx or .json"),
    "columns_unknown": _("{path}: columns {columns} match no input form; expected {expected}"),
    "no_rows": _("{path}: no data rows"),
    "standard_unknown": _("unknown standard '{standard}'; known: {known}"),
    "goalposts_invalid": _("{path}, line {line}: {problem}"),
    "weights_invalid": _("{path}, line {line}: {problem}"),
    "no_input": _("no input rows to work on"),
}


@dataclass(frozen=True)
class Message:
    """One validation finding: a code from MESSAGES with its named parameters."""

    code: str
    params: dict[str, Any]

    @property
    def status(self) -> str:
        """Return the status this message gives its row."""
        return MESSAGES[self.code].status

    def text(self, translate: Any = None) -> str:
        """Return the message in English, or through `translate` (e.g. Django's gettext)."""
        template = MESSAGES[self.code].text
        return (translate or _)(template).format(**self.params)

    def without_place(self, translate: Any = None, number: Any = None) -> str:
        """Return the message without its place ("city, year, row: "), for a page that shows
        where; `params` as `compute(with_parameters=True)` gives them, each number written by
        `number` (the reader's format) and a missing one as a dash."""
        template = (translate or _)(MESSAGES[self.code].text)
        template = template.removeprefix(PLACE)
        params = {
            name: parameter_text(name, self.params.get(name), number)
            for name in template_fields(self.code)
            if name not in PLACE_FIELDS
        }
        return template.format(**params)


class InputError(Exception):
    """Input the engine cannot use at all (a missing file, unknown columns...)."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(ERRORS[code].format(**params))


def parameter_text(name: str, value: Any, number: Any = None) -> str:
    """Return a message parameter as text: a number through `number` (str by default), a
    percentage with its sign, nothing as a dash."""
    if value is None:
        return "–"
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = (number or _plain_number)(value)
        return f"{text}{PERCENT_SUFFIX}" if name in PERCENT_PARAMETERS else text
    return str(value)


def _plain_number(value: float) -> str:
    return str(value).removesuffix(".0")


def template_fields(code: str) -> list[str]:
    """Return the parameter names of a message template, in order."""
    return [
        field
        for _literal, field, _spec, _conv in string.Formatter().parse(MESSAGES[code].text)
        if field
    ]


def text_expression(code: str) -> pl.Expr:
    """Return a Polars expression that fills the English template from same-named columns."""
    parts: list[pl.Expr] = []
    for literal, field, _spec, _conversion in string.Formatter().parse(MESSAGES[code].text):
        if literal:
            parts.append(pl.lit(literal))
        if field:
            parts.append(pl.col(field).cast(pl.String).fill_null("?"))
    return pl.concat_str(parts)


def messages_for_row(row: dict[str, Any]) -> list[Message]:
    """Rebuild the Message objects of one result row (codes plus the row's own columns)."""
    codes = row.get("message_codes") or []
    return [
        Message(code, {field: row.get(field) for field in template_fields(code)}) for code in codes
    ]


def worst_status(statuses: list[str]) -> str:
    """Return the most serious of `statuses` (ok when empty)."""
    return max(statuses, key=STATUS_RANK.__getitem__, default="ok")
