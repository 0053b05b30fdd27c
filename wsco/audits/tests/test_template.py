"""The template a city fills in, and formulas written as people read them."""

import pytest

from wsco.audits.engine.template import formula_text, template


@pytest.mark.parametrize(
    ("parts", "text"),
    [
        (("homicides", "population", 100000.0), "homicides / population x 100000"),
        (("unemployed_persons", "labour_force", 100.0), "unemployed_persons / labour_force x 100"),
        (("businesses", "population", 2.0), "businesses / population x 2"),
        (("tax_collected", "tax_billed", 1.0), "tax_collected / tax_billed"),
        (("pm25_annual_mean", None, 1.0), "pm25_annual_mean"),
        (("households", None, None), "households"),
        ((None, None, None), ""),
    ],
)
def test_a_formula_is_written_without_a_multiplier_of_one(parts, text) -> None:
    assert formula_text(*parts) == text


def test_inferred_classes_carry_a_question_mark_in_the_template() -> None:
    _variables, formulas = template("ISO37120:2018")
    types = dict(zip(formulas["indicator"], formulas["type"], strict=True))
    # 5.2 was read as core, 5.1's class carried over from 2014 (46 of the 2018 edition are).
    assert (types["ISO37120:2018/5.2"], types["ISO37120:2018/5.1"]) == ("core", "core?")
    assert sum(kind.endswith("?") for kind in types.values()) == 46
