"""Integer keys for joins: a city-year and a base value each packed into one 64-bit number.

Joining on one integer is several times faster than joining on city, year and variable
names; the names stay beside the keys for output.
"""

import numpy as np
import polars as pl

YEAR_ORIGIN = 1800
YEAR_SLOTS = 1024  # years 1800-2823
VARIABLE_SLOTS = 1024  # more than the catalogue's base variables


def city_year_key(city_id: pl.Expr, year: pl.Expr) -> pl.Expr:
    """Pack a city number and a year into one key."""
    return city_id.cast(pl.UInt64) * YEAR_SLOTS + (year - YEAR_ORIGIN).cast(pl.UInt64)


def value_key(city_year: pl.Expr, variable_id: pl.Expr) -> pl.Expr:
    """Pack a city-year key and a variable number into one key."""
    return city_year * VARIABLE_SLOTS + variable_id.cast(pl.UInt64)


def city_of(city_year: pl.Expr) -> pl.Expr:
    """Return the city number of a city-year key."""
    return city_year // YEAR_SLOTS


def city_numbers(*columns: pl.Series) -> dict[str, int]:
    """Number every distinct city of `columns`, in sorted order."""
    names = pl.concat([column.drop_nulls().unique() for column in columns]).unique().sort()
    return {name: number for number, name in enumerate(names.to_list())}


def city_year_numbers(city_year: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Number the distinct city-year keys 0, 1, ... in key order: each row's number, the keys.

    The keys are marked in a dense array over cities and the span of years (a few hundred
    at most), so numbering them is two passes over the rows rather than a sort.
    """
    if city_year.size == 0:
        return np.zeros(0, dtype=np.int64), city_year
    city, year = np.divmod(city_year, YEAR_SLOTS)
    first_city, first_year = city.min(), year.min()
    span = year.max() - first_year + 1
    place = ((city - first_city) * span + (year - first_year)).astype(np.int64)
    present = np.zeros(int((city.max() - first_city + 1) * span), dtype=bool)
    present[place] = True
    number = np.cumsum(present) - 1
    places = np.flatnonzero(present).astype(city_year.dtype)
    distinct = (places // span + first_city) * YEAR_SLOTS + places % span + first_year
    return number[place], distinct
