"""`wsco audit` called as main([...]) with files in a temporary directory."""

import io
import json
from pathlib import Path

import polars as pl
import pytest
from openpyxl import load_workbook

from wsco.audits.engine.cli import main
from wsco.core.spreadsheets import write_xlsx_tables

VARIABLES = """city,year,variable,value
Cluj,2020,population,"300,000.0"
Cluj,2020,unemployed_persons,6000
Cluj,2020,labour_force,150000
Cluj,2020,homicides,15
Iasi,2020,population,400000
Iasi,2020,unemployed_persons,20000
Iasi,2020,labour_force,160000
Iasi,2020,homicides,8
Cluj,2021,population,310000
Cluj,2021,unemployed_persons,6200
Cluj,2021,labour_force,155000
Cluj,2021,homicides,31
"""
GOALPOSTS = """indicator,min,max,better
ISO37120:2018/5.1,0,25,lower
ISO37120:2018/15.5,0,20,lower
"""


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    (tmp_path / "cities.csv").write_text(VARIABLES)
    (tmp_path / "goalposts.csv").write_text(GOALPOSTS)
    return tmp_path


def test_template_as_csv_lists_every_variable_of_the_edition(tmp_path: Path) -> None:
    output = tmp_path / "template.csv"
    assert main(["template", "--standard", "ISO37120:2018", "--output", str(output)]) == 0
    template = pl.read_csv(output, infer_schema_length=0)
    assert template.columns[:5] == ["city", "year", "variable", "value", "source"]
    assert template.height == 155  # the distinct base variables of ISO 37120:2018
    population = template.filter(pl.col("variable") == "population").row(0, named=True)
    assert population["unit"] == "persons"


def test_template_as_xlsx_has_variables_and_indicators(tmp_path: Path) -> None:
    output = tmp_path / "template.xlsx"
    assert main(["template", "--standard", "ISO37122:2019", "--output", str(output)]) == 0
    workbook = load_workbook(output)
    assert workbook.sheetnames == ["results", "indicators"]
    assert workbook["indicators"].max_row == 81  # header + 80 indicators


def test_compute_writes_one_row_per_city_year_indicator(
    inputs: Path, capsys: pytest.CaptureFixture
) -> None:
    output = inputs / "out.csv"
    assert main(["compute", str(inputs / "cities.csv"), "--output", str(output)]) == 0
    results = pl.read_csv(output, infer_schema_length=0)
    assert {"city", "year", "indicator", "value", "status", "message"} <= set(results.columns)
    assert results.filter(pl.col("indicator").is_not_null()).height == 3 * 128
    row = results.filter((pl.col("city") == "Iasi") & (pl.col("indicator") == "ISO37120:2018/5.1"))
    # 20 000 / 160 000 x 100 = 12.5 %
    assert row["value"].cast(pl.Float64).to_list() == [12.5]
    jump = results.filter(
        (pl.col("city") == "Cluj")
        & (pl.col("year") == "2021")
        & (pl.col("indicator") == "ISO37120:2018/15.5")
    )
    # 15 / 300 000 -> 31 / 310 000 per 100 000: 5 -> 10, +100 %
    assert jump["status"].to_list() == ["warning"]
    assert "Indicators by status" in capsys.readouterr().out


def test_compute_writes_json_and_xlsx(inputs: Path) -> None:
    json_output, xlsx_output = inputs / "out.json", inputs / "out.xlsx"
    assert main(["compute", str(inputs / "cities.csv"), "--output", str(json_output)]) == 0
    records = json.loads(json_output.read_text())
    assert len(records) == 3 * 128
    assert main(["compute", str(inputs / "cities.csv"), "--output", str(xlsx_output)]) == 0
    sheet = load_workbook(xlsx_output)["results"]
    assert sheet.max_row == 3 * 128 + 1


def test_compute_reads_xlsx_input(inputs: Path) -> None:
    variables = pl.read_csv(io.StringIO(VARIABLES), infer_schema_length=0)
    write_xlsx_tables({"cities": variables}, inputs / "cities.xlsx")
    output = inputs / "out.csv"
    assert main(["compute", str(inputs / "cities.xlsx"), "--output", str(output)]) == 0
    results = pl.read_csv(output, infer_schema_length=0)
    row = results.filter(
        (pl.col("city") == "Cluj")
        & (pl.col("year") == "2020")
        & (pl.col("indicator") == "ISO37120:2018/5.1")
    )
    assert row["value"].cast(pl.Float64).to_list() == [4.0]
    assert row["message"].fill_null("").to_list() == [""]


def test_level_writes_counts_and_level(inputs: Path) -> None:
    output = inputs / "levels.csv"
    assert (
        main(
            [
                "level",
                str(inputs / "cities.csv"),
                "--standard",
                "ISO37120:2014",
                "--output",
                str(output),
            ]
        )
        == 0
    )
    table = pl.read_csv(output)
    assert {"city", "year", "standard", "core", "supporting", "level"} <= set(table.columns)
    # 2014 core 5.1 (unemployment) and 14.2 (homicides) are computable: 2 core, no level.
    assert table.filter(pl.col("city") == "Iasi").select("core", "supporting", "level").row(0) == (
        2,
        0,
        "none",
    )


def test_score_adds_scores_index_and_trends(inputs: Path) -> None:
    output, index, trend = inputs / "scores.csv", inputs / "index.csv", inputs / "trends.csv"
    arguments = [
        "score",
        str(inputs / "cities.csv"),
        "--goalposts",
        str(inputs / "goalposts.csv"),
        "--output",
        str(output),
        "--index-output",
        str(index),
        "--trends-output",
        str(trend),
        "--draws",
        "50",
        "--peers",
        "population",
    ]
    assert main(arguments) == 0
    scores = pl.read_csv(output, infer_schema_length=0)
    iasi = scores.filter((pl.col("city") == "Iasi") & (pl.col("indicator") == "ISO37120:2018/5.1"))
    # (25 - 12.5) / (25 - 0) x 100 = 50
    assert iasi["score"].cast(pl.Float64).to_list() == [50.0]
    assert iasi["peer_group"].to_list() == ["200 000-500 000"]
    index_table = pl.read_csv(index)
    assert {"index", "rank", "rank_low", "rank_high"} <= set(index_table.columns)
    trends_table = pl.read_csv(trend)
    homicides = trends_table.filter(pl.col("indicator") == "ISO37120:2018/15.5").row(0, named=True)
    assert homicides["direction"] == "worsening"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["compute", "missing.csv", "--output", "out.csv"], "missing.csv: no such file"),
        (
            ["level", "cities.csv", "--standard", "ISO37120:2020", "--output", "out.csv"],
            "unknown standard",
        ),
        (["compute", "cities.csv", "--output", "out.txt"], "out.txt: unknown file type"),
        (
            ["compute", "bad.csv", "--output", "out.csv"],
            "bad.csv: columns town,when match no input form",
        ),
        (
            ["score", "cities.csv", "--goalposts", "badgoal.csv", "--output", "out.csv"],
            "badgoal.csv, line 2: better must be",
        ),
    ],
)
def test_unusable_input_exits_non_zero_with_one_clear_line(
    inputs: Path,
    capsys: pytest.CaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    arguments: list[str],
    message: str,
) -> None:
    (inputs / "bad.csv").write_text("town,when\nCluj,2020\n")
    (inputs / "badgoal.csv").write_text(
        "indicator,min,max,better\nISO37120:2018/5.1,0,25,sideways\n"
    )
    monkeypatch.chdir(inputs)
    assert main(arguments) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1
    assert message in error


def test_help_and_bad_options_return_codes_instead_of_exiting() -> None:
    assert main(["--help"]) == 0
    assert main(["compute"]) == 2
