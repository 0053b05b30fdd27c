"""Input rows checked and cleaned before any indicator is computed."""

import difflib
from dataclasses import dataclass

import numpy as np
import polars as pl

from wsco.audits.engine.catalogue import Catalogue
from wsco.audits.engine.keys import (
    VARIABLE_SLOTS,
    YEAR_ORIGIN,
    city_numbers,
    city_year_key,
    value_key,
)
from wsco.audits.engine.written_numbers import CURRENCIES, parse_numbers

# What is wrong with a base value, numerator or denominator, if anything.
PROBLEMS = pl.Enum(["missing", "invalid"])
# Optional parameters of an input-row finding (the row's own columns are always there).
ISSUE_EXTRAS = ["suggestion", "first_row", "first_text", "reading", "other_reading"]


def number_text(expression: pl.Expr) -> pl.Expr:
    """Format numbers for messages: six significant digits, no trailing ".0"."""
    return expression.round_sig_figs(6).cast(pl.String).str.strip_suffix(".0")


def row_text(file: str = "file", line: str = "line") -> pl.Expr:
    """Return the "file:line" reference of an input row."""
    return pl.concat_str(pl.col(file), pl.lit(":"), pl.col(line).cast(pl.String))


@dataclass(frozen=True)
class _Runs:
    """A text column as runs of equal values: each run's first value and its length.

    Input files list a city's rows (or a variable's, or a file's) together, so there are
    few runs, and looking up only the first value of each is much cheaper than every row.
    """

    values: pl.Series
    lengths: np.ndarray

    @classmethod
    def of(cls, column: pl.Series) -> "_Runs":
        """Return the runs of `column`."""
        runs = column.rle().struct.unnest()
        return cls(runs["value"].alias(column.name), runs["len"].to_numpy())

    def distinct(self) -> list[str]:
        """Return the distinct values, without null."""
        return self.values.unique().drop_nulls().to_list()

    def has_nulls(self) -> bool:
        """Say whether any row is null."""
        return self.values.null_count() > 0

    def numbered(self, numbers: dict[str, int], tidy: object) -> np.ndarray:
        """Return the number `numbers` gives each row's tidied text (-1 for none, and nulls)."""
        # Any negative number would do for "none": callers only test `>= 0`, or drop the rows.
        number_of = {
            value: numbers.get(tidy(value), -1)  # pragma: no mutate
            for value in self.distinct()
        }
        run_numbers = self.values.replace_strict(
            number_of,
            default=-1,  # pragma: no mutate
            return_dtype=pl.Int32,
        )
        return np.repeat(run_numbers.to_numpy(), self.lengths)

    def tidied(self, tidy: object) -> pl.Expr:
        """Return the column with `tidy` applied to each distinct value only, nulls as ""."""
        mapping = {value: tidy(value) for value in self.distinct()}
        name = self.values.name
        if all(key == value for key, value in mapping.items()):
            # Nothing to change: filling nulls in a column without any would still copy it.
            text = pl.col(name).cast(pl.String)
            return text.fill_null("") if self.has_nulls() else text
        return pl.col(name).replace_strict(mapping, default="", return_dtype=pl.String)

    def enumerated(self) -> pl.Series:
        """Return the column as an enumeration of its distinct values, nulls as null.

        Gathered into millions of indicator rows, small codes cost a fraction of text.
        """
        names = sorted(self.distinct())
        enumeration = pl.Enum(names)
        numbers = {name: number for number, name in enumerate(names)}
        physical = pl.Series(self.values.name, self.numbered(numbers, str))
        code_type = pl.Series(dtype=enumeration).to_physical().dtype
        # Strict or not: the one enumerated column, the file, has no nulls to number -1.
        codes = physical.cast(code_type, strict=False)  # pragma: no mutate
        return codes.cat.to(enumeration)


def one_value(frame: pl.DataFrame, name: str) -> tuple[bool, object]:
    """Say whether every row of column `name` holds the same value, and which (None if null).

    The null count and the smallest and largest values are asked of the frame: for a column
    set to one value (`pl.lit`: the file of a single input, the peer group "all") they cost
    nothing, where taking the column out would write that value into every row, and for
    others they are several times cheaper than counting distinct values. Min and max skip
    NaN, so floats count their NaNs too. An empty frame has no value.
    """
    column = pl.col(name)
    checks = [column.null_count(), column.min().alias("low"), column.max().alias("high")]
    if frame.schema[name].is_float():
        checks.append(column.is_nan().sum().alias("nans"))
    nulls, low, high, *nans = frame.select(checks).row(0)
    if frame.is_empty():
        return False, None
    if nulls:
        return nulls == frame.height, None
    if nans and nans[0]:
        return nans[0] == frame.height, float("nan")
    return low == high, low


def _enumerated(frame: pl.DataFrame, name: str) -> pl.Series:
    """Return a text column of `frame` as an enumeration of its distinct values, nulls as null."""
    single, value = one_value(frame, name)
    if single and value is not None:
        # One value throughout (rows read from one file): finding the runs would read them all.
        return pl.Series(name, dtype=pl.Enum([value])).extend_constant(value, frame.height)
    return _Runs.of(frame[name]).enumerated()


def _tidy_distinct(runs: _Runs, tidy: object) -> pl.Series:
    """Return the distinct values of a column (as its `runs`) tidied, nulls as ""."""
    # With "" or without, the same cities get numbers: a row without a city is never used.
    nulls = {""} if runs.has_nulls() else set()  # pragma: no mutate
    distinct = {tidy(value) for value in runs.distinct()} | nulls
    return pl.Series(runs.values.name, list(distinct), dtype=pl.String)


def _year_text() -> pl.Expr:
    """Return the year as the file gives it, trimmed, for messages ("" when absent)."""
    return pl.col("year_given").cast(pl.String).str.strip_chars().fill_null("")


def _common(
    frame: pl.DataFrame, cities: dict[str, int] | None
) -> tuple[pl.DataFrame, dict[str, int]]:
    """Trim and number city names, read the year as a whole number, keep what was given.

    `_city` holds the number `cities` gives each city (-1 for none); without `cities`, this
    frame's own cities are numbered, and the numbering is returned with the frame. The given
    year stays as it was (`year_given`); only the few rows with a finding turn it into text
    (`_year_text`).
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
    city = _Runs.of(frame["city"].cast(pl.String))
    if cities is None:
        cities = city_numbers(_tidy_distinct(city, str.strip))
    return frame.with_columns(
        city.tidied(str.strip).alias("city"),
        pl.Series("_city", city.numbered(cities, str.strip)),
        pl.col("year").alias("year_given"),
        pl.when(usable_year).then(year.cast(pl.Int32)).alias("year"),
    ), cities


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


VALUE_SCHEMA = {
    "city": pl.String,
    "year": pl.Int32,
    "variable": pl.String,
    "variable_id": pl.Int32,
    "value": pl.Float64,
    "currency": CURRENCIES,
    "problem": PROBLEMS,
    "file": pl.Enum([]),
    "line": pl.Int64,
}
CITY_YEAR_SCHEMA = {"city_year": pl.UInt64, "city": pl.String, "year": pl.Int32}


@dataclass(frozen=True)
class BaseValues:
    """Clean base values, and where each city-year finds its value of each variable.

    `rows` holds the usable input rows in file order, later repeats of a key included:
    city, year, variable, variable_id, value (None when unusable), currency (as written with
    the value, `CURRENCIES`, or None), problem (None,
    "missing" or "invalid", as `PROBLEMS`), file (an enumeration of the file names), line.
    `table` has one row per city-year of `city_years` (city_year, city, year, in key order,
    which is city and year order) and one column per variable (`columns[variable id]`; the
    last column is all -1) holding the row of `rows` that gives the value, or -1. Of
    repeated keys only the first row is in the table; `repeats_kept` lists those first rows
    in key order.
    """

    rows: pl.DataFrame
    city_years: pl.DataFrame
    table: np.ndarray
    columns: np.ndarray
    repeats_kept: np.ndarray

    @classmethod
    def empty(cls) -> "BaseValues":
        """Return base values for an input without any."""
        return cls(
            pl.DataFrame(schema=VALUE_SCHEMA),
            pl.DataFrame(schema=CITY_YEAR_SCHEMA),
            # Without city-years the table's shape is never read.
            np.full((0, 1), -1, dtype=np.int32),  # pragma: no mutate
            np.zeros(VARIABLE_SLOTS + 1, dtype=np.int64),
            np.zeros(0, dtype=np.int64),
        )

    def kept(self, variable_ids: list[int]) -> pl.DataFrame:
        """Return the rows in the table for `variable_ids`, as a list of values by key.

        Rows with a key of their own come first, in key order, then the first row of each
        repeated key (in key order too). The table read row by row is in key order.
        """
        ids = np.unique(np.asarray(variable_ids, dtype=np.int64))
        # Variables without values all point at the last column (-1): it is read once.
        found = self.table[:, np.unique(self.columns[ids])].ravel()
        found = found[found >= 0]
        kept_ids = self.rows["variable_id"].gather(self.repeats_kept).to_numpy()
        repeats = self.repeats_kept[np.isin(kept_ids, ids)]
        return self.rows[np.concatenate([found[~np.isin(found, repeats)], repeats])]


def _index_type(size: int) -> type:
    """Return the smallest signed integer type that numbers `size` things."""
    narrow = size < 2**31  # pragma: no mutate (a wider type holds the same)
    return np.int32 if narrow else np.int64


def _city_year_rows(
    city: np.ndarray, year: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the distinct city-years (city numbers, years) in order, and each row's among them.

    Marking each city-year in a table of every city by every year from the first to the last
    is cheaper than sorting, unless that table would be much larger than the input.
    """
    if city.size == 0:
        return city, year, np.zeros(0, dtype=np.int64)
    first_year = int(year.min())
    years = int(year.max()) - first_year + 1
    slots = (int(city.max()) + 1) * years
    # Four-byte numbers wherever they suffice: half the memory to fill and to read.
    slot = city.astype(_index_type(slots), copy=False) * years
    slot += year - first_year
    # Either way numbers the city-years the same (tested): the limit only decides the cost.
    if slots > 4 * city.size + 2**20:  # pragma: no mutate
        taken, row = np.unique(slot, return_inverse=True)
        row = row.ravel()
    else:
        seen = np.zeros(slots, dtype=bool)
        seen[slot] = True
        taken = np.flatnonzero(seen)
        number = np.cumsum(seen, dtype=np.int32)
        number -= 1
        row = number[slot]
    return taken // years, taken % years + first_year, row


def _place(
    row: np.ndarray, city_years: int, variable: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Return (table, columns, cells, repeated) for base values at city-year `row`, `variable`.

    The table holds each value's position at its city-year and variable column, -1 where
    none; `cells` says where each value is in the flattened table. Values whose city-year
    and variable another value shares are left out of the table and marked in `repeated`.
    """
    # Marking the variables present is cheaper than counting their rows.
    present = np.zeros(VARIABLE_SLOTS + 1, dtype=bool)
    present[variable] = True
    width = int(present.sum())
    columns = np.where(present, np.cumsum(present) - 1, width)
    index_type = _index_type(city_years * (width + 1))  # pragma: no mutate (only the type)
    cells = row.astype(index_type, copy=False) * (width + 1)
    cells += columns.astype(np.int32)[variable]
    table = np.full((city_years, width + 1), -1, dtype=np.int32)
    flat = table.reshape(-1)  # pragma: no mutate (any negative size flattens)
    positions = np.arange(row.size, dtype=np.int32)
    flat[cells] = positions
    if np.count_nonzero(table >= 0) == row.size:
        # As many cells filled as rows: no two rows share one.
        return table, columns, cells, np.zeros(row.size, dtype=bool)
    # Rows sharing a cell all write to it and one of them stays: the others find it taken.
    shared = np.zeros(flat.size, dtype=bool)
    shared[cells[flat[cells] != positions]] = True
    repeated = shared[cells]
    flat[cells[repeated]] = -1  # pragma: no mutate (any negative number is "none")
    return table, columns, cells, repeated


def _variable_name(name: str) -> str:
    """Return a variable name as the catalogue writes it."""
    return name.strip().lower()


def prepare_variables(
    frame: pl.DataFrame, catalogue: Catalogue, cities: dict[str, int] | None = None
) -> tuple[BaseValues, pl.DataFrame]:
    """Return clean base values placed by city-year and variable, and the findings on bad rows.

    `cities` numbers the cities (by default, the frame's own, in name order).
    """
    frame, cities = _common(frame, cities)
    frame = parse_numbers(frame, "value")
    names = _Runs.of(frame["variable"].cast(pl.String))
    numbers = catalogue.variable_numbers()
    frame = frame.with_columns(
        names.tidied(_variable_name).alias("item"),
        pl.Series("variable_id", names.numbered(numbers, _variable_name)),
    )
    known = pl.col("variable_id") >= 0
    # Variables are told apart by their numbers: comparing integers is cheaper than names.
    negative_allowed = [
        numbers[name] for name, variable in catalogue.variables.items() if variable.can_be_negative
    ]
    percent_units = [
        numbers[name] for name, variable in catalogue.variables.items() if variable.unit == "%"
    ]
    unknown_names = frame.filter(~known)["item"].unique().to_list()
    suggestions = _suggestions(unknown_names, list(catalogue.variables))
    frame = frame.with_columns(
        pl.col("item")
        .replace_strict(suggestions, default=None, return_dtype=pl.String)
        .alias("suggestion")
    )
    variable_id = pl.col("variable_id")
    negative = (pl.col("value_number") < 0) & known & ~variable_id.is_in(negative_allowed)
    percent = pl.col("value_percent") & known & ~variable_id.is_in(percent_units)
    findings = _row_findings(frame, ["value"])
    findings += [
        _issue(frame, ~known, "unknown_variable", "variable", pl.col("variable")),
        _issue(frame, negative, "negative_value", "value", pl.col("value")),
        _issue(frame, percent, "percent_sign_unexpected", "value", pl.col("value")),
    ]
    usable = frame.filter(known & (pl.col("city") != "") & pl.col("year").is_not_null())
    values, repeat_findings = _base_values(usable, cities, negative)
    all_findings = pl.concat(findings + repeat_findings, how="vertical_relaxed")
    return values, all_findings.with_columns(pl.lit("variable").alias("item_kind"))


def _base_values(
    frame: pl.DataFrame, cities: dict[str, int], negative: pl.Expr
) -> tuple[BaseValues, list[pl.DataFrame]]:
    """Place usable base-value rows by city-year and variable; find their repeats.

    `negative` says which rows hold a value their variable cannot take.
    """
    city = frame["_city"].to_numpy()
    city_numbers, years, row = _city_year_rows(city, frame["year"].to_numpy())
    table, columns, cells, repeated = _place(
        row, city_numbers.size, frame["variable_id"].to_numpy()
    )
    # Repeated keys are few: their rows are put in key order (file order within a key) and
    # the first of each goes into the table.
    repeats = np.flatnonzero(repeated)
    repeated_rows = _keyed(frame[repeats])
    kept, repeat_findings = _first_of_repeats(
        repeated_rows.with_columns(pl.Series("_position", repeats))[_key_order(repeated_rows)[1]],
        ["key"],
        "value",
    )
    kept_positions = kept["_position"].to_numpy()
    table.reshape(-1)[cells[kept_positions]] = kept_positions  # pragma: no mutate (as in `_place`)
    conflicting = np.zeros(frame.height, dtype=bool)
    conflicting[kept_positions[kept["_conflicting"].to_numpy()]] = True
    problem = (
        pl.when(pl.col("value_issue") == "number_unreadable")
        .then(pl.lit("invalid", dtype=PROBLEMS))
        .when(negative | pl.col("_conflicting"))
        .then(pl.lit("invalid", dtype=PROBLEMS))
        .when(pl.col("value_number").is_null())
        .then(pl.lit("missing", dtype=PROBLEMS))
    )
    rows = frame.with_columns(pl.Series("_conflicting", conflicting)).select(
        "city",
        "year",
        pl.col("item").alias("variable"),
        "variable_id",
        pl.when(problem.is_null()).then(pl.col("value_number")).alias("value"),
        pl.col("value_currency").alias("currency"),
        problem.alias("problem"),
        _enumerated(frame, "file"),
        "line",
    )
    city_years = pl.DataFrame(
        {"_city": city_numbers, "year": pl.Series(years, dtype=pl.Int32)}
    ).select(
        city_year_key(pl.col("_city"), pl.col("year")).alias("city_year"),
        pl.Series(list(cities), dtype=pl.String).gather(city_numbers).alias("city"),
        "year",
    )
    return BaseValues(rows, city_years, table, columns, kept_positions), repeat_findings


def _keyed(frame: pl.DataFrame) -> pl.DataFrame:
    """Add the `key` of each base value (its city number in `_city`)."""
    return frame.with_columns(
        value_key(city_year_key(pl.col("_city"), pl.col("year")), pl.col("variable_id")).alias(
            "key"
        )
    )


def prepare_reported(
    frame: pl.DataFrame, catalogue: Catalogue, cities: dict[str, int] | None = None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Return clean reported rows (numbers read, indicator known, first of repeats), findings.

    `cities` numbers the cities (by default, the frame's own, in name order).
    """
    frame, _cities = _common(frame, cities)
    for field in ("numerator", "denominator", "value"):
        frame = parse_numbers(frame, field)
    frame = frame.with_columns(
        _Runs.of(frame["indicator"].cast(pl.String)).tidied(str.strip).alias("item")
    )
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
        city_year_key(pl.col("_city"), pl.col("year")).alias("city_year"),
        pl.col("item").alias("indicator"),
        "file",
        "line",
        pl.col("numerator_number").alias("numerator"),
        pl.col("denominator_number").alias("denominator"),
        pl.col("value_number").alias("reported_value"),
        "numerator_currency",
        "denominator_currency",
        pl.col("value_currency").alias("reported_currency"),
        pl.when(unreadable[0]).then(pl.lit("invalid", dtype=PROBLEMS)).alias("numerator_problem"),
        pl.when(unreadable[1]).then(pl.lit("invalid", dtype=PROBLEMS)).alias("denominator_problem"),
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
        _tidy_distinct(_Runs.of(frame["city"].cast(pl.String)), str.strip)
        for frame in frames
        if frame is not None
    ]
    return city_numbers(*columns) if columns else {}
