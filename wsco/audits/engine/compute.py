"""Indicator values from base variables or reported figures, each checked and explained."""

from functools import partial

import numpy as np
import polars as pl

from wsco.audits.engine.bases import (
    BASE_COLUMNS,
    RELATIVE_SLACK,
    consistent,
    shared_bases,
)
from wsco.audits.engine.catalogue import DEFAULT_STANDARD, Catalogue, load_catalogue
from wsco.audits.engine.keys import VARIABLE_SLOTS, city_of
from wsco.audits.engine.messages import (
    CODES,
    MESSAGES,
    PERCENT_SUFFIX,
    PLACE_FIELDS,
    STATUS_RANK,
    STATUSES,
    template_fields,
    text_expression,
)
from wsco.audits.engine.parallel import together
from wsco.audits.engine.prepare import (
    BaseValues,
    input_cities,
    number_text,
    prepare_reported,
    prepare_variables,
)
from wsco.audits.engine.written_numbers import CURRENCIES, SIGN_CURRENCIES

# A year-on-year change above this share of the previous value is worth a second look.
DEFAULT_JUMP_THRESHOLD = 0.5

PROVENANCE_COLUMNS = [
    "file",
    "line",
    "numerator_file",
    "numerator_line",
    "denominator_file",
    "denominator_line",
]
RESULT_COLUMNS = [
    "city",
    "year",
    "indicator",
    "standard",
    "theme",
    "type",
    "unit",
    "better",
    "value",
    "currency",
    "status",
    "message",
    "numerator_variable",
    "numerator",
    "numerator_currency",
    "denominator_variable",
    "denominator",
    "denominator_currency",
    "multiplier",
    "reported_value",
    "computed_value",
    "row",
    "message_codes",
]
# Message slots: the first problem found, a problem of the value itself, a jump since last year.
SLOTS = {
    "code_input": [
        "no_formula",
        "input_invalid",
        "inputs_missing",
        "reported_unverifiable",
        "denominator_zero",
        "reported_contradicts",
        "denominator_scaled",
        "reported_as_fraction",
    ],
    "code_value": ["share_above_100", "out_of_range"],
    "code_jump": ["year_jump"],
    # A frame has these two only where some amount carries a currency, and where there are
    # reported rows: without the column, the slot has nothing to say.
    "code_currency": ["currency_mismatch"],
    "code_base": ["base_implausible", "base_disagrees"],
}


def _code(name: str) -> pl.Expr:
    """Return a message code as a literal of the codes' enumeration.

    Code columns cover every indicator row; as enumerations they are small integers, which
    the chains of conditions below fill several times faster than text.
    """
    return pl.lit(name, dtype=CODES)


def _names(*pairs: tuple[pl.Expr, pl.Expr]) -> pl.Expr:
    """Join the variable names whose condition holds, for a message."""
    return pl.concat_str(
        [pl.when(condition).then(name) for condition, name in pairs],
        separator=", ",
        ignore_nulls=True,
    )


def _grid(values: BaseValues, formulas: pl.DataFrame, city_years: pl.DataFrame) -> pl.LazyFrame:
    """Pair every city-year with every formula, then look up its numerator and denominator values.

    Rows come in blocks: one block per city-year (in `city_years` order), one row per formula
    (in `formulas` order). Every column is gathered by position, so there is no join.
    """
    table = _table_for(values, city_years)
    # The four parts gather different columns, so they run side by side: the lookups are
    # NumPy gathers, and each takes a core while Polars gathers the others.
    parts = together(
        lambda: city_years[np.repeat(np.arange(city_years.height), formulas.height)],
        lambda: formulas.drop("numerator_id", "denominator_id")[
            np.tile(np.arange(formulas.height), city_years.height)
        ],
        *(
            partial(_lookup, values.rows, table, values.columns, formulas[f"{name}_id"], name)
            for name in ("numerator", "denominator")
        ),
    )
    return (
        pl.concat(parts, how="horizontal")
        .lazy()
        .with_columns(
            pl.lit(None, dtype=pl.Float64).alias("reported_value"),
            pl.lit(None, dtype=CURRENCIES).alias("reported_currency"),
            pl.lit(False).alias("conflicting"),
            pl.lit(None, dtype=pl.String).alias("file"),
            pl.lit(None, dtype=pl.Int64).alias("line"),
            *[
                pl.lit(None, dtype=pl.Int32).alias(f"{name}_decimals")
                for name in ("numerator", "denominator", "reported")
            ],
        )
    )


def _table_for(values: BaseValues, city_years: pl.DataFrame) -> np.ndarray:
    """Return the base values' table with a row for each of `city_years` (a sorted superset).

    Only reported rows add city-years; theirs have no base values (-1).
    """
    if city_years.height == values.city_years.height:
        return values.table
    table = np.full((city_years.height, values.table.shape[1]), -1, dtype=np.int32)
    rows = np.searchsorted(
        city_years["city_year"].to_numpy(), values.city_years["city_year"].to_numpy()
    )
    table[rows] = values.table
    return table


def _lookup(
    rows: pl.DataFrame, table: np.ndarray, columns: np.ndarray, ids: pl.Series, name: str
) -> pl.DataFrame:
    """Fetch the base value (and its problem, file, line) of each grid row's variable `ids`.

    The grid is city-years x formulas, so taking the formulas' variable columns from the
    table gives each grid row's position in `rows`, already in the grid's order; -1 where
    there is no value, which becomes null.
    """
    position = table[:, columns[ids.fill_null(VARIABLE_SLOTS).to_numpy()]].ravel()
    absent = pl.Series(position < 0)

    def fetched(column: str) -> pl.Series:
        source = rows[column]
        nulls = source.null_count()
        if nulls == source.len():
            # No row holds one (no problem, no currency): every grid row is null alike.
            return pl.Series(dtype=source.dtype).extend_constant(None, position.size)
        if (
            isinstance(source.dtype, pl.Enum)
            and source.dtype.categories.len() == 1
            # Equivalent if left out: the only enumerated column, the file, has no nulls.
            and not nulls  # pragma: no mutate
        ):
            # One value throughout (one file): no row needs looking up.
            constant = pl.Series(dtype=source.dtype).extend_constant(source[0], position.size)
            return constant.set(absent, None)
        if source.dtype.is_numeric():
            # A plain array lookup, twice as fast as a gather by a nullable index; an absent
            # value's -1 reads the last row, and is blanked with the rows that hold no number.
            blank = absent
            if nulls:
                blank = blank | pl.Series(source.is_null().to_numpy().take(position))
                # Any number would do: these rows are blanked below.
                source = source.fill_null(0)  # pragma: no mutate
            return pl.Series(source.to_numpy().take(position)).set(blank, None)
        return source.gather(pl.Series(position).cast(pl.UInt32, strict=False))

    return pl.DataFrame(
        {
            name: fetched("value"),
            **{
                f"{name}_{column}": fetched(column)
                for column in ("problem", "file", "line", "currency")
            },
        }
    )


# Columns a reported row brings; where a city reports an indicator, they replace the grid's.
REPORTED_COLUMNS = [
    "numerator",
    "denominator",
    "numerator_problem",
    "denominator_problem",
    "reported_value",
    "numerator_currency",
    "denominator_currency",
    "reported_currency",
    "numerator_decimals",
    "denominator_decimals",
    "reported_decimals",
    "conflicting",
    "file",
    "line",
]


def _with_reported(grid: pl.LazyFrame, reported: pl.DataFrame) -> pl.LazyFrame:
    """Put each reported row in place of its grid row (same city, year and indicator)."""
    incoming = reported.lazy().select(
        "city_year",
        pl.col("indicator").cast(grid.collect_schema()["indicator"]),
        pl.lit(True).alias("_reported"),
        *[pl.col(name).alias(f"_{name}") for name in REPORTED_COLUMNS],
        # What the bases the reported rows share say about each (`bases.shared_bases`).
        *BASE_COLUMNS,
    )
    joined = grid.join(incoming, on=["city_year", "indicator"], how="left", maintain_order="left")
    from_report = pl.col("_reported").fill_null(False)
    return (
        joined.with_columns(
            pl.when(from_report).then(pl.col(f"_{name}")).otherwise(pl.col(name)).alias(name)
            for name in REPORTED_COLUMNS
        )
        .with_columns(
            # A reported row's own line is its provenance, not the grid's base values.
            *[
                pl.when(from_report)
                .then(None)
                .otherwise(pl.col(f"{side}_{part}"))
                .alias(f"{side}_{part}")
                for side in ("numerator", "denominator")
                for part in ("file", "line")
            ]
        )
        .drop("_reported", *[f"_{name}" for name in REPORTED_COLUMNS])
    )


def row_reference() -> pl.Expr:
    """Return where a result comes from: its reported row, or its base values' rows."""

    def reference(file: str, line: str) -> pl.Expr:
        return pl.concat_str(pl.col(file), pl.lit(":"), pl.col(line).cast(pl.String))

    base_rows = pl.concat_str(
        [
            reference("numerator_file", "numerator_line"),
            reference("denominator_file", "denominator_line"),
        ],
        separator=", ",
        ignore_nulls=True,
    )
    return (
        pl.when(pl.col("line").is_not_null())
        .then(reference("file", "line"))
        .when(pl.col("numerator_line").is_not_null() | pl.col("denominator_line").is_not_null())
        .then(base_rows)
        .otherwise(pl.lit("no input row"))
    )


def _input_code(with_reported: bool) -> pl.Expr:
    """Return the first problem of a row's inputs, in the order the checks must run.

    Without reported rows the comparison with reported values is left out of the plan.
    """
    no_denominator_needed = pl.col("denominator_variable").is_null()
    absent = pl.col("numerator").is_null() | (
        ~no_denominator_needed & pl.col("denominator").is_null()
    )
    invalid = (
        (pl.col("numerator_problem") == "invalid")
        | (pl.col("denominator_problem") == "invalid")
        | pl.col("conflicting")
    )
    reported = pl.col("reported_value").is_not_null()
    checked = reported & pl.col("numerator").is_not_null() & pl.col("denominator").is_not_null()
    multiplier = pl.col("multiplier")
    if not with_reported:
        return (
            pl.when(pl.col("numerator_variable").is_null())
            .then(_code("no_formula"))
            .when(
                pl.col("numerator_problem").eq("invalid")
                | pl.col("denominator_problem").eq("invalid")
            )
            .then(_code("input_invalid"))
            .when(absent)
            .then(_code("inputs_missing"))
            .when(pl.col("denominator") == 0)
            .then(_code("denominator_zero"))
        )
    return (
        pl.when(pl.col("numerator_variable").is_null() & ~reported)
        .then(_code("no_formula"))
        .when(invalid.fill_null(False))
        .then(_code("input_invalid"))
        .when((absent | pl.col("numerator_variable").is_null()) & reported)
        .then(_code("reported_unverifiable"))
        .when(absent)
        .then(_code("inputs_missing"))
        .when(pl.col("denominator") == 0)
        .then(_code("denominator_zero"))
        .when(checked & ~consistent(multiplier))
        .then(
            # The "already divided" reading stands only where the base it implies is plausible
            # and agrees with the city-year's other rows (`bases.shared_bases`).
            pl.when((multiplier >= 1000) & consistent(1.0) & pl.col("scaled_allowed"))
            .then(_code("denominator_scaled"))
            .when((multiplier == 100) & consistent(1.0))
            .then(_code("reported_as_fraction"))
            .otherwise(_code("reported_contradicts"))
        )
    )


# Input codes after which nothing can be computed.
NOT_COMPUTED = ["no_formula", "input_invalid", "inputs_missing", "denominator_zero"]


def _computed_value(with_reported: bool) -> pl.Expr:
    """Return the value worked out from the row's numerator and denominator, if they allow.

    Without reported rows every input code means there is no value.
    """
    ratio = pl.col("numerator") / pl.coalesce(pl.col("denominator"), pl.lit(1.0))
    code = pl.col("code_input")
    if not with_reported:
        return pl.when(code.is_null()).then(ratio * pl.col("multiplier"))
    return (
        pl.when(code.is_in([*NOT_COMPUTED, "reported_unverifiable"]))
        .then(None)
        .when(code == "denominator_scaled")
        .then(ratio)
        .otherwise(ratio * pl.col("multiplier"))
    )


def _value(with_reported: bool) -> pl.Expr:
    """Return the indicator's value: the reported one where it stands, else the computed one.

    A reported value its inputs reproduce (within rounding, or with a denominator already
    divided by the multiplier) is kept, since the city worked it out from inputs it wrote
    rounded, and the recomputed value stays beside it (`computed_value`); an unverifiable one
    is kept as it is, with its warning; otherwise the computed value stands. Without reported
    rows the value is the computed one.
    """
    computed = pl.col("computed_value")
    if not with_reported:
        return computed
    code = pl.col("code_input")
    scaled = code == "denominator_scaled"
    reproduced = code.is_null() | scaled
    kept = reproduced & pl.col("reported_value").is_not_null()
    return (
        pl.when(code == "reported_unverifiable")
        .then(pl.col("reported_value"))
        .when(kept.fill_null(False))
        .then(pl.col("reported_value"))
        .otherwise(computed)
    )


def _currency(with_currency: bool) -> pl.Expr:
    """Return the currency of a value that is itself an amount, or null.

    A reported value's own currency; else the numerator's, when the denominator is not an
    amount too (an amount per resident is an amount; an amount over an amount is a ratio).
    """
    if not with_currency:
        return pl.lit(None, dtype=CURRENCIES)
    return pl.coalesce(
        pl.col("reported_currency"),
        pl.when(pl.col("denominator_currency").is_null()).then(pl.col("numerator_currency")),
    )


def _same_currency(first: pl.Expr, second: pl.Expr) -> pl.Expr:
    """Say whether two written currencies may be the same ($ may be USD, CAD, AUD...)."""
    same = first == second
    for sign, codes in SIGN_CURRENCIES.items():
        same = (
            same
            | ((first == sign) & second.cast(pl.String).is_in(codes))
            | ((second == sign) & first.cast(pl.String).is_in(codes))
        )
    return same


def _currency_code() -> pl.Expr:
    """Flag a row whose amounts are in different currencies.

    The numerator's and denominator's when both are amounts; the reported value's and the
    numerator's when the value is itself an amount (its denominator not one).
    """
    numerator = pl.col("numerator_currency")
    denominator = pl.col("denominator_currency")
    reported = pl.col("reported_currency")
    ratio_mixed = numerator.is_not_null() & denominator.is_not_null()
    ratio_mixed = ratio_mixed & ~_same_currency(numerator, denominator)
    amount_mixed = reported.is_not_null() & numerator.is_not_null() & denominator.is_null()
    amount_mixed = amount_mixed & ~_same_currency(reported, numerator)
    return pl.when(ratio_mixed | amount_mixed).then(_code("currency_mismatch"))


def _trusted(with_reported: bool, with_currency: bool = False) -> pl.Expr:
    """Return the value a later year is compared with: none where the inputs are in doubt.

    Without reported rows, only invalid inputs (which give no value) and mixed currencies are
    in doubt.
    """
    doubtful = pl.lit(False)
    if with_reported:
        doubtful = pl.col("code_input").is_in(["input_invalid", "reported_contradicts"])
    if with_currency:
        doubtful = doubtful.fill_null(False) | pl.col("code_currency").is_not_null()
    if not (with_reported or with_currency):
        return pl.col("value")
    return pl.when(doubtful.not_().fill_null(True)).then(pl.col("value"))


def _value_code() -> pl.Expr:
    """Return a problem of the value itself: a share above 100 % or an implausible size."""
    value = pl.col("value")
    above = value > pl.col("range_max") * (1 + RELATIVE_SLACK)
    below = value < pl.col("range_min") - pl.col("range_min").abs() * RELATIVE_SLACK
    return (
        pl.when(pl.col("share") & (value > 100 * (1 + RELATIVE_SLACK)))
        .then(_code("share_above_100"))
        .when(above.fill_null(False) | below.fill_null(False))
        .then(_code("out_of_range"))
    )


def _previous(expression: pl.Expr, block: int) -> pl.Expr:
    """Return `expression` for the same indicator in the city's previous year.

    The grid is ordered by city, year, then indicator, with `block` indicators per city-year,
    so the previous year's row is exactly `block` rows up when it belongs to the same city.
    """
    same_city = city_of(pl.col("city_year")) == city_of(pl.col("city_year")).shift(block)
    return pl.when(same_city).then(expression.shift(block))


def _jump_code(threshold: float) -> pl.Expr:
    """Flag a value that moved more than `threshold` (a share) since the city's previous year."""
    change = (pl.col("value") - pl.col("previous_value")) / pl.col("previous_value").abs()
    return pl.when((change.abs() > threshold) & (pl.col("previous_value") != 0)).then(
        _code("year_jump")
    )


def _parameter_numbers() -> dict[str, pl.Expr]:
    """Return the numbers the messages' `*_text` parameters write, before they are written."""
    computed = pl.col("numerator") / pl.col("denominator") * pl.col("multiplier")
    return {
        "value_text": pl.col("value"),
        "computed_text": pl.col("computed_value"),
        "reported_text": pl.col("reported_value"),
        "multiplier_text": pl.col("multiplier"),
        "previous_text": pl.col("previous_value"),
        "range_min_text": pl.col("range_min"),
        "range_max_text": pl.col("range_max"),
        "change_text": (pl.col("value") / pl.col("previous_value") - 1) * 100,
        "difference_text": pl.col("reported_value") - computed,
        "relative_text": (pl.col("reported_value") / computed - 1) * 100,
        "base_text": pl.col("base_value"),
        "base_min_text": pl.col("base_min"),
        "base_max_text": pl.col("base_max"),
        "base_other_text": pl.col("base_other"),
    }


def _parameter_expressions() -> dict[str, pl.Expr]:
    """Return how each message parameter that is not a plain column is made."""
    numerator_absent = pl.col("numerator").is_null() & pl.col("numerator_variable").is_not_null()
    denominator_absent = (
        pl.col("denominator").is_null() & pl.col("denominator_variable").is_not_null()
    )
    texts = {name: number_text(number) for name, number in _parameter_numbers().items()}
    return {
        **texts,
        "row": row_reference(),
        "missing": _names(
            (numerator_absent, pl.col("numerator_variable")),
            (denominator_absent, pl.col("denominator_variable")),
        ),
        "invalid": _names(
            (pl.col("numerator_problem") == "invalid", pl.col("numerator_variable")),
            (pl.col("denominator_problem") == "invalid", pl.col("denominator_variable")),
            (pl.col("conflicting"), pl.lit("the repeated reported row")),
        ),
        "range_min_text": texts["range_min_text"].fill_null("-"),
        "range_max_text": texts["range_max_text"].fill_null("-"),
        # The percent sign travels with the number: "% s" in a template reads as a format.
        "change_text": pl.concat_str(texts["change_text"], pl.lit(PERCENT_SUFFIX)),
        "currencies": _names(
            *(
                (
                    pl.col(f"{side}_currency").is_not_null(),
                    pl.concat_str(pl.lit(f"{word} "), pl.col(f"{side}_currency").cast(pl.String)),
                )
                for side, word in (
                    ("numerator", "numerator"),
                    ("denominator", "denominator"),
                    ("reported", "value"),
                )
            )
        ),
    }


def _parameter_values(code: str) -> list[pl.Expr]:
    """Return the parameters of `code`'s template as values, for a reader to write them.

    Numbers (the `*_text` parameters) stay numbers, with the six significant digits the
    English text shows, so that a page writes them in its reader's format; the place (city,
    year, row) is left out, the reader knowing it. A number that is not finite is null.
    """
    numbers = _parameter_numbers()
    texts = _parameter_expressions()
    values = []
    for name in template_fields(code):
        if name in PLACE_FIELDS:
            continue
        if name in numbers:
            number = numbers[name].cast(pl.Float64)
            value = pl.when(number.is_finite()).then(number.round_sig_figs(6))
        else:
            value = texts.get(name, pl.col(name)).cast(pl.String)
        values.append(value.alias(name))
    return values


def _slot_texts(frame: pl.DataFrame, slot: str) -> pl.Series:
    """Return the English text of each row's code in `slot`, built only where it is needed."""
    texts = pl.Series(slot, dtype=pl.String).extend_constant(None, frame.height)
    expressions = _parameter_expressions()
    for code in frame[slot].drop_nulls().unique().to_list():
        mask = frame[slot] == code
        indices = mask.arg_true()
        needed = [name for name in template_fields(code) if name in expressions]
        # Lazily, so that only the columns this template reads are filtered.
        text = (
            frame.lazy()
            .filter(pl.lit(mask))
            .with_columns(expressions[name].alias(name) for name in needed)
            .select(text_expression(code))
            .collect(engine="in-memory")
        )
        texts = texts.scatter(indices, text[:, 0])
    return texts


def _slot_parameters(frame: pl.DataFrame, slot: str) -> pl.Series:
    """Return each row's message in `slot` as JSON, `{"code": ..., "params": {...}}`."""
    found = pl.Series(slot, dtype=pl.String).extend_constant(None, frame.height)
    for code in frame[slot].drop_nulls().unique().to_list():
        mask = frame[slot] == code
        encoded = (
            frame.lazy()
            .filter(pl.lit(mask))
            .select(
                pl.struct(
                    pl.lit(str(code)).alias("code"),
                    pl.struct(_parameter_values(code)).alias("params"),
                ).struct.json_encode()
            )
            .collect(engine="in-memory")
        )
        found = found.scatter(mask.arg_true(), encoded[:, 0])
    return found


def _message_columns(frame: pl.DataFrame) -> list[str]:
    """Return the columns of `frame` that message codes, statuses or texts read."""
    expressions = _parameter_expressions()
    names = set(SLOTS)
    for code in MESSAGES:
        for field in template_fields(code):
            names.update(expressions[field].meta.root_names() if field in expressions else [field])
    return [name for name in frame.columns if name in names]


def _status(slots: list[str]) -> pl.Expr:
    """Return the worst status the codes in `slots` give."""
    rank = pl.max_horizontal(
        [
            pl.col(slot).replace_strict(
                {code: STATUS_RANK[template.status] for code, template in MESSAGES.items()},
                default=0,
                return_dtype=pl.Int8,
            )
            for slot in slots
        ]
    )
    by_rank = {rank: status for status, rank in STATUS_RANK.items()}
    return rank.replace_strict(by_rank, return_dtype=STATUSES)


def _loud(frame: pl.DataFrame, with_parameters: bool) -> tuple[pl.Series, pl.DataFrame]:
    """Return which rows have something to say, and those rows with their codes and texts.

    The loud rows get `message_codes`, `status` and the English `message`, built from the
    columns their messages use; `with_parameters`, also `message_parameters`: a JSON list of
    their messages, each its code and its parameters as values.
    """
    slots = [slot for slot in SLOTS if slot in frame.columns]
    loud_rows = frame.select(~pl.all_horizontal(pl.col(slot).is_null() for slot in slots))[:, 0]
    loud = frame.select(_message_columns(frame)).filter(loud_rows)
    parameters = []
    if with_parameters:
        listed = pl.concat_str(
            [_slot_parameters(loud, slot) for slot in slots], separator=",", ignore_nulls=True
        )
        parameters = [pl.concat_str(pl.lit("["), listed, pl.lit("]")).alias(PARAMETERS)]
    return loud_rows, loud.select(
        *parameters,
        # Codes are plain identifiers and a loud row has at least one, so joining and
        # splitting them gives the list of its codes (much faster than a list of columns).
        pl.concat_str(slots, separator=",", ignore_nulls=True)
        .str.split(",")
        .alias("message_codes"),
        _status(slots).alias("status"),
        pl.concat_str(
            [_slot_texts(loud, slot) for slot in slots],
            separator="; ",
            ignore_nulls=True,
        ).alias("message"),
    )


# The columns the messages add to every row (the parameters only when asked for).
PARAMETERS = "message_parameters"
MESSAGE_COLUMNS = ("message_codes", "status", "message", PARAMETERS)


def _with_messages(frame: pl.DataFrame, loud_rows: pl.Series, loud: pl.DataFrame) -> pl.DataFrame:
    """Add `message_codes`, `status` and `message`: the loud rows' own, or the quiet values.

    A quiet row has no codes, status "ok" and an empty message. Each column is filled with
    the quiet value and the loud rows' values written over it by position, except the lists
    of codes, which cannot be written over: those are gathered, a quiet row's null index
    gathering a null. The three columns are made side by side.
    """
    positions = loud_rows.arg_true()

    def codes() -> pl.Series:
        index = (
            pl.Series("index", [], dtype=pl.UInt32)
            .extend_constant(None, frame.height)
            .scatter(positions, pl.int_range(loud.height, dtype=pl.UInt32, eager=True))
        )
        return loud["message_codes"].gather(index)

    def status() -> pl.Series:
        code_type = pl.Series(dtype=STATUSES).to_physical().dtype
        numbers = np.full(frame.height, STATUSES.categories.to_list().index("ok"))
        numbers[positions.to_numpy()] = loud["status"].to_physical().to_numpy()
        return pl.Series("status", numbers).cast(code_type).cat.to(STATUSES)

    def message() -> pl.Series:
        quiet = pl.repeat("", frame.height, eager=True).alias("message")
        return quiet.scatter(positions, loud["message"])

    def parameters() -> pl.Series:
        quiet = pl.repeat("[]", frame.height, eager=True).alias(PARAMETERS)
        return quiet.scatter(positions, loud[PARAMETERS])

    made = [codes, status, message] + ([parameters] if PARAMETERS in loud.columns else [])
    return frame.hstack(together(*made))


def _standards_for(reported: pl.DataFrame | None, standards: list[str] | None) -> list[str]:
    """Return the editions to compute: those asked for plus those the reported rows name."""
    chosen = list(standards or [])
    if reported is not None:
        named = reported["indicator"].str.extract(r"^([^/]+)/").drop_nulls().unique().sort()
        chosen += [standard for standard in named.to_list() if standard not in chosen]
    return chosen or [DEFAULT_STANDARD]


def _results(
    values: BaseValues,
    formulas: pl.DataFrame,
    reported: pl.DataFrame | None,
    jump_threshold: float,
    with_currency: bool = False,
) -> pl.DataFrame:
    """Return every city-year's row for every formula, with its value, codes and working columns."""
    city_years = values.city_years
    if reported is not None:
        city_years = (
            pl.concat([city_years, reported.select("city_year", "city", "year")])
            .unique(subset="city_year")
            .sort("city", "year")
        )
    grid = _grid(values, formulas, city_years)
    if reported is not None:
        grid = _with_reported(grid, reported)
    block = formulas.height
    with_reported = reported is not None
    currency_code = [_currency_code().alias("code_currency")] if with_currency else []
    return (
        grid.with_columns(_input_code(with_reported).alias("code_input"), *currency_code)
        .with_columns(_computed_value(with_reported).alias("computed_value"))
        .with_columns(
            _value(with_reported).alias("value"), _currency(with_currency).alias("currency")
        )
        .with_columns(
            _value_code().alias("code_value"),
            _previous(_trusted(with_reported, with_currency), block).alias("previous_value"),
            # Only year_jump messages read it, and a jump needs the city's previous year.
            pl.col("year").shift(block).alias("previous_year"),
        )
        .with_columns(_jump_code(jump_threshold).alias("code_jump"))
        # The in-memory engine keeps each column in one piece; the streaming engine would
        # return thousands-row pieces that every later step on the frame has to rejoin.
        .collect(engine="in-memory")
    )


def compute(
    *,
    variables: pl.DataFrame | None = None,
    reported: pl.DataFrame | None = None,
    standards: list[str] | None = None,
    catalogue: Catalogue | None = None,
    jump_threshold: float = DEFAULT_JUMP_THRESHOLD,
    with_parameters: bool = False,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Return (indicator results, input rows with findings) for base variables and reported rows.

    `variables` holds city, year, variable, value (text or numbers), file and line;
    `reported` holds city, year, indicator, numerator, denominator, value, file and line.
    Results come ordered by city, year and indicator; `provenance` adds their `row` column.
    With `with_parameters`, each result also has `message_parameters`: its messages as a JSON
    list of `{"code", "params"}`, the numbers as numbers, for a reader to write them in its own
    language (the platform keeps them; the command line writes the English `message`).
    """
    catalogue = catalogue or load_catalogue()
    # Cities are numbered across both inputs; one input numbers its own as it reads them.
    cities = (
        input_cities(variables, reported)
        if variables is not None and reported is not None
        else None
    )
    findings: list[pl.DataFrame] = []
    values = BaseValues.empty()
    if variables is not None:
        values, variable_findings = prepare_variables(variables, catalogue, cities)
        findings.append(variable_findings)
    clean_reported = None
    if reported is not None:
        clean_reported, reported_findings = prepare_reported(reported, catalogue, cities)
        findings.append(reported_findings)
    chosen = _standards_for(clean_reported, standards)
    formulas = catalogue.formulas(chosen)
    findings.append(_unused(values, formulas, chosen))
    if clean_reported is not None:
        clean_reported = shared_bases(clean_reported, formulas, catalogue, values)
    full = _results(
        values, formulas, clean_reported, jump_threshold, _has_currency(values, clean_reported)
    )
    # Base values and every working column are let go before the messages' columns are made,
    # so that those can take their memory.
    del values
    loud_rows, loud = _loud(full, with_parameters)
    columns = [*RESULT_COLUMNS[:-2], *PROVENANCE_COLUMNS, "message_codes", "city_year"]
    columns += [PARAMETERS] if with_parameters else []
    full = full.select(name for name in columns if name not in MESSAGE_COLUMNS)
    results = _with_messages(full, loud_rows, loud).select(columns)
    input_rows = [finding_rows(frame) for frame in findings if frame.height]
    # Input rows keep their status as text, as the files they are written to do.
    empty = pl.DataFrame(
        schema={**results.select(RESULT_COLUMNS[:-2]).schema, "status": pl.String, "row": pl.String}
    )
    return results, pl.concat([empty, *input_rows], how="diagonal_relaxed")


def _has_currency(values: BaseValues, reported: pl.DataFrame | None) -> bool:
    """Say whether any base value or reported number was written with a currency."""
    columns = [values.rows["currency"]]
    if reported is not None:
        columns += [
            reported[f"{name}_currency"] for name in ("numerator", "denominator", "reported")
        ]
    return any(column.null_count() < column.len() for column in columns)


def provenance(results: pl.DataFrame) -> pl.DataFrame:
    """Add the `row` column ("file:line" of the inputs) and drop the parts it is made of."""
    text = [
        pl.col(name).cast(pl.String)
        for name, dtype in results.schema.items()
        if isinstance(dtype, pl.Enum)
    ]
    if "row" in results.columns and "numerator_line" not in results.columns:
        return results.with_columns(text)
    internal = [*PROVENANCE_COLUMNS, *(["city_year"] if "city_year" in results.columns else [])]
    return results.with_columns(row_reference().alias("row"), *text).drop(internal)


def _unused(values: BaseValues, formulas: pl.DataFrame, standards: list[str]) -> pl.DataFrame:
    """Say which base values no computed indicator uses, so no input row goes unmentioned."""
    # Variables are compared by their numbers, not names.
    used = pl.concat([formulas["numerator_id"], formulas["denominator_id"]]).drop_nulls()
    unused = np.setdiff1d(np.arange(VARIABLE_SLOTS), used.to_numpy())
    return values.kept(unused).select(
        "city",
        pl.col("year").cast(pl.String).alias("year_text"),
        pl.concat_str(pl.col("file"), pl.lit(":"), pl.col("line").cast(pl.String)).alias("row"),
        pl.col("variable").alias("item"),
        pl.lit("variable").alias("field"),
        pl.col("variable").alias("text"),
        pl.lit("variable_unused").alias("code"),
        pl.lit("variable").alias("item_kind"),
        pl.lit(", ".join(standards)).alias("standards"),
    )


def finding_rows(findings: pl.DataFrame) -> pl.DataFrame:
    """Turn input-row findings into output rows with a status and an English message."""
    status_of = {code: template.status for code, template in MESSAGES.items()}
    codes = findings["code"].unique().to_list()
    text = pl.when(pl.lit(False)).then(pl.lit(None, dtype=pl.String))
    for code in codes:
        text = text.when(pl.col("code") == code).then(text_expression(code))
    is_indicator = pl.col("item_kind") == "indicator"
    return findings.with_columns(pl.col("year_text").alias("year")).select(
        "city",
        pl.col("year_text").cast(pl.Int32, strict=False).alias("year"),
        pl.when(is_indicator).then(pl.col("item")).alias("indicator"),
        pl.when(~is_indicator).then(pl.col("item")).alias("variable"),
        pl.col("code").replace_strict(status_of).alias("status"),
        text.alias("message"),
        "row",
        pl.concat_list("code").alias("message_codes"),
    )
