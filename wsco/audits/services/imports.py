"""An audit's template: written prefilled, read back, checked row by row, saved all or nothing.

The template is the engine's (`wsco.audits.engine.template`), written through the one
spreadsheet writer (`wsco.core.spreadsheets`) with the audit's city, year and values filled in.
A file sent back is read by the engine's own reader (`read_input`) and checked before anything
is saved: every row must be of the audit's city and year and name a variable of its editions,
and the engine's findings on its values must hold no error. Then every row is saved in one
transaction, and only the rows that differ from what is stored are written, so the same file
sent twice changes nothing the second time.
"""

import io
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import polars as pl
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wsco.audits.engine.compute import compute
from wsco.audits.engine.inputs import read_input
from wsco.audits.engine.messages import InputError
from wsco.audits.engine.template import template
from wsco.audits.models import Audit, BaseValue
from wsco.audits.services.entry import ERROR, _without_place, audit_variables
from wsco.audits.services.results import BASE_FILE, CITY
from wsco.audits.services.values import lock_values, values_changed
from wsco.core.spreadsheets import write_xlsx_tables

IMPORT_FILE = "import"
CHUNK = 500  # Rows written between two reports of progress.
LIMITS = {"value": 60, "source": 300}

Progress = Callable[[int, int], None]


@dataclass
class Problem:
    """What is wrong with one cell (or row) of an imported file."""

    row: int
    column: str
    message: str
    status: str = ERROR


@dataclass
class ImportReport:
    """What an import found and did: its problems, and the rows it created or changed."""

    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    saved: bool = False

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.status == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.status != ERROR]

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "ImportReport":
        problems = [Problem(**problem) for problem in data.get("problems", [])]
        return cls(**{**data, "problems": problems})


def template_workbook(audit: Audit) -> bytes:
    """Return the audit's template as XLSX: its variables, with city, year and values filled in."""
    tables = [template(edition) for edition in audit.edition_list]
    variables = pl.concat([table[0] for table in tables]).unique("variable", keep="first")
    formulas = pl.concat([table[1] for table in tables])
    entered = {row.variable: row for row in audit.base_values.only("variable", "value", "source")}
    variables = variables.sort("variable").with_columns(
        pl.lit(audit.city.name).alias("city"),
        pl.lit(str(audit.year)).alias("year"),
        pl.col("variable")
        .map_elements(lambda name: entered[name].value if name in entered else "", pl.String)
        .alias("value"),
        pl.col("variable")
        .map_elements(lambda name: entered[name].source if name in entered else "", pl.String)
        .alias("source"),
    )
    output = io.BytesIO()
    write_xlsx_tables({"variables": variables, "indicators": formulas}, output)
    return output.getvalue()


def read_file(content: bytes, extension: str) -> tuple[pl.DataFrame | None, list[Problem]]:
    """Return the base-variable rows of a file (with their line), or the problem with it."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"import.{extension}"
        path.write_bytes(content)
        try:
            table = read_input(path)
        except InputError as error:
            message = str(error).replace(str(path), _("the file"))
            return None, [Problem(0, "", message)]
    if table.form != "variables":
        message = _("The file has no variable and value columns: use the audit's template.")
        return None, [Problem(1, "", message)]
    return table.frame, []


def _year_of(text: str | None) -> int | None:
    try:
        return int(float((text or "").strip()))
    except ValueError:
        return None


def check_rows(audit: Audit, frame: pl.DataFrame) -> list[Problem]:
    """Return every problem of the file's rows, the engine's findings on their values included."""
    known = audit_variables(audit)
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    city = audit.city.name.casefold()
    for row in frame.iter_rows(named=True):
        line, variable = row["line"], (row["variable"] or "").strip()
        if (row["city"] or "").strip() and row["city"].strip().casefold() != city:
            problems.append(
                Problem(
                    line,
                    "city",
                    _("The city is %(found)s; this audit is of %(city)s.")
                    % {"found": row["city"].strip(), "city": audit.city.name},
                )
            )
        if (row["year"] or "").strip() and _year_of(row["year"]) != audit.year:
            problems.append(
                Problem(
                    line,
                    "year",
                    _("The year is %(found)s; this audit is of %(year)s.")
                    % {"found": row["year"].strip(), "year": audit.year},
                )
            )
        if variable not in known:
            problems.append(
                Problem(
                    line,
                    "variable",
                    _("%(variable)s is not a variable of this audit's editions.")
                    % {"variable": variable or "—"},
                )
            )
        elif variable in seen:
            problems.append(
                Problem(
                    line,
                    "variable",
                    _("%(variable)s is given again (first on row %(row)s).")
                    % {"variable": variable, "row": seen[variable]},
                )
            )
        else:
            seen[variable] = line
        for column, limit in LIMITS.items():
            if len(row[column] or "") > limit:
                problems.append(
                    Problem(
                        line,
                        column,
                        _("At most %(limit)s characters.") % {"limit": limit},
                    )
                )
    return problems + _engine_problems(audit, frame, seen)


def _engine_problems(audit: Audit, frame: pl.DataFrame, rows: dict[str, int]) -> list[Problem]:
    """Run the engine on the file's values, with the audit's others, and keep its findings."""
    given = frame.filter(pl.col("variable").str.strip_chars().is_in(list(rows))).select(
        pl.lit(CITY).alias("city"),
        pl.lit(str(audit.year)).alias("year"),
        pl.col("variable").str.strip_chars(),
        pl.col("value").fill_null("").str.strip_chars(),
        pl.col("source").fill_null(""),
        pl.col("line").cast(pl.Int64),
        pl.lit(IMPORT_FILE).alias("file"),
    )
    given = given.filter(pl.col("value") != "")
    others = list(
        audit.base_values.exclude(variable__in=list(rows)).values_list(
            "variable", "value", "source", "pk"
        )
    )
    stored = pl.DataFrame(
        {
            "city": [CITY] * len(others),
            "year": [str(audit.year)] * len(others),
            "variable": [row[0] for row in others],
            "value": [row[1] for row in others],
            "source": [row[2] for row in others],
            "line": [row[3] for row in others],
            "file": [BASE_FILE] * len(others),
        },
        schema=given.schema,
    )
    variables = pl.concat([given, stored])
    if variables.is_empty():
        return []
    _results, findings = compute(variables=variables, standards=audit.edition_list)
    prefix = f"{IMPORT_FILE}:"
    return [
        Problem(
            int(finding["row"][len(prefix) :]),
            "value",
            _without_place(finding["message"]),
            finding["status"],
        )
        for finding in findings.to_dicts()
        if (finding["row"] or "").startswith(prefix) and finding["status"] in {ERROR, "warning"}
    ]


def save_rows(
    audit: Audit, frame: pl.DataFrame, *, by, progress: Progress | None = None
) -> tuple[int, int, int]:
    """Save the file's values in one transaction, writing only what differs.

    Returns the numbers of rows created, changed and left as they were.
    """
    stored = {row.variable: row for row in BaseValue.objects.filter(audit=audit)}
    new, changed, same = [], [], 0
    now = timezone.now()
    for row in frame.iter_rows(named=True):
        variable = row["variable"].strip()
        value, source = (row["value"] or "").strip(), (row["source"] or "").strip()
        current = stored.get(variable)
        if current is None:
            if value or source:
                new.append(
                    BaseValue(
                        audit=audit, variable=variable, value=value, source=source, entered_by=by
                    )
                )
            continue
        if (current.value, current.source) == (value, source) or not (value or source):
            same += 1
            continue
        current.value, current.source, current.entered_by, current.updated_at = (
            value,
            source,
            by,
            now,
        )
        current.accepted_by, current.accepted_at = None, None
        changed.append(current)
    total = len(new) + len(changed)
    with transaction.atomic():
        lock_values(audit)
        if total:
            values_changed(audit)
        for start in range(0, len(new), CHUNK):
            BaseValue.objects.bulk_create(new[start : start + CHUNK])
            if progress:
                progress(start + len(new[start : start + CHUNK]), total)
        for start in range(0, len(changed), CHUNK):
            BaseValue.objects.bulk_update(
                changed[start : start + CHUNK],
                ["value", "source", "entered_by", "updated_at", "accepted_by", "accepted_at"],
            )
            if progress:
                progress(len(new) + start + len(changed[start : start + CHUNK]), total)
    return len(new), len(changed), same


def import_values(
    *, audit: Audit, content: bytes, extension: str, by, progress: Progress | None = None
) -> ImportReport:
    """Check a filled-in template and, if it holds no error, save it all; else save nothing."""
    from wsco.audits.access import can_enter_data

    report = ImportReport()
    if not can_enter_data(by, audit):
        report.problems.append(
            Problem(0, "", _("Only the city's officials change an audit's data while it is open."))
        )
        return report
    frame, problems = read_file(content, extension)
    if frame is None:
        report.problems = problems
        return report
    report.rows = frame.height
    if progress:
        progress(0, frame.height)
    report.problems = sorted(check_rows(audit, frame), key=lambda item: (item.row, item.column))
    if report.errors:
        return report
    report.created, report.updated, report.unchanged = save_rows(
        audit, frame, by=by, progress=progress
    )
    report.saved = True
    return report
