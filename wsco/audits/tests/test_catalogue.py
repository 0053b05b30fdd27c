"""The catalogue: four editions as data, base variables defined once, links between them."""

import polars as pl
import pytest

from wsco.audits.engine.catalogue import (
    STANDARD_FILES,
    load_catalogue,
    normalise_standard,
    read_carry_over,
    read_sdg_links,
)
from wsco.audits.engine.messages import InputError


def test_each_edition_has_the_published_number_of_indicators() -> None:
    catalogue = load_catalogue()
    counts = {standard: len(catalogue.for_standard(standard)) for standard in STANDARD_FILES}
    # Reference README: 100 (2014), 128 (2018 with 24 profile), 80 (37122), 67 of 68 (37123).
    assert counts == {
        "ISO37120:2014": 100,
        "ISO37120:2018": 128,
        "ISO37122:2019": 80,
        "ISO37123:2019": 67,
    }
    types_2014 = [indicator.type for indicator in catalogue.for_standard("ISO37120:2014")]
    assert (types_2014.count("core"), types_2014.count("supporting")) == (46, 54)
    types_2018 = [indicator.type for indicator in catalogue.for_standard("ISO37120:2018")]
    assert types_2018.count("profile") == 24


def test_every_formula_names_defined_base_variables() -> None:
    catalogue = load_catalogue()
    for indicator in catalogue.indicators.values():
        for name in (indicator.numerator, indicator.denominator):
            assert name is None or name in catalogue.variables, (indicator.key, name)
        assert indicator.better in ("higher", "lower", "none")


def test_shared_variables_are_defined_once_and_reused() -> None:
    catalogue = load_catalogue()
    population_users = [
        indicator.key
        for indicator in catalogue.indicators.values()
        if "population" in (indicator.numerator, indicator.denominator)
    ]
    assert len(population_users) > 140
    assert list(catalogue.variables).count("population") == 1


def test_inputs_that_merely_share_wording_are_kept_apart() -> None:
    catalogue = load_catalogue()
    # "sum of interruption hours x households affected" is electricity in 7.7, water in 23.6.
    assert (
        catalogue.indicators["ISO37120:2018/7.7"].numerator
        == "electricity_interruption_household_hours"
    )
    assert (
        catalogue.indicators["ISO37120:2018/23.6"].numerator == "water_interruption_household_hours"
    )
    # Response times are per service, not one shared "sum of response times".
    assert catalogue.indicators["ISO37120:2014/10.6"].numerator == "fire_response_minutes_total"
    assert catalogue.indicators["ISO37120:2014/14.4"].numerator == "police_response_minutes_total"


def test_denominators_follow_each_edition() -> None:
    catalogue = load_catalogue()
    # Full-time employment: total population in 2014, labour force in 2018 (reference README).
    assert catalogue.indicators["ISO37120:2014/5.4"].denominator == "population"
    assert catalogue.indicators["ISO37120:2018/5.3"].denominator == "labour_force"
    assert catalogue.indicators["ISO37120:2014/14.1"].multiplier == 100000


def test_inferred_classes_are_marked() -> None:
    catalogue = load_catalogue()
    inferred = [i for i in catalogue.for_standard("ISO37120:2018") if i.type_inferred]
    assert len(inferred) == 46
    assert not any(i.type_inferred for i in catalogue.for_standard("ISO37120:2014"))


def test_carry_over_links_existing_indicators() -> None:
    catalogue = load_catalogue()
    carry = read_carry_over()
    assert carry.height == 100
    police = carry.filter(pl.col("from_indicator") == "ISO37120:2014/14.1").row(0, named=True)
    assert (police["to_indicator"], police["relation"]) == ("ISO37120:2018/15.4", "renumbered")
    for key in carry["to_indicator"].drop_nulls().to_list():
        assert key in catalogue.indicators
    employment = carry.filter(pl.col("from_indicator") == "ISO37120:2014/5.4").row(0, named=True)
    assert (employment["relation"], employment["comparable"]) == ("changed_formula", "false")


def test_sdg_links_point_at_2018_indicators() -> None:
    catalogue = load_catalogue()
    links = read_sdg_links()
    assert set(links["indicator"]) <= set(catalogue.indicators)
    pm = links.filter(pl.col("sdg_indicator") == "11.6.2")["indicator"].to_list()
    assert pm == ["ISO37120:2018/8.1", "ISO37120:2018/8.2"]


@pytest.mark.parametrize("text", ["ISO37120:2018", "iso 37120:2018", "37120-2018", "ISO37120/2018"])
def test_standard_names_are_read_loosely(text: str) -> None:
    assert normalise_standard(text) == "ISO37120:2018"


def test_unknown_standard_is_refused_with_the_known_ones() -> None:
    with pytest.raises(InputError, match="unknown standard 'ISO37120:2020'; known: ISO37120:2014"):
        normalise_standard("ISO37120:2020")
