"""Amounts written with a currency sign or code: read, their currency kept, mixtures flagged."""

from pathlib import Path

import polars as pl
import pytest

from wsco.audits.engine.compute import provenance
from wsco.audits.engine.pipeline import audit_files

DEBT_SERVICE = "ISO37120:2018/9.1"  # debt_service_expenditure / own_source_revenue x 100
OWN_REVENUE = "ISO37120:2018/9.3"  # own_source_revenue / total_revenues x 100
CAPITAL_SPENDING = "ISO37120:2018/9.2"  # capital_spending / total_expenditures x 100
TAX = "ISO37120:2018/9.4"  # tax_collected / tax_billed x 100
CITY_PRODUCT = "ISO37120:2018/5.9.3"  # city_product_usd / population, US$ per capita
CAPITAL_BUDGET = "ISO37120:2018/9.5.2"  # gross_capital_budget_usd / population
CULTURE_BUDGET = "ISO37120:2018/17.2"  # budget_culture_sport_facilities / municipal_budget x 100

# A file as an American city writes its finance rows: dollar signs, commas group thousands.
DOLLARS = """city,year,indicator,numerator,denominator,value
Springfield,2021,ISO37120:2018/9.1,"$15,545,805.78","$155,458,057.80",10.00
Springfield,2021,ISO37120:2018/5.9.3,"$15,545,805.78","10,000","$1,554.58"
Springfield,2021,ISO37120:2018/9.5.2,N/A,$1,"$1,555.41"
Springfield,2021,ISO37120:2018/9.4,"$3,942",USD 7884,50
"""
# A file as a Romanian city writes them: a decimal comma, dots or spaces grouping thousands.
LEI = """city,year,indicator,numerator,denominator,value
Ploiesti,2021,ISO37120:2018/9.2,"1 234,5 lei","RON 12.345,00","10,00"
Ploiesti,2021,ISO37120:2018/9.3,"€ 1.234,50",RON 12.345,"10,00"
Ploiesti,2021,ISO37120:2018/5.9.3,€ 1.000.000,"1.000",$1.000
"""


def audit(folder: Path, **files: str) -> pl.DataFrame:
    """Return the results (with their `row`) of the CSV `files` (name without .csv: text)."""
    paths = []
    for name, text in files.items():
        path = folder / f"{name}.csv"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return provenance(audit_files(paths).results)


def row_of(results: pl.DataFrame, city: str, indicator: str) -> dict:
    """Return the one result of `city` for `indicator`."""
    rows = results.filter((pl.col("city") == city) & (pl.col("indicator") == indicator))
    assert rows.height == 1
    return rows.row(0, named=True)


def test_amounts_with_a_dollar_sign_are_read_and_keep_their_currency(tmp_path: Path) -> None:
    results = audit(tmp_path, us=DOLLARS)
    debt = row_of(results, "Springfield", DEBT_SERVICE)
    # 15,545,805.78 / 155,458,057.80 x 100 = 10 % exactly, reported as 10.00. A ratio of two
    # amounts in one currency is a percentage, not an amount: no currency of its own.
    assert (debt["numerator"], debt["denominator"]) == (15545805.78, 155458057.8)
    assert (debt["numerator_currency"], debt["denominator_currency"]) == ("$", "$")
    assert (debt["status"], debt["value"], debt["currency"]) == ("ok", 10.0, None)


def test_a_value_that_is_itself_an_amount_keeps_its_currency(tmp_path: Path) -> None:
    results = audit(tmp_path, us=DOLLARS)
    product = row_of(results, "Springfield", CITY_PRODUCT)
    # 15,545,805.78 / 10,000 residents = 1,554.580578 dollars each, reported as $1,554.58
    # (1,554.575-1,554.585). The recomputed value from exact inputs is known to within
    # 0.0001 (the half units of 15,545,805.78 and of 10,000), the reported one to 0.01: the
    # recomputed one is kept.
    assert product["status"] == "ok"
    assert product["value"] == pytest.approx(1554.580578)
    assert product["reported_value"] == 1554.58
    assert (product["currency"], product["numerator_currency"]) == ("$", "$")
    assert product["denominator_currency"] is None


def test_a_value_over_a_placeholder_dollar_keeps_its_value_unverified(tmp_path: Path) -> None:
    # The numerator is N/A over "$1": nothing to check it with, so the reported $1,555.41 is
    # kept with a warning, as any value reported without usable inputs is.
    audit_result = audit_files([_write(tmp_path, "us.csv", DOLLARS)])
    results = provenance(audit_result.results)
    budget = row_of(results, "Springfield", CAPITAL_BUDGET)
    assert (budget["status"], budget["value"], budget["currency"]) == ("warning", 1555.41, "$")
    assert budget["message_codes"] == ["reported_unverifiable"]
    # The N/A itself is a finding on the input row; "$1" reads as 1 dollar, not unreadable.
    codes = audit_result.input_rows["message_codes"].to_list()
    assert codes == [["number_not_available"]]


def test_file_evidence_still_decides_ambiguous_amounts(tmp_path: Path) -> None:
    # "$3,942" reads as 3942 or 3.942; the same file writes "$15,545,805.78" (a decimal point),
    # so it is 3942, with no finding. 3,942 / 7,884 x 100 = 50 %. "$" and "USD" agree.
    audit_result = audit_files([_write(tmp_path, "us.csv", DOLLARS)])
    tax = row_of(provenance(audit_result.results), "Springfield", TAX)
    assert (tax["numerator"], tax["denominator"], tax["value"]) == (3942.0, 7884.0, 50.0)
    assert (tax["numerator_currency"], tax["denominator_currency"]) == ("$", "USD")
    assert tax["status"] == "ok"
    assert "number_ambiguous" not in audit_result.input_rows["message_codes"].explode().to_list()
    # Where a column writes decimal commas ("RON 12.345,00" among the denominators), its
    # "RON 12.345" is 12,345 lei.
    results = audit(tmp_path, ro=LEI)
    revenue = row_of(results, "Ploiesti", OWN_REVENUE)
    assert revenue["denominator"] == 12345.0
    capital = row_of(results, "Ploiesti", CAPITAL_SPENDING)
    # 1,234.5 / 12,345 x 100 = 10.000 %, reported as 10,00; lei and RON are one currency.
    assert (capital["numerator"], capital["denominator"]) == (1234.5, 12345.0)
    assert (capital["status"], capital["value"]) == ("ok", pytest.approx(10.0))
    assert (capital["numerator_currency"], capital["denominator_currency"]) == ("RON", "RON")


def test_a_ratio_of_amounts_in_different_currencies_is_invalid(tmp_path: Path) -> None:
    results = audit(tmp_path, ro=LEI)
    revenue = row_of(results, "Ploiesti", OWN_REVENUE)
    # EUR 1,234.50 over RON 12,345: the 10 % it gives mixes two currencies.
    assert (revenue["status"], revenue["message_codes"]) == ("invalid", ["currency_mismatch"])
    assert revenue["message"] == (
        "Ploiesti, 2021, ro.csv:3: ISO37120:2018/9.3 mixes currencies "
        "(numerator EUR, denominator RON); its amounts must be in one currency"
    )


def test_an_amount_reported_in_another_currency_than_its_numerator_is_invalid(
    tmp_path: Path,
) -> None:
    results = audit(tmp_path, ro=LEI)
    product = row_of(results, "Ploiesti", CITY_PRODUCT)
    # EUR 1,000,000 over 1,000 residents ("1.000" among denominators with decimal commas) is
    # EUR 1,000 each, reported as $1.000 (1,000, its column writing "10,00"): an amount per
    # resident, in a currency its numerator is not.
    assert product["value"] == 1000.0
    assert product["message_codes"] == ["currency_mismatch"]
    assert "(numerator EUR, value $)" in product["message"]


def test_base_values_carry_their_currency_into_the_indicator(tmp_path: Path) -> None:
    variables = """city,year,variable,value
Cluj,2021,budget_culture_sport_facilities,"€ 50.000,00"
Cluj,2021,municipal_budget,"€ 1.000.000,00"
Arad,2021,budget_culture_sport_facilities,"$50,000.00"
Arad,2021,municipal_budget,"€1,000,000.00"
"""
    results = audit(tmp_path, budgets=variables)
    cluj = row_of(results, "Cluj", CULTURE_BUDGET)
    # 50,000 / 1,000,000 x 100 = 5 %, both in euros.
    assert (cluj["status"], cluj["value"]) == ("ok", 5.0)
    assert (cluj["numerator_currency"], cluj["denominator_currency"]) == ("EUR", "EUR")
    arad = row_of(results, "Arad", CULTURE_BUDGET)
    assert (arad["status"], arad["message_codes"]) == ("invalid", ["currency_mismatch"])
    assert arad["row"] == "budgets.csv:4, budgets.csv:5"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
