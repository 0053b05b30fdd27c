"""`wsco audit` called as main([...]) with files in a temporary directory."""

import io
import json
import os
from pathlib import Path

import polars as pl
import pytest
from openpyxl import load_workbook
from rich.console import Console

from wsco.audits.engine.cli import (
    _draw_methods,
    _frame_table,
    _parser,
    _progress,
    _status_table,
    main,
)
from wsco.audits.engine.composite import IndexSettings
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


# What the terminal shows, and the order in which the commands check their arguments.

ARAD = "Arad,2020,population,100000\n"  # a city with no goalpost indicator: it gets no index
SCORE = ["score", "cities.csv", "--goalposts", "goalposts.csv", "--output", "scores.csv"]
SCORE_MISSING = ["score", "missing.csv", "--goalposts", "missing.csv", "--output", "out.csv"]


@pytest.fixture
def here(inputs: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in the inputs' folder, so that file names in the terminal stay short."""
    (inputs / "cities.csv").write_text(VARIABLES + ARAD)
    monkeypatch.chdir(inputs)
    return inputs


class RecordingProgress:
    """Stands in for rich's Progress bar and records what a command asks of it."""

    made: list["RecordingProgress"] = []

    def __init__(self, **options) -> None:
        self.options = options
        self.tasks: list[tuple[str, int]] = []
        self.updates: list[tuple[int, dict]] = []
        RecordingProgress.made.append(self)

    def __enter__(self) -> "RecordingProgress":
        return self

    def __exit__(self, *_exception) -> bool:
        return False

    def add_task(self, description: str, total: int) -> int:
        self.tasks.append((description, total))
        return 7

    def update(self, task: int, **changes) -> None:
        self.updates.append((task, changes))


@pytest.fixture
def progress(monkeypatch: pytest.MonkeyPatch) -> list[RecordingProgress]:
    monkeypatch.setattr(RecordingProgress, "made", [])
    monkeypatch.setattr("wsco.audits.engine.cli.Progress", RecordingProgress)
    return RecordingProgress.made


@pytest.mark.parametrize(("sizes", "shown"), [((4_999_999,), False), ((5_000_000,), True)])
def test_a_progress_bar_shows_from_five_megabytes_of_input(
    tmp_path: Path, progress: list[RecordingProgress], sizes: tuple[int, ...], shown: bool
) -> None:
    paths = []
    for number, size in enumerate(sizes):
        path = tmp_path / f"input-{number}.csv"
        path.touch()
        os.truncate(path, size)
        paths.append(str(path))
    console = Console(file=io.StringIO())
    with _progress(console, [*paths, str(tmp_path / "absent.csv")]) as step:
        step("read one")
    (bar,) = progress
    assert bar.options == {"console": console, "transient": True, "disable": not shown}
    # One step per file (the absent one too), then computing and writing: 2 files + 2.
    assert bar.tasks == [("audit", 4)]
    assert bar.updates == [(7, {"advance": 1, "description": "read one"})]


@pytest.mark.parametrize(
    ("arguments", "steps"),
    [
        (["compute", "cities.csv", "--output", "out.csv"], ["computed", "written"]),
        (
            ["level", "cities.csv", "--standard", "ISO37120:2014", "--output", "levels.csv"],
            ["levelled", "written"],
        ),
        (
            [*SCORE, "--draws", "5"],
            ["scored", "written"],
        ),
    ],
)
def test_each_command_advances_the_bar_once_per_file_and_step(
    here: Path, progress: list[RecordingProgress], arguments: list[str], steps: list[str]
) -> None:
    assert main(arguments) == 0
    (bar,) = progress
    assert bar.tasks == [("audit", 3)]
    assert [changes["description"] for _task, changes in bar.updates] == ["read cities.csv", *steps]
    assert {changes["advance"] for _task, changes in bar.updates} == {1}


def test_compute_prints_counts_first_problems_and_rows_written(
    here: Path, capsys: pytest.CaptureFixture
) -> None:
    assert main(["compute", "cities.csv", "--output", "out.csv"]) == 0
    out = capsys.readouterr().out
    # 4 city-years x 128 indicators = 512 rows; the only problem is Cluj's homicides, 5 to 10
    # per 100 000 from 2020 to 2021. Homicides and unemployment are computable in the three
    # city-years with values (6 ok rows, one of them the warning), and 512 - 6 are missing.
    assert out.splitlines()[-1] == "out.csv: 512 rows"
    assert "│ ISO37120:2018 │ missing │ 506  │" in out
    assert "│ ISO37120:2018 │ ok      │ 5    │" in out
    assert "│ ISO37120:2018 │ warning │ 1    │" in out
    assert "First problems (of 1)" in out
    assert "changed by 100 % since 2020 (5 to 10)" in out


def test_compute_without_problems_prints_no_problem_table(
    here: Path, capsys: pytest.CaptureFixture
) -> None:
    (here / "calm.csv").write_text("city,year,variable,value\n" + ARAD)
    assert main(["compute", "calm.csv", "--output", "out.csv"]) == 0
    out = capsys.readouterr().out
    assert "First problems" not in out
    assert out.splitlines()[-1] == "out.csv: 128 rows"


def test_level_prints_the_levels_and_rows_written(here: Path, capsys) -> None:
    arguments = ["level", "cities.csv", "--standard", "ISO37120:2014", "--output", "levels.csv"]
    assert main(arguments) == 0
    out = capsys.readouterr().out
    assert "Levels" in out
    # Iasi 2020: unemployment (5.1) and homicides (14.2) are 2 of the 2014 edition's core.
    assert "│ Iasi │ 2020 │ ISO37120:2014 │ 2    │ 0          │ none  │" in out
    assert out.splitlines()[-1] == "levels.csv: 4 rows"


def test_score_prints_the_index_with_cities_without_one_last(here: Path, capsys) -> None:
    arguments = ["score", "cities.csv", "--goalposts", "goalposts.csv", "--output", "scores.csv"]
    assert main([*arguments, "--draws", "20"]) == 0
    out = capsys.readouterr().out
    assert "Index and rank interval" in out
    # Goalposts by hand: Cluj 2020 unemployment 4 % -> (25 - 4) / 25 x 100 = 84, homicides 5
    # -> (20 - 5) / 20 x 100 = 75, index (84 + 75) / 2 = 79.5; Iasi 12.5 % -> 50 and 2 -> 90,
    # index 70. Arad has no goalpost indicator, so no index and no rank: it comes last in 2020.
    lines = [line for line in out.splitlines() if "│ 2020 │" in line]
    assert [line.split("│")[1:5] for line in lines] == [
        [" Cluj ", " 2020 ", " 79.5  ", " 1    "],
        [" Iasi ", " 2020 ", " 70    ", " 2    "],
        [" Arad ", " 2020 ", "       ", "      "],
    ]
    assert out.splitlines()[-1] == "scores.csv: 512 rows"


def test_template_says_what_it_wrote(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["template", "--standard", "iso 37120:2018", "--output", "t.csv"]) == 0
    assert capsys.readouterr().out == "t.csv: 155 variables for 128 indicators of ISO37120:2018\n"


@pytest.mark.parametrize(
    "arguments",
    [
        ["compute", "missing.csv", "--output", "out.txt"],
        ["level", "missing.csv", "--standard", "ISO37120:2014", "--output", "out.txt"],
        ["score", "missing.csv", "--goalposts", "missing.csv", "--output", "out.txt"],
        [*SCORE_MISSING, "--index-output", "out.txt"],
        [*SCORE_MISSING, "--trends-output", "out.txt"],
    ],
)
def test_an_unwritable_output_is_refused_before_any_input_is_read(
    tmp_path: Path, monkeypatch, capsys, arguments: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(arguments) == 2
    assert capsys.readouterr().err == (
        "wsco audit: error: out.txt: unknown file type; use .csv, .xlsx or .json\n"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("arguments", "missing"),
    [
        ([], "command"),
        (["template", "--output", "t.csv"], "--standard"),
        (["template", "--standard", "ISO37120:2018"], "--output"),
        (["compute", "cities.csv"], "--output"),
        (["level", "cities.csv", "--output", "levels.csv"], "--standard"),
        (["score", "cities.csv", "--output", "scores.csv"], "--goalposts"),
    ],
)
def test_a_required_argument_left_out_is_named(capsys, arguments: list[str], missing: str) -> None:
    assert main(arguments) == 2
    assert f"the following arguments are required: {missing}" in capsys.readouterr().err


def test_score_draws_a_thousand_times_from_seed_zero_by_default() -> None:
    arguments = _parser().parse_args(["score", "a.csv", "--goalposts", "g.csv", "--output", "o"])
    assert (arguments.draws, arguments.seed, arguments.peers) == (1000, 0, "all")
    assert (arguments.normalisation, arguments.aggregation) == ("goalposts", "arithmetic")


def test_the_draws_pick_the_chosen_normalisation_and_the_three_others_once_each() -> None:
    assert _draw_methods(IndexSettings("zscore")) == ["zscore", "goalposts", "minmax", "percentile"]
    assert _draw_methods(IndexSettings("minmax")) == ["minmax", "goalposts", "percentile"]


def rendered(table) -> list[str]:
    console = Console(file=io.StringIO(), width=100)
    console.print(table)
    return console.file.getvalue().splitlines()


def test_status_table_counts_rows_by_edition_and_status() -> None:
    results = pl.DataFrame(
        {
            "indicator": ["ISO37122:2019/5.1", "ISO37120:2018/5.1", "ISO37120:2018/5.2", None],
            "status": ["missing", "ok", "ok", "invalid"],
        }
    )
    lines = rendered(_status_table(results))
    assert "│ edition       │ status  │ rows │" in lines[2].replace("┃", "│")
    # Input rows (no indicator) are left out; editions and statuses sorted.
    assert lines[4:6] == [
        "│ ISO37120:2018 │ ok      │ 2    │",
        "│ ISO37122:2019 │ missing │ 1    │",
    ]


def test_frame_table_shows_the_first_fifteen_rows_with_short_numbers() -> None:
    frame = pl.DataFrame(
        {
            "name": [f"c{number}" for number in range(16)],
            "value": [3.14159, None, *[1234567.0] * 14],
            "count": list(range(16)),
        }
    )
    lines = rendered(_frame_table(frame, "Sample"))
    assert lines[0].strip() == "Sample"
    assert "┃ name ┃ value     ┃ count ┃" in lines[2]
    body = [line for line in lines if line.startswith("│")]
    assert body[:3] == [
        "│ c0   │ 3.142     │ 0     │",
        "│ c1   │           │ 1     │",
        "│ c2   │ 1.235e+06 │ 2     │",
    ]
    assert len(body) == 15
