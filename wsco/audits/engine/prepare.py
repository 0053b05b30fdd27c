"""Input rows checked and cleaned before any indicator is computed."""

import difflib

import numpy as np
import polars as pl

from wsco.audits.engine.catalogue import Catalogue
from wsco.audits.engine.keys import YEAR_ORIGIN, city_numbers, city_year_key, value_key
from wsco.audits.engine.written_numbers import parse_numbers

# Optional parameters of an input-row finding (the row's own columns are always there).
ISSUE_EXTRAS = ["suggestion", "first_row", "first_text", "reading", "other_reading"]


def number_text(expression: pl.Expr) -> pl.Expr:
    """Format numbers for messages: six significant digits, no trailing ".0"."""
    return expression.round_sig_figs(6).cast(pl.String).str.replace(r"\.0$", "")


def row_text(file: str = "file", line: str = "line") -> pl.Expr:
    """Return the "file:line" reference of an input row."""
    return pl.concat_str(pl.col(file), pl.lit(":"), pl.col(line).cast(pl.String))


def _tidy(column: pl.Series, tidy: object) -> pl.Expr:
    """Apply `tidy` to each distinct value only (there are few), not to every row."""
    distinct = column.drop_nulls().unique().to_list()
    mapping = {value: tidy(value) for value in distinct}
    if all(key == value for key, value in mapping.items()):
        # Nothing to change: filling nulls in a column without any would still copy it.
        text = pl.col(column.name).cast(pl.String)
        return text.fill_null("") if column.null_count() else text
    return pl.col(column.name).replace_strict(mapping, default="", return_dtype=pl.String)


def _tidy_distinct(column: pl.Series, tidy: object) -> pl.Series:
    """Return the distinct values of `column` as `_tidy` leaves them, nulls as ""."""
    distinct = {"" if value is None else tidy(value) for value in column.unique().to_list()}
    return pl.Series(column.name, list(distinct), dtype=pl.String)


def _numbers(text: pl.Expr, numbers: dict[str, int]) -> pl.Expr:
    """Return the number of each text in `numbers` (numbered 0, 1, ... in order), or null.

    Cast to an enumeration of the names, each text is looked up once and its category is
    its number: cheaper than replacing texts through a mapping.
    """
    return text.cast(pl.Enum(list(numbers)), strict=False).to_physical().cast(pl.UInt64)


def _year_text() -> pl.Expr:
    """Return the year as the file gives it, trimmed, for messages ("" when absent)."""
    return pl.col("year_given").cast(pl.String).str.strip_chars().fill_null("")


def _common(frame: pl.DataFrame) -> pl.DataFrame:
    """Trim city names, read the year as a whole number and keep what was given for messages.

    The given year stays as it was (`year_given`); only the few rows with a finding turn it
    into text (`_year_text`).
    """
    # Columns in pieces of different lengths (a frame put together column by column) would be
    # realigned by every later step; putting each in one piece once is cheaper.
    frame = frame.rechunk()
    if frame.schema["year"].is_integer():
        year = pl.col("year").cast(pl.Int32)
        usable_year = year.is_between(YEAR_ORIGIN, 2200)
    else:
        year = pl.col("year").cast(pl.String).str.strip_chars().cast(pl.Float64, strict=False)
        usable_year = (year == year.round(0)) & year.is_between(YEAR_ORIGIN, 2200)
    return frame.with_columns(
        _tidy(frame["city"].cast(pl.String), str.strip).alias("city"),
        pl.col("year").alias("year_given"),
        pl.when(usable_year).then(year.cast(pl.Int32)).alias("year"),
    )


def _suggestions(unknown: list[str], known: list[str]) -> dict[str, str]:
    """Return the closest known name for each unknown one (for the message only)."""
    return {
        name: next(iter(difflib.get_close_matches(name, known, n=1, cutoff=0.0)), "")
        for name in unknown
    }


def _issue(
    frame: pl.DataFrame, condition: pl.Expr, code: str, field: str, text: pl.Expr
) -> pl.DataFrame:
    """Return the rows of `frame` where `condition` holds, as findings with `code`."""
    return frame.filter(condition).select(
        "city",
        _year_text().alias("year_text"),
        row_text().alias("row"),
        "item",
        pl.lit(field).alias("field"),
        text.cast(pl.String).alias("text"),
        pl.lit(code).alias("code"),
        *[
            pl.col(name) if name in frame.columns else pl.lit(None, dtype=pl.String).alias(name)
            for name in ISSUE_EXTRAS
        ],
    )


def _row_findings(frame: pl.DataFrame, fields: list[str]) -> list[pl.DataFrame]:
    """Findings every input form shares: empty city, bad year, unreadable numbers."""
    findings = [
        _issue(frame, pl.col("city") == "", "city_missing", "city", pl.col("city")),
        _issue(frame, pl.col("year").is_null(), "year_unreadable", "year", _year_text()),
    ]
    for field in fields:
        issue = pl.col(f"{field}_issue")
        with_readings = frame.filter(issue.is_not_null()).with_columns(
            number_text(pl.col(f"{field}_number")).alias("reading"),
            pl.col(f"{field}_other").alias("other_reading"),
        )
        for code in ("number_unreadable", "number_ambiguous", "number_not_available"):
            findings.append(_issue(with_readings, issue == code, code, field, pl.col(field)))
    return findings


def _duplicates(frame: pl.DataFrame, keys: list[str], field: str) -> tuple[pl.DataFrame, list]:
    """Mark repeated rows: the first is kept; equal repeats warn, different ones are invalid."""
    repeated = pl.struct(keys).is_duplicated()
    single = frame.filter(~repeated).with_columns(pl.lit(False).alias("_conflicting"))
    kept, findings = _first_of_repeats(frame.filter(repeated), keys, field)
    return pl.concat([single, kept], how="diagonal_relaxed"), findings


def _first_of_repeats(
    repeated: pl.DataFrame, keys: list[str], field: str
) -> tuple[pl.DataFrame, list[pl.DataFrame]]:
    """Return the first of each group of repeated rows, and a finding for each later one.

    Equal repeats warn, different ones are invalid and mark the kept row `_conflicting`. Only
    the few repeated rows pay for the window functions; file order decides "first".
    """
    ranked = repeated.with_columns(
        pl.int_range(pl.len()).over(keys).alias("_repeat"),
        row_text().first().over(keys).alias("first_row"),
        pl.col(field).first().over(keys).cast(pl.String).alias("first_text"),
        pl.col(f"{field}_number").first().over(keys).alias("_first_number"),
        (pl.col(f"{field}_number").n_unique().over(keys) > 1).alias("_conflicting"),
    )
    repeats = pl.col("_repeat") > 0
    same = pl.col(f"{field}_number").eq_missing(pl.col("_first_number"))
    findings = [
        _issue(ranked, repeats & same, "duplicate_row", field, pl.col(field)),
        _issue(ranked, repeats & ~same, "duplicate_conflicting", field, pl.col(field)),
    ]
    kept = ranked.filter(~repeats).drop("_repeat", "first_row", "first_text", "_first_number")
    return kept, findings


def _key_order(frame: pl.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Return, in key order, the rows whose base value key is theirs alone and the repeated rows.

    Only the keys are sorted, stably, so file order decides which repeat comes first; the rows
    themselves are gathered once, afterwards, and only the columns still needed.
    """
    key = frame["key"].to_numpy()
    row_bits = np.uint64(max(frame.height - 1, 1).bit_length())
    if frame.height and int(key.max()) < 2 ** (64 - int(row_bits)):
        # Each key with its row number in the low bits: a plain (fast) sort of these numbers
        # is a stable sort of the keys. The steps work in place on one array.
        packed = key << row_bits
        packed |= np.arange(frame.height, dtype=np.uint64)
        packed.sort()
        order = packed & ((np.uint64(1) << row_bits) - np.uint64(1))
        key = np.right_shift(packed, row_bits, out=packed)
    else:
        order = np.argsort(key, kind="stable")
        key = key[order]
    repeated = np.zeros(key.size, dtype=bool)
    repeated[1:] = key[1:] == key[:-1]
    repeated[:-1] |= repeated[1:]
    return order[~repeated], order[repeated]


def prepare_variables(
    frame: pl.DataFrame, catalogue: Catalogue, cities: dict[str, int]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Return clean base values keyed for joins, and the findings on bad rows.

    Clean columns: city, year, city_year, key, variable, value (None when unusable),
    problem (None, "missing" or "invalid"), file, line. `cities` numbers the cities.
    """
    frame = parse_numbers(_common(frame), "value")
    raw_names = frame["variable"].cast(pl.String)
    frame = frame.with_columns(_tidy(raw_names, lambda name: name.strip().lower()).alias("item"))
    identifiers = catalogue.variable_numbers()
    frame = frame.with_columns(_numbers(pl.col("item"), identifiers).alias("variable_id"))
    known = pl.col("variable_id").is_not_null()
    negative_allowed = [
        name for name, variable in catalogue.variables.items() if variable.can_be_negative
    ]
    percent_units = [name for name, variable in catalogue.variables.items() if variable.unit == "%"]
    unknown_names = frame.filter(~known)["item"].unique().to_list()
    suggestions = _suggestions(unknown_names, list(catalogue.variables))
    frame = frame.with_columns(
        pl.col("item")
        .replace_strict(suggestions, default=None, return_dtype=pl.String)
        .alias("suggestion")
    )
    negative = (pl.col("value_number") < 0) & known & ~pl.col("item").is_in(negative_allowed)
    percent = pl.col("value_percent") & known & ~pl.col("item").is_in(percent_units)
    findings = _row_findings(frame, ["value"])
    findings += [
        _issue(frame, ~known, "unknown_variable", "variable", pl.col("variable")),
        _issue(frame, negative, "negative_value", "value", pl.col("value")),
        _issue(frame, percent, "percent_sign_unexpected", "value", pl.col("value")),
    ]
    usable = known & (pl.col("city") != "") & pl.col("year").is_not_null()
    city_year = city_year_key(_numbers(pl.col("city"), cities), pl.col("year"))
    frame = (
        frame.filter(usable)
        .with_columns(city_year.alias("city_year"))
        .with_columns(value_key(pl.col("city_year"), pl.col("variable_id")).alias("key"))
    )
    single, repeated = _key_order(frame)
    kept, repeat_findings = _first_of_repeats(frame[repeated], ["key"], "value")
    problem = (
        pl.when(pl.col("value_issue") == "number_unreadable")
        .then(pl.lit("invalid"))
        .when(negative | pl.col("_conflicting"))
        .then(pl.lit("invalid"))
        .when(pl.col("value_number").is_null())
        .then(pl.lit("missing"))
    )
    clean_columns = [
        "city",
        "year",
        "city_year",
        "key",
        pl.col("item").alias("variable"),
        pl.when(problem.is_null()).then(pl.col("value_number")).alias("value"),
        problem.alias("problem"),
        "file",
        "line",
    ]
    # Rows with a key of their own are cleaned where they stand, then put in key order; the
    # first of each repeated key follows them.
    clean = pl.concat(
        [
            frame.with_columns(pl.lit(False).alias("_conflicting")).select(clean_columns)[single],
            kept.select(clean_columns),
        ]
    )
    all_findings = pl.concat(findings + repeat_findings, how="vertical_relaxed")
    return clean, all_findings.with_columns(pl.lit("variable").alias("item_kind"))


def prepare_reported(
    frame: pl.DataFrame, catalogue: Catalogue, cities: dict[str, int]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Return clean reported rows (numbers read, indicator known, first of repeats), findings."""
    frame = _common(frame)
    for field in ("numerator", "denominator", "value"):
        frame = parse_numbers(frame, field)
    frame = frame.with_columns(_tidy(frame["indicator"].cast(pl.String), str.strip).alias("item"))
    known_keys = list(catalogue.indicators)
    known = pl.col("item").is_in(known_keys)
    suggestions = _suggestions(frame.filter(~known)["item"].unique().to_list(), known_keys)
    frame = frame.with_columns(
        pl.col("item")
        .replace_strict(suggestions, default=None, return_dtype=pl.String)
        .alias("suggestion")
    )
    findings = _row_findings(frame, ["numerator", "denominator", "value"])
    findings.append(_issue(frame, ~known, "unknown_indicator", "indicator", pl.col("indicator")))
    usable = known & (pl.col("city") != "") & pl.col("year").is_not_null()
    kept, repeat_findings = _duplicates(frame.filter(usable), ["city", "year", "item"], "value")
    unreadable = [
        pl.col(f"{field}_issue") == "number_unreadable" for field in ("numerator", "denominator")
    ]
    clean = kept.select(
        "city",
        "year",
        city_year_key(_numbers(pl.col("city"), cities), pl.col("year")).alias("city_year"),
        pl.col("item").alias("indicator"),
        "file",
        "line",
        pl.col("numerator_number").alias("numerator"),
        pl.col("denominator_number").alias("denominator"),
        pl.col("value_number").alias("reported_value"),
        pl.when(unreadable[0]).then(pl.lit("invalid")).alias("numerator_problem"),
        pl.when(unreadable[1]).then(pl.lit("invalid")).alias("denominator_problem"),
        "numerator_decimals",
        "denominator_decimals",
        pl.col("value_decimals").alias("reported_decimals"),
        pl.col("_conflicting").alias("conflicting"),
    )
    all_findings = pl.concat(findings + repeat_findings, how="vertical_relaxed")
    return clean, all_findings.with_columns(pl.lit("indicator").alias("item_kind"))


def input_cities(*frames: pl.DataFrame | None) -> dict[str, int]:
    """Number the (trimmed) cities of every input frame, for the join keys."""
    columns = [
        _tidy_distinct(frame["city"].cast(pl.String), str.strip)
        for frame in frames
        if frame is not None
    ]
    return city_numbers(*columns) if columns else {}
