"""Entering an audit's data on the web: the catalogue by theme, saving values, findings, submitting.

What a city enters is kept as it was written (`BaseValue`, `ReportedValue`); the engine reads it
and says what it makes of each value (`compute_audit`, `findings_for`). Nothing here computes an
indicator: completeness counts the rows entered, and the level is the engine's (`audit_levels`).
"""

from dataclasses import dataclass, field
from functools import cache

from django.contrib.auth import get_user_model
from django.core.cache import cache as shared_cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max, ProtectedError
from django.utils.translation import gettext as _

from wsco.audits.access import can_enter_data
from wsco.audits.engine.catalogue import load_catalogue
from wsco.audits.models import Audit, BaseValue, ReportedValue, TeamRole
from wsco.audits.services.audits import take_step
from wsco.audits.services.results import (
    BASE_FILE,
    REPORTED_FILE,
    EngineRun,
    audit_levels,
    compute_audit,
    store_results,
    theme_slug,
)
from wsco.audits.services.values import lock_values, values_changed
from wsco.core.themes import THEMES

# The engine's status of a finding that blocks submission; "warning" and "missing" do not.
ERROR = "invalid"
# How long an audit's engine run is kept between saves (it is replaced on every change).
RUN_SECONDS = 600


@dataclass(frozen=True)
class VariableInfo:
    """A base variable as the entry form shows it: its unit, description and indicators."""

    name: str
    unit: str
    description: str
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class IndicatorInfo:
    key: str
    number: str
    name: str
    unit: str


@dataclass
class ThemeSection:
    """One theme of an audit: its base variables and the indicators cities may report."""

    slug: str
    name: str
    variables: list[VariableInfo] = field(default_factory=list)
    indicators: list[IndicatorInfo] = field(default_factory=list)


@cache
def _sections(editions: str) -> tuple[tuple[str, tuple[VariableInfo, ...], tuple], ...]:
    """Return, per platform theme, the variables and indicators of `editions` (cached)."""
    catalogue = load_catalogue()
    used_by: dict[str, dict[str, list[str]]] = {}
    indicators: dict[str, list[IndicatorInfo]] = {}
    for edition in editions.split(","):
        for indicator in catalogue.for_standard(edition):
            slug = theme_slug(indicator.theme)
            indicators.setdefault(slug, []).append(
                IndicatorInfo(indicator.key, indicator.number, indicator.name, indicator.unit)
            )
            for name in (indicator.numerator, indicator.denominator):
                if name:
                    used_by.setdefault(slug, {}).setdefault(name, []).append(indicator.key)
    found = []
    for theme in THEMES:
        names = used_by.get(theme.slug, {})
        variables = tuple(
            VariableInfo(
                name,
                catalogue.variables[name].unit,
                catalogue.variables[name].description,
                tuple(dict.fromkeys(names[name])),
            )
            for name in sorted(names)
        )
        found.append((theme.slug, variables, tuple(indicators.get(theme.slug, ()))))
    return tuple(found)


def theme_sections(audit: Audit) -> list[ThemeSection]:
    """Return the audit's themes in the taxonomy's order, each with what it asks for."""
    names = {theme.slug: theme.name for theme in THEMES}
    return [
        ThemeSection(slug, str(names[slug]), list(variables), list(indicators))
        for slug, variables, indicators in _sections(audit.editions)
        if variables or indicators
    ]


def audit_variables(audit: Audit) -> dict[str, VariableInfo]:
    """Return every base variable the audit's editions use, by name."""
    return {
        variable.name: variable
        for _slug, variables, _indicators in _sections(audit.editions)
        for variable in variables
    }


def audit_indicators(audit: Audit) -> dict[str, IndicatorInfo]:
    return {
        indicator.key: indicator
        for _slug, _variables, indicators in _sections(audit.editions)
        for indicator in indicators
    }


def completeness(audit: Audit, sections: list[ThemeSection]) -> dict[str, tuple[int, int]]:
    """Return (variables with a value, variables asked for) per theme slug."""
    entered = set(audit.base_values.exclude(value="").values_list("variable", flat=True))
    return {
        section.slug: (
            sum(1 for variable in section.variables if variable.name in entered),
            len(section.variables),
        )
        for section in sections
    }


# The engine's run of an audit, kept in the shared cache under the audit's last change, so that
# a page and the saves after it run the engine once per change, not once per request.
def _run_key(audit: Audit) -> str:
    base = audit.base_values.aggregate(latest=Max("updated_at"), count=Count("pk"))
    reported = audit.reported_values.aggregate(latest=Max("updated_at"), count=Count("pk"))
    stamps = [part["latest"].timestamp() if part["latest"] else 0 for part in (base, reported)]
    return (
        f"audits.run.{audit.pk}.{audit.editions.replace(':', '-').replace(',', '+')}."
        f"{stamps[0]}.{base['count']}.{stamps[1]}.{reported['count']}"
    )


def engine_run(audit: Audit) -> EngineRun:
    """Return the engine's run of the audit's values as they are now (cached per change)."""
    key = _run_key(audit)
    run = shared_cache.get(key)
    if run is None:
        run = compute_audit(audit)
        shared_cache.set(key, run, RUN_SECONDS)
    return run


def findings_of(run: EngineRun, file: str, pk: int | None) -> list[dict]:
    """Return the findings about one row, each with its status and its message to show."""
    if pk is None:
        return []
    return [
        {"status": finding["status"], "message": _without_place(finding["message"])}
        for finding in run.findings_for(file, pk)
        if finding["status"] != "ok"
    ]


def _without_place(message: str) -> str:
    """Return an engine message without its "city, year, row: " prefix (the page shows where)."""
    parts = message.split(": ", 1)
    return parts[1] if len(parts) == 2 else message


def levels_now(audit: Audit, run: EngineRun) -> dict[str, str]:
    return audit_levels(audit, run)


def _check_editor(audit: Audit, by) -> None:
    if not can_enter_data(by, audit):
        raise PermissionDenied(
            _("Only the city's officials change an audit's data while it is open.")
        )


def _text(value: str, limit: int, label: str) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise ValidationError(
            _("%(field)s: at most %(limit)s characters.") % {"field": label, "limit": limit}
        )
    return value


def _delete(row) -> None:
    """Delete an emptied value, unless an auditor's query keeps it (with its questions)."""
    try:
        row.delete()
    except ProtectedError as error:
        raise ValidationError(
            _("An auditor asked about this value: change it or explain it, but keep it."),
            code="queried",
        ) from error
    values_changed(row.audit)


def _save_row(model, audit: Audit, key: dict, fields: dict, evidence, by):
    """Write a value's row as typed: created, changed, deleted when emptied, or left alone.

    Only what differs is written; a change clears the value's acceptance and the audit's
    signatures. A row left with no text and no evidence is deleted.
    """
    with transaction.atomic():
        lock_values(audit)
        row = model.objects.select_for_update().filter(audit=audit, **key).first()
        if row is None:
            if not any(fields.values()) and not evidence:
                return None
            row = model(audit=audit, **key)
        elif not any(fields.values()) and not evidence and not row.evidence:
            _delete(row)
            return None
        changed = [name for name, text in fields.items() if getattr(row, name) != text]
        for name in changed:
            setattr(row, name, fields[name])
        if evidence:
            if row.evidence:
                row.evidence.delete(save=False)
            row.evidence.save(evidence.name, evidence, save=False)
            changed.append("evidence")
        if row.pk is None or changed:
            row.entered_by = by
            row.accepted_by, row.accepted_at = None, None
            row.save()
            values_changed(audit)
    return row


def save_base_value(
    *,
    audit: Audit,
    variable: str,
    value: str,
    source: str = "",
    comment: str = "",
    evidence=None,
    by,
) -> BaseValue | None:
    """Keep a base variable's value as written; nothing changes when nothing differs.

    A row left with no value, source, comment or evidence is deleted (the variable is then
    not entered). Returns the row, or None when there is none.
    """
    _check_editor(audit, by)
    if variable not in audit_variables(audit):
        raise ValidationError(
            _("%(variable)s is not a variable of this audit's editions.") % {"variable": variable}
        )
    fields = {
        "value": _text(value, 60, _("Value")),
        "source": _text(source, 300, _("Source")),
        "comment": _text(comment, 5000, _("Comment")),
    }
    return _save_row(BaseValue, audit, {"variable": variable}, fields, evidence, by)


def save_reported_value(
    *,
    audit: Audit,
    indicator: str,
    numerator: str = "",
    denominator: str = "",
    value: str = "",
    source: str = "",
    comment: str = "",
    evidence=None,
    by,
) -> ReportedValue | None:
    """Keep an indicator as the city reports it; nothing changes when nothing differs."""
    _check_editor(audit, by)
    if indicator not in audit_indicators(audit):
        raise ValidationError(
            _("%(indicator)s is not an indicator of this audit's editions.")
            % {"indicator": indicator}
        )
    fields = {
        "numerator": _text(numerator, 60, _("Numerator")),
        "denominator": _text(denominator, 60, _("Denominator")),
        "value": _text(value, 60, _("Value")),
        "source": _text(source, 300, _("Source")),
        "comment": _text(comment, 5000, _("Comment")),
    }
    return _save_row(ReportedValue, audit, {"indicator": indicator}, fields, evidence, by)


def blocking_findings(audit: Audit, run: EngineRun | None = None) -> list[str]:
    """Return, for each entered row with an error-level finding, what it is and why."""
    run = run or engine_run(audit)
    blocking = []
    rows = {
        f"{BASE_FILE}:{pk}": variable
        for pk, variable in audit.base_values.values_list("pk", "variable")
    } | {
        f"{REPORTED_FILE}:{pk}": indicator
        for pk, indicator in audit.reported_values.values_list("pk", "indicator")
    }
    if run.findings.is_empty():
        return []
    for finding in run.findings.to_dicts():
        if finding["status"] == ERROR and finding["row"] in rows:
            blocking.append(f"{rows[finding['row']]}: {_without_place(finding['message'])}")
    return sorted(set(blocking))


def submit_audit(*, audit: Audit, by, comment: str = "") -> Audit:
    """Submit the audit for verification, unless a value has an error; tell who verifies it."""
    from wsco.notifications.services import notify

    _check_editor(audit, by)
    run = engine_run(audit)
    blocking = blocking_findings(audit, run)
    if blocking:
        raise ValidationError(
            _("Correct these values before submitting: %(values)s.")
            % {"values": "; ".join(blocking)},
            code="errors_found",
        )
    with transaction.atomic():
        take_step(audit=audit, step="submit", by=by, comment=comment)
        store_results(audit, run)
        recipients = list(audit.team.filter(role=TeamRole.AUDITOR).select_related("user"))
        people = [member.user for member in recipients]
        if not people:
            people = list(get_user_model().objects.filter(is_staff=True, is_active=True))
        for person in people:
            notify(
                recipient=person,
                kind="audits.submitted",
                about=f"audits.audit:{audit.pk}",
                audit=audit.pk,
                city=audit.city.name,
                year=audit.year,
            )
    return audit
