"""Integer keys: a city-year and a base value packed into one number, and unpacked."""

import polars as pl

from wsco.audits.engine.keys import city_numbers, city_of, city_year_key, value_key


def test_keys_pack_city_year_and_variable_by_hand() -> None:
    keys = pl.select(
        city_year_key(pl.lit(3), pl.lit(2020)).alias("city_year"),
        value_key(city_year_key(pl.lit(3), pl.lit(2020)), pl.lit(5)).alias("value"),
        city_of(city_year_key(pl.lit(3), pl.lit(1800))).alias("city"),
    )
    # City 3 in 2020: 3 x 1024 + (2020 - 1800) = 3 292; variable 5: 3 292 x 1024 + 5.
    assert keys.row(0) == (3292, 3_371_013, 3)


def test_cities_are_numbered_in_name_order_across_columns() -> None:
    numbers = city_numbers(pl.Series(["Iasi", None, "Cluj"]), pl.Series(["Arad", "Cluj"]))
    assert numbers == {"Arad": 0, "Cluj": 1, "Iasi": 2}
