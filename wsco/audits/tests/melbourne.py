"""The City of Melbourne's published ISO 37120 values, turned into the engine's reported form.

Fixture: data/city-of-melbourne-liveability-and-social-indicators.csv, copied byte for byte
from ../shared/data/reference/ (sha256 7f28deac796a8090e2731dd2a2641096adf94071dd314f5ae618bd3ca8bd
14c3, as the reference README gives it).
Publisher: City of Melbourne open data portal, dataset
"city-of-melbourne-liveability-and-social-indicators"; see the reference README for provenance.
"""

import re
from pathlib import Path

import polars as pl

from wsco.audits.engine.pipeline import read_input_plain

MELBOURNE_FILE = (
    Path(__file__).parent / "data" / "city-of-melbourne-liveability-and-social-indicators.csv"
)

# The city's Liveability IDs -> ISO 37120:2014 clause numbers, as the reference README matched
# them by indicator name. PROP_*/PROH_* are Annex A profile items (not numbered in our 2014
# catalogue) and the Social rows are the city's own survey: neither is an ISO 37120 indicator.
ISO37120_2014_NUMBERS = {
    **{f"ECO_{n}": f"5.{n}" for n in range(1, 8)},
    **{f"FIN_{n}": f"9.{n}" for n in range(1, 5)},
    "FIRE_1": "10.1",
    "FIRE_2": "10.2",
    "FIRE_3": "14.1",
    "FIRE_4": "14.2",
    "FIRE_5": "14.3",
    "FIRE_6": "14.5",
    "FIRE_7": "15.2",
    "GOV_1": "11.1",
    "GOV_2": "11.2",
    "GOV_3": "11.3",
    "GOV_4": "11.5",
    "GOV_5": "11.6",
    "HEA_1": "12.2",
    "HEA_2": "12.3",
    "HEA_3": "12.4",
    "HEA_4": "12.5",
    "HEA_5": "12.6",
    "HEA_6": "12.7",
    "HEA_7": "6.4",
    "REC_1": "13.1",
    "REC_2": "13.2",
    "REC_3": "19.1",
    "REC_4": "19.2",
    "REC_5": "19.4",
    **{f"TRANS_{n}": f"18.{n}" for n in range(1, 7)},
    "TRANS_7": "18.8",
    "WAT_1": "7.1",
    "WAT_2": "7.3",
    "WAT_3": "7.5",
    "WAT_4": "8.3",
    "WAT_5": "21.4",
    "WAT_6": "21.5",
}


def year_of(period: str) -> str:
    """Return the year a period stands for; a financial year "2017/18" counts as its end, 2018."""
    financial = re.search(r"(\d{2})(\d{2})/(\d{2})\s*$", period)
    if financial:
        return financial.group(1) + financial.group(3)
    return re.match(r"\s*(?:FY\s*)?(\d{4})", period).group(1)


def melbourne_rows() -> pl.DataFrame:
    """Return every row of the Melbourne file with its line, ID, year and ISO key (or none)."""
    frame = read_input_plain(MELBOURNE_FILE).rename(str.lower)
    return frame.with_columns(
        pl.col("period").map_elements(year_of, return_dtype=pl.String).alias("year"),
        pl.col("id").replace_strict(ISO37120_2014_NUMBERS, default=None).alias("number"),
    )


def melbourne_reported() -> pl.DataFrame:
    """Return the file's ISO 37120:2014 rows in the reported form the engine reads."""
    rows = melbourne_rows().filter(pl.col("number").is_not_null())
    return rows.select(
        pl.lit("Melbourne").alias("city"),
        "year",
        pl.concat_str(pl.lit("ISO37120:2014/"), pl.col("number")).alias("indicator"),
        "numerator",
        "denominator",
        "value",
        pl.col("sources").alias("source"),
        pl.lit(MELBOURNE_FILE.name).alias("file"),
        "line",
    )
