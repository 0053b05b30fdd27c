"""Indicator values from base variables or reported figures, each checked and explained."""

import polars as pl

from wsco.audits.engine.catalogue import DEFAULT_STANDARD, Catalogue, load_catalogue
from wsco.audits.engine.messages import MESSAGES, STATUS_RANK, text_expression
from wsco.audits.engine.prepare import number_text, prepare_reported, prepare_variables

# A year-on-year change above this share of the previous value is worth a second look.
DEFAULT_JUMP_THRESHOLD = 0.5
# Floating-point slack when comparing a reported value with its numerator and denominator.
RELATIVE_SLACK = 1e-9

RESULT_COLUMNS = [
    "city", "year", "indicator", "standard", "theme", "type", "unit", "better", "value", "status",
    "message", "numerator_variable", "numerator", "denominator_variable", "denominator",
    "multiplier", "reported_value", "row", "message_codes",
]
# Message slots: the first problem found, a problem of the value itself, a jump since last year.
SLOTS = {
    "code_input": [
        "no_formula", "input_invalid", "inputs_missing", "reported_unverifiable",
        "denominator_zero", "reported_contradicts", "denominator_scaled", "reported_as_fraction",
    ],
    "code_value": ["share_above_100", "out_of_range"],
    "code_jump": ["year_jump"],
}


def _names(*pairs: tuple[pl.Expr, pl.Expr]) -> pl.Expr:
    """Join the variable names whose condition holds, for a message."""
    return pl.concat_str(
        [pl.when(condition).then(name) for condition, name in pairs], separator=", ",
        ignore_nulls=True,
    )


def _grid(values: pl.DataFrame, formulas: pl.DataFrame, city_years: pl.DataFrame) -> pl.DataFrame:
    """Join every city-year with every formula, then its numerator and denominator values."""
    # Long-format joins: one row per base value, never a wide city x variable table.
    def side(name: str) -> pl.LazyFrame:
        return values.lazy().select(
            "city", "year", pl.col("variable").alias(f"{name}_variable"),
            pl.col("value").alias(name), pl.col("problem").alias(f"{name}_problem"),
            pl.col("row").alias(f"{name}_row"),
        )

    grid = (
        city_years.lazy()
        .join(formulas.lazy(), how="cross")
        .join(side("numerator"), on=["city", "year", "numerator_variable"], how="left")
        .join(side("denominator"), on=["city", "year", "denominator_variable"], how="left")
    )
    return grid.with_columns(
        pl.concat_str(["numerator_row", "denominator_row"], separator=", ", ignore_nulls=True)
        .fill_null("no input row")
        .alias("row"),
        pl.lit(None, dtype=pl.Float64).alias("reported_value"),
        pl.lit(False).alias("conflicting"),
        *[pl.lit(None, dtype=pl.Int32).alias(f"{name}_decimals")
          for name in ("numerator", "denominator", "reported")],
    ).drop("numerator_row", "denominator_row")


def _interval(value: pl.Expr, decimals: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """Return the interval a number stands for, given the decimals it was written with."""
    half_unit = (0.5 * pl.lit(10.0).pow(-decimals.cast(pl.Float64))).fill_null(0.0)
    return value - half_unit, value + half_unit


def _consistent(scale: float | pl.Expr) -> pl.Expr:
    """Say whether the reported value fits numerator / denominator x `scale` within rounding."""
    numerator_low, numerator_high = _interval(pl.col("numerator"), pl.col("numerator_decimals"))
    denominator_low, denominator_high = _interval(
        pl.col("denominator"), pl.col("denominator_decimals")
    )
    reported_low, reported_high = _interval(pl.col("reported_value"), pl.col("reported_decimals"))
    corners = [
        numerator / denominator
        for numerator in (numerator_low, numerator_high)
        for denominator in (denominator_low, denominator_high)
    ]
    slack = pl.col("reported_value").abs() * RELATIVE_SLACK
    straddles_zero = (denominator_low <= 0) & (denominator_high >= 0)
    low = pl.min_horizontal(corners) * scale
    high = pl.max_horizontal(corners) * scale
    return straddles_zero | ((low <= reported_high + slack) & (high >= reported_low - slack))


def _input_code() -> pl.Expr:
    """Return the first problem of a row's inputs, in the order the checks must run."""
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
    return (
        pl.when(pl.col("numerator_variable").is_null() & ~reported)
        .then(pl.lit("no_formula"))
        .when(invalid.fill_null(False))
        .then(pl.lit("input_invalid"))
        .when((absent | pl.col("numerator_variable").is_null()) & reported)
        .then(pl.lit("reported_unverifiable"))
        .when(absent)
        .then(pl.lit("inputs_missing"))
        .when(pl.col("denominator") == 0)
        .then(pl.lit("denominator_zero"))
        .when(checked & ~_consistent(multiplier))
        .then(
            pl.when((multiplier >= 1000) & _consistent(1.0))
            .then(pl.lit("denominator_scaled"))
            .when((multiplier == 100) & _consistent(1.0))
            .then(pl.lit("reported_as_fraction"))
            .otherwise(pl.lit("reported_contradicts"))
        )
    )


def _value() -> pl.Expr:
    """Return the indicator's value: computed when its inputs allow, else as reported."""
    ratio = pl.col("numerator") / pl.coalesce(pl.col("denominator"), pl.lit(1.0))
    code = pl.col("code_input")
    return (
        pl.when(code.is_in(["no_formula", "input_invalid", "inputs_missing", "denominator_zero"]))
        .then(None)
        .when(code == "reported_unverifiable")
        .then(pl.col("reported_value"))
        .when(code == "denominator_scaled")
        .then(ratio)
        .otherwise(ratio * pl.col("multiplier"))
    )


def _value_code() -> pl.Expr:
    """Return a problem of the value itself: a share above 100 % or an implausible size."""
    value = pl.col("value")
    above = value > pl.col("range_max") * (1 + RELATIVE_SLACK)
    below = value < pl.col("range_min") - pl.col("range_min").abs() * RELATIVE_SLACK
    return (
        pl.when(pl.col("share") & (value > 100 * (1 + RELATIVE_SLACK)))
        .then(pl.lit("share_above_100"))
        .when(above.fill_null(False) | below.fill_null(False))
        .then(pl.lit("out_of_range"))
    )


def _jump_code(threshold: float) -> pl.Expr:
    """Flag a value that moved more than `threshold` (a share) since the city's previous year."""
    change = (pl.col("value") - pl.col("previous_value")) / pl.col("previous_value").abs()
    return pl.when((change.abs() > threshold) & (pl.col("previous_value") != 0)).then(
        pl.lit("year_jump")
    )


def _message_parameters(frame: pl.DataFrame) -> pl.DataFrame:
    """Add the formatted numbers and name lists the message templates use."""
    numerator_absent = pl.col("numerator").is_null() & pl.col("numerator_variable").is_not_null()
    denominator_absent = pl.col("denominator").is_null() & pl.col("denominator_variable").is_not_null()
    computed = pl.col("numerator") / pl.col("denominator") * pl.col("multiplier")
    return frame.with_columns(
        _names(
            (numerator_absent, pl.col("numerator_variable")),
            (denominator_absent, pl.col("denominator_variable")),
        ).alias("missing"),
        _names(
            (pl.col("numerator_problem") == "invalid", pl.col("numerator_variable")),
            (pl.col("denominator_problem") == "invalid", pl.col("denominator_variable")),
            (pl.col("conflicting"), pl.lit("the repeated reported row")),
        ).alias("invalid"),
        number_text(pl.col("value")).alias("value_text"),
        number_text(pl.col("reported_value")).alias("reported_text"),
        number_text(pl.col("multiplier")).alias("multiplier_text"),
        number_text(pl.col("previous_value")).alias("previous_text"),
        number_text(pl.col("range_min")).fill_null("-").alias("range_min_text"),
        number_text(pl.col("range_max")).fill_null("-").alias("range_max_text"),
        number_text((pl.col("value") / pl.col("previous_value") - 1) * 100).alias("change_text"),
        number_text(pl.col("reported_value") - computed).alias("difference_text"),
        number_text((pl.col("reported_value") / computed - 1) * 100).alias("relative_text"),
    )


def _messages(frame: pl.DataFrame) -> pl.DataFrame:
    """Add `message_codes`, `status` and the English `message` to each row."""
    slots = list(SLOTS)
    status_of = {code: template.status for code, template in MESSAGES.items()}
    frame = frame.with_columns(
        pl.concat_list(slots).list.drop_nulls().alias("message_codes"),
        pl.max_horizontal(
            [pl.col(slot).replace_strict(status_of, default="ok").replace_strict(STATUS_RANK)
             for slot in slots]
        ).alias("_rank"),
    )
    by_rank = {rank: status for status, rank in STATUS_RANK.items()}
    frame = frame.with_columns(pl.col("_rank").replace_strict(by_rank).alias("status"))
    # Texts are built only for rows that have something to say: most rows are clean.
    quiet = frame.filter(pl.col("message_codes").list.len() == 0)
    loud = _message_parameters(frame.filter(pl.col("message_codes").list.len() > 0))
    texts = []
    for slot, codes in SLOTS.items():
        text = pl.when(pl.lit(False)).then(pl.lit(None, dtype=pl.String))
        for code in codes:
            text = text.when(pl.col(slot) == code).then(text_expression(code))
        texts.append(text)
    loud = loud.with_columns(pl.concat_str(texts, separator="; ", ignore_nulls=True).alias("message"))
    quiet = quiet.with_columns(pl.lit("").alias("message"))
    return pl.concat([quiet, loud.select(quiet.columns)])


def _standards_for(reported: pl.DataFrame | None, standards: list[str] | None) -> list[str]:
    """Return the editions to compute: those asked for plus those the reported rows name."""
    chosen = list(standards or [])
    if reported is not None:
        named = reported["indicator"].str.extract(r"^([^/]+)/").drop_nulls().unique().sort()
        chosen += [standard for standard in named.to_list() if standard not in chosen]
    return chosen or [DEFAULT_STANDARD]


def compute(
    *,
    variables: pl.DataFrame | None = None,
    reported: pl.DataFrame | None = None,
    standards: list[str] | None = None,
    catalogue: Catalogue | None = None,
    jump_threshold: float = DEFAULT_JUMP_THRESHOLD,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Return (indicator results, input findings) for base variables and reported rows.

    `variables` holds city, year, variable, value (text or numbers), file and line;
    `reported` holds city, year, indicator, numerator, denominator, value, file and line.
    """
    catalogue = catalogue or load_catalogue()
    findings: list[pl.DataFrame] = []
    values = pl.DataFrame(schema={"city": pl.String, "year": pl.Int32, "variable": pl.String,
                                  "value": pl.Float64, "problem": pl.String, "row": pl.String})
    if variables is not None:
        values, variable_findings = prepare_variables(variables, catalogue)
        findings.append(variable_findings)
    clean_reported = None
    if reported is not None:
        clean_reported, reported_findings = prepare_reported(reported, catalogue)
        findings.append(reported_findings)
    chosen = _standards_for(clean_reported, standards)
    formulas = catalogue.formulas(chosen)
    findings.append(_unused(values, formulas, chosen))
    city_years = [values.select("city", "year")]
    if clean_reported is not None:
        city_years.append(clean_reported.select("city", "year"))
    city_years_frame = pl.concat(city_years).unique()
    grid = _grid(values, formulas, city_years_frame)
    if clean_reported is not None:
        from_reported = clean_reported.join(formulas, on="indicator", how="inner")
        grid = pl.concat(
            [grid.join(from_reported.lazy().select("city", "year", "indicator"),
                       on=["city", "year", "indicator"], how="anti"),
             from_reported.lazy()],
            how="diagonal_relaxed",
        )
    results = (
        grid.with_columns(_input_code().alias("code_input"))
        .with_columns(_value().alias("value"))
        .with_columns(_value_code().alias("code_value"))
        .with_columns(
            pl.when(pl.col("code_input").is_in(["input_invalid", "reported_contradicts"]).not_()
                    .fill_null(True))
            .then(pl.col("value")).alias("_trusted")
        )
        .with_columns(
            pl.col("_trusted").shift(1).over(["city", "indicator"], order_by="year")
            .alias("previous_value"),
            pl.col("year").shift(1).over(["city", "indicator"], order_by="year")
            .alias("previous_year"),
        )
        .with_columns(_jump_code(jump_threshold).alias("code_jump"))
        .collect()
    )
    results = _messages(results).sort("city", "year", "indicator")
    input_rows = [finding_rows(frame) for frame in findings]
    return results.select(RESULT_COLUMNS), pl.concat(
        input_rows or [pl.DataFrame(schema=results.select(RESULT_COLUMNS).schema)],
        how="diagonal_relaxed",
    )


def _unused(values: pl.DataFrame, formulas: pl.DataFrame, standards: list[str]) -> pl.DataFrame:
    """Say which base values no computed indicator uses, so no input row goes unmentioned."""
    used = pl.concat([formulas["numerator_variable"], formulas["denominator_variable"]]).drop_nulls()
    return values.filter(~pl.col("variable").is_in(used.implode())).select(
        "city", pl.col("year").cast(pl.String).alias("year_text"), "row",
        pl.col("variable").alias("item"), pl.lit("variable").alias("field"),
        pl.col("variable").alias("text"), pl.lit("variable_unused").alias("code"),
        pl.lit("variable").alias("item_kind"), pl.lit(", ".join(standards)).alias("standards"),
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


def audit_results(results: pl.DataFrame, input_rows: pl.DataFrame) -> pl.DataFrame:
    """Return indicator rows followed by the input rows that carry a finding."""
    return pl.concat([results, input_rows], how="diagonal_relaxed")
