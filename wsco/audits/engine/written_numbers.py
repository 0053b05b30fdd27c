"""Numbers as people write them: thousands separators, decimal commas, N/A, percent signs,
and amounts with a currency sign or code."""

import polars as pl

# Written by people and spreadsheets for "no value"; compared in lower case.
NOT_AVAILABLE = [
    "n/a",
    "na",
    "n.a.",
    "n.a",
    "-",
    "\u2013",
    "\u2014",
    "..",
    "...",
    "\u2026",
    "nd",
    "n/d",
]
NOT_AVAILABLE += ["null", "none", "nan", "x", "?"]

# Active ISO 4217 currency codes (the list maintained by SIX for ISO, 2025), without the funds,
# metals and testing codes (X..) other than the CFA and CFP francs and the East Caribbean dollar.
_ISO_4217_TEXT = """
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN
BZD CAD CDF CHF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL
GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW
KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN
NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK
SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU
UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL
"""
ISO_4217 = _ISO_4217_TEXT.split()
# Signs and words for a currency, upper-cased, and the currency each records. A sign that
# several currencies use ($ and the yen/yuan sign) is recorded as the sign itself.
CURRENCY_SIGNS = {
    "US$": "USD",
    "$": "$",
    "\u20ac": "EUR",
    "\u00a3": "GBP",
    "\u00a5": "\u00a5",
    "LEI": "RON",
}
# The currencies recorded beside amounts, as one enumeration (one byte a row).
CURRENCIES = pl.Enum([*ISO_4217, "$", "\u00a5"])
# Currencies that write their amounts with each shared sign: a sign never contradicts them.
SIGN_CURRENCIES = {
    "$": [
        *("USD", "CAD", "AUD", "NZD", "SGD", "HKD", "TWD", "MXN", "ARS", "CLP", "COP", "CUP"),
        *("DOP", "UYU", "BRL", "BSD", "BBD", "BZD", "BMD", "BND", "KYD", "FJD", "GYD", "JMD"),
        *("LRD", "NAD", "SBD", "SRD", "TTD", "XCD", "ZWG", "ZWL", "NIO", "TOP", "WST"),
    ],
    "\u00a5": ["JPY", "CNY"],
}
_TOKEN = "US\\$|[$\u20ac\u00a3\u00a5]|[A-Z]{3}|[Ll][Ee][Ii]"
# A currency before the number (after its sign, if any) or after it, with or without a space.
_PREFIX = f"^([+\\-\u2212]?)\\s*({_TOKEN})\\s*"
_SUFFIX = f"\\s*({_TOKEN})$"
_CURRENCY_SEEN = "[$\u20ac\u00a3\u00a5A-Za-z]"

# Shapes of a number without its sign or percent sign, tried in this order.
SHAPES: list[tuple[str, str]] = [
    ("integer", r"^\d+$"),
    ("scientific", r"^\d+(\.\d+)?[eE][+-]?\d+$"),
    ("ambiguous_comma", r"^\d{1,3},\d{3}$"),  # "3,942": 3942 or 3.942
    ("ambiguous_dot", r"^\d{1,3}\.\d{3}$"),  # "1.234": 1.234 or 1234
    ("point", r"^\d*\.\d+$|^\d{1,3}(,\d{3})+(\.\d+)?$"),  # "4.64", "1,234.5", "1,234,567"
    ("comma", r"^\d*,\d+$|^\d{1,3}(\.\d{3})+(,\d+)?$"),  # "12,5", "1.234,5", "1.234.567"
    ("spaced", "^\\d{1,3}([ '\u2019]\\d{3})+([.,]\\d+)?$"),  # "1 234,5", "1'234.5"
]


def _point_reading(body: pl.Expr) -> pl.Expr:
    """Read commas as thousands separators and the dot as the decimal mark."""
    return body.str.replace_all(",", "")


def _comma_reading(body: pl.Expr) -> pl.Expr:
    """Read dots as thousands separators and the comma as the decimal mark."""
    return body.str.replace_all(r"\.", "").str.replace(",", ".", literal=True)


def _shape(body: pl.Expr) -> pl.Expr:
    """Name the shape of each number body, or "unreadable"."""
    expression = pl.when(pl.lit(False)).then(pl.lit(None, dtype=pl.String))
    for name, pattern in SHAPES:
        expression = expression.when(body.str.contains(pattern)).then(pl.lit(name))
    return expression.otherwise(pl.lit("unreadable"))


def _currency_token_codes() -> dict[str, str]:
    """Return the currency each upper-cased sign, word or code records."""
    return {**{code: code for code in ISO_4217}, **CURRENCY_SIGNS}


def _without_currency(text: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """Return the text with a known currency sign, word or code taken off, and that currency.

    The currency may stand before the number (after its sign: "-$5", "$-5" and "€ 1.234,50"
    read alike) or after it ("1 234,5 lei", "12.5 RON"), with or without a space. Three
    capital letters that are not an ISO 4217 code are left in place, so the text stays
    unreadable.
    """
    before = text.str.extract(_PREFIX, 2)
    after = text.str.extract(_SUFFIX, 1)
    token = pl.coalesce(before, after)
    currency = (
        token.str.to_uppercase()
        .replace_strict(_currency_token_codes(), default=None, return_dtype=pl.String)
        .cast(CURRENCIES)
    )
    stripped = (
        pl.when(currency.is_null())
        .then(text)
        .when(before.is_not_null())
        .then(text.str.replace(_PREFIX, "${1}"))
        .otherwise(text.str.replace(_SUFFIX, ""))
    )
    return stripped, currency


def parse_numbers(
    frame: pl.DataFrame, field: str, *, group_by: str | None = "file"
) -> pl.DataFrame:
    """Add `<field>_number`, `_issue`, `_percent`, `_decimals`, `_other` and `_currency`.

    `_currency` is the currency written with an amount (`CURRENCIES`), or null. A file's own
    unambiguous numbers ("1,234.5", "12,5", "$1,555.41") decide how its ambiguous ones
    ("3,942", "1.234", "€ 3,942") are read; with no evidence, or mixed evidence, the English
    reading is taken and the row carries a `number_ambiguous` issue naming both readings.
    """
    column = frame.schema[field]
    if column.is_numeric() or column == pl.Null:
        return frame.with_columns(
            pl.col(field).cast(pl.Float64).alias(f"{field}_number"),
            pl.lit(None, dtype=pl.String).alias(f"{field}_issue"),
            pl.lit(False).alias(f"{field}_percent"),
            pl.lit(None, dtype=pl.Int32).alias(f"{field}_decimals"),
            pl.lit(None, dtype=pl.String).alias(f"{field}_other"),
            pl.lit(None, dtype=CURRENCIES).alias(f"{field}_currency"),
        )
    text = pl.col(field).str.replace_all("[\u00a0\u202f\u2009]", " ").str.strip_chars()
    written = text
    currency = pl.lit(None, dtype=CURRENCIES)
    if frame.select(pl.col(field).str.contains(_CURRENCY_SEEN).any()).item():
        # Only a column that has some letter or currency sign pays for the currency's removal.
        text, currency = _without_currency(text)
    body = text.str.strip_suffix("%").str.strip_chars()
    negative = body.str.contains("^[-\u2212]\\s*\\d")
    body = body.str.replace("^[+\\-\u2212]\\s*", "")
    work = frame.with_columns(
        _shape(body).alias("_shape"),
        body.alias("_body"),
        negative.alias("_negative"),
        text.str.ends_with("%").fill_null(False).alias("_percent"),
        # An empty cell is told apart first (`_empty`), so its value here is never read.
        written.str.to_lowercase()
        .is_in(NOT_AVAILABLE)
        .fill_null(False)  # pragma: no mutate
        .alias("_not_available"),
        (written.is_null() | (written == "")).alias("_empty"),
        currency.alias("_currency"),
    )
    evidence = work.group_by(group_by) if group_by else None
    point_seen = (pl.col("_shape") == "point").any()
    comma_seen = (pl.col("_shape") == "comma").any()
    if evidence is not None:
        work = work.with_columns(
            point_seen.over(group_by).alias("_point_seen"),
            comma_seen.over(group_by).alias("_comma_seen"),
        )
    else:
        work = work.with_columns(point_seen.alias("_point_seen"), comma_seen.alias("_comma_seen"))
    comma_file = pl.col("_comma_seen") & ~pl.col("_point_seen")
    ambiguous = pl.col("_shape").is_in(["ambiguous_comma", "ambiguous_dot"])
    body_column = pl.col("_body")
    clean = (
        pl.when(pl.col("_shape").is_in(["integer", "scientific"]))
        .then(body_column)
        .when(pl.col("_shape") == "point")
        .then(_point_reading(body_column))
        .when(pl.col("_shape") == "comma")
        .then(_comma_reading(body_column))
        .when(pl.col("_shape") == "spaced")
        .then(body_column.str.replace_all("[ '\u2019]", "").str.replace(",", ".", literal=True))
        .when(ambiguous & comma_file)
        .then(_comma_reading(body_column))
        .when(ambiguous)
        .then(_point_reading(body_column))
    )
    other = pl.when(ambiguous & ~comma_file).then(_comma_reading(body_column))
    sign = pl.when(pl.col("_negative")).then(-1.0).otherwise(1.0)
    undecided = ambiguous & (pl.col("_point_seen") == pl.col("_comma_seen"))
    issue = (
        pl.when(pl.col("_empty"))
        .then(None)
        .when(pl.col("_not_available"))
        .then(pl.lit("number_not_available"))
        .when(pl.col("_shape") == "unreadable")
        .then(pl.lit("number_unreadable"))
        .when(undecided)
        .then(pl.lit("number_ambiguous"))
    )
    return work.with_columns(
        # The sign is 1 or -1 (dividing by it is the same), and every shape is digits.
        (clean.cast(pl.Float64, strict=False) * sign).alias(f"{field}_number"),  # pragma: no mutate
        issue.alias(f"{field}_issue"),
        pl.col("_percent").alias(f"{field}_percent"),
        clean.str.extract(r"\.(\d+)$")
        .str.len_chars()
        .fill_null(0)
        .cast(pl.Int32)
        .alias(f"{field}_decimals"),
        other.alias(f"{field}_other"),
        pl.when(clean.is_not_null()).then(pl.col("_currency")).alias(f"{field}_currency"),
    ).drop(
        "_shape",
        "_body",
        "_negative",
        "_percent",
        "_not_available",
        "_empty",
        "_point_seen",
        "_comma_seen",
        "_currency",
    )


def parse_number(text: str | None) -> tuple[float | None, str | None]:
    """Read one number alone (no file to learn from): return its value and issue code."""
    frame = parse_numbers(pl.DataFrame({"x": [text]}, schema={"x": pl.String}), "x", group_by=None)
    row = frame.row(0, named=True)
    return row["x_number"], row["x_issue"]
