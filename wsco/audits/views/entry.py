"""Entering an audit's data: officials, new audits, theme pages with autosave, submission and
the spreadsheet round trip."""

import io
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from openpyxl import load_workbook

from wsco.audits import access
from wsco.audits.forms import (
    BaseValueForm,
    EvidenceForm,
    ImportForm,
    NewAuditForm,
    OfficialForm,
    ReportedValueForm,
)
from wsco.audits.models import BaseValue, CityOfficial, ReportedValue
from wsco.audits.services import entry as services
from wsco.audits.services.audits import (
    create_audit,
    may_name_officials,
    name_official,
    remove_official,
)
from wsco.audits.services.imports import ImportReport, import_values, template_workbook
from wsco.audits.services.results import BASE_FILE, REPORTED_FILE
from wsco.audits.tasks import import_values_task, progress_key
from wsco.core.ids import InvalidNumberError, parse_id

IMPORT_FOLDER = "audits/imports"


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


# Officials and new audits


@login_required
def officials(request, slug: str):
    """A city's officials: named and removed by staff or the municipality's administrators."""
    city = access.get_city(slug)
    if not may_name_officials(request.user, city):
        raise PermissionDenied
    people = []
    if city.municipality is not None:
        people = [profile.user for profile in city.municipality.people.select_related("user")]
    form = OfficialForm(request.POST or None, people=people)
    if request.method == "POST":
        if "remove" in request.POST:
            try:
                pk = parse_id(request.POST["remove"], field="remove")
            except InvalidNumberError:
                pk = None
            row = CityOfficial.objects.filter(city=city, pk=pk).first() if pk else None
            if row is not None:
                remove_official(city=city, user=row.user, by=request.user)
                messages.success(request, _("The official was removed."))
            return redirect("audits:officials", slug=city.slug)
        if form.is_valid():
            name_official(city=city, user=form.cleaned_data["user"], by=request.user)
            messages.success(request, _("The official was named."))
            return redirect("audits:officials", slug=city.slug)
    rows = city.official_rows.select_related("user__profile", "named_by__profile")
    return render(
        request, "audits/entry/officials.html", {"city": city, "rows": rows, "form": form}
    )


@login_required
def new_audit(request):
    """Open an audit: staff for any city, a city official for their own."""
    cities = access.cities_for_new_audit(request.user)
    if not request.user.is_staff and not cities.exists():
        raise PermissionDenied
    form = NewAuditForm(request.POST or None, cities=cities)
    if request.method == "POST" and form.is_valid():
        try:
            audit = create_audit(
                city=form.cleaned_data["city"],
                year=form.cleaned_data["year"],
                editions=form.cleaned_data["editions"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The audit is open: enter its data theme by theme."))
            return redirect("audits:entry", pk=audit.pk)
    return render(request, "audits/entry/new_audit.html", {"form": form})


# Entering data


def _overview(audit, run, sections):
    done = services.completeness(audit, sections)
    return {
        "sections": [(section, *done[section.slug]) for section in sections],
        "levels": services.levels_now(audit, run),
    }


@login_required
def entry(request, pk: int):
    """The audit's data by theme: how complete each is, the level it reaches now, submission."""
    audit = access.get_audit_for_user(request.user, pk)
    run = services.engine_run(audit)
    sections = services.theme_sections(audit)
    context = {
        "audit": audit,
        "can_edit": access.can_enter_data(request.user, audit),
        "blocking": services.blocking_findings(audit, run),
        **_overview(audit, run, sections),
    }
    return render(request, "audits/entry/entry.html", context)


def _section(audit, slug: str):
    for section in services.theme_sections(audit):
        if section.slug == slug:
            return section
    raise Http404


def _base_rows(audit, section, run, can_edit):
    stored = {
        row.variable: row
        for row in BaseValue.objects.filter(
            audit=audit, variable__in=[variable.name for variable in section.variables]
        )
    }
    return [
        _base_row(audit, variable, stored.get(variable.name), run, can_edit)
        for variable in section.variables
    ]


def _base_row(audit, variable, row, run, can_edit, form=None):
    initial = {name: getattr(row, name) for name in ("value", "source", "comment")} if row else {}
    return {
        "kind": BASE_FILE,
        "key": variable.name,
        "id": f"base-{variable.name}",
        "info": variable,
        "row": row,
        "form": form or BaseValueForm(initial=initial, prefix=variable.name),
        "evidence_form": EvidenceForm(prefix=f"evidence-{variable.name}"),
        "findings": services.findings_of(run, BASE_FILE, row.pk if row else None),
        "can_edit": can_edit,
    }


def _reported_rows(audit, section, run, can_edit):
    stored = {
        row.indicator: row
        for row in ReportedValue.objects.filter(
            audit=audit, indicator__in=[indicator.key for indicator in section.indicators]
        )
    }
    return [
        _reported_row(audit, indicator, stored.get(indicator.key), run, can_edit)
        for indicator in section.indicators
    ]


def _reported_row(audit, indicator, row, run, can_edit, form=None):
    names = ("numerator", "denominator", "value", "source", "comment")
    initial = {name: getattr(row, name) for name in names} if row else {}
    prefix = indicator.key.replace(":", "-").replace("/", "-").replace(".", "-")
    return {
        "kind": REPORTED_FILE,
        "key": indicator.key,
        "id": f"reported-{prefix}",
        "info": indicator,
        "row": row,
        "form": form or ReportedValueForm(initial=initial, prefix=prefix),
        "evidence_form": EvidenceForm(prefix=f"evidence-{prefix}"),
        "findings": services.findings_of(run, REPORTED_FILE, row.pk if row else None),
        "can_edit": can_edit,
    }


@login_required
def entry_theme(request, pk: int, theme: str):
    """One theme's variables and reported indicators; a POST saves one of them (autosave)."""
    audit = access.get_audit_for_user(request.user, pk)
    section = _section(audit, theme)
    if request.method == "POST":
        if not access.can_enter_data(request.user, audit):
            raise PermissionDenied
        return _save(request, audit, section)
    can_edit = access.can_enter_data(request.user, audit)
    run = services.engine_run(audit)
    done, total = services.completeness(audit, [section])[section.slug]
    context = {
        "audit": audit,
        "section": section,
        "sections": services.theme_sections(audit),
        "base_rows": _base_rows(audit, section, run, can_edit),
        "reported_rows": _reported_rows(audit, section, run, can_edit),
        "done": done,
        "total": total,
        "levels": services.levels_now(audit, run),
        "can_edit": can_edit,
        "show_evidence": access.works_on_audit(request.user, audit),
    }
    return render(request, "audits/entry/theme.html", context)


def _save(request, audit, section):
    """Save the one variable or indicator the POST names; answer htmx with its row."""
    kind, key = request.POST.get("kind"), request.POST.get("key", "")
    if kind == BASE_FILE:
        info = {variable.name: variable for variable in section.variables}.get(key)
        prefix = key
        form_class, save, builder = BaseValueForm, services.save_base_value, _base_row
        target = {"variable": key}
    elif kind == REPORTED_FILE:
        info = {indicator.key: indicator for indicator in section.indicators}.get(key)
        prefix = key.replace(":", "-").replace("/", "-").replace(".", "-")
        form_class, save, builder = ReportedValueForm, services.save_reported_value, _reported_row
        target = {"indicator": key}
    else:
        info = None
    if info is None:
        return HttpResponse(_("Nothing to save."), status=400)
    model = BaseValue if kind == BASE_FILE else ReportedValue
    stored = model.objects.filter(audit=audit, **target).first()
    data = request.POST
    if not any(name.startswith(f"{prefix}-") for name in data):
        # The evidence alone (a form without script): the stored text stays as it is.
        data = data.copy()
        for name in form_class.base_fields:
            data[f"{prefix}-{name}"] = getattr(stored, name) if stored else ""
    form = form_class(data, prefix=prefix)
    evidence_form = EvidenceForm(request.POST, request.FILES, prefix=f"evidence-{prefix}")
    row, error = None, None
    if form.is_valid():
        evidence = None
        if request.FILES and evidence_form.is_valid():
            evidence = evidence_form.cleaned_data["evidence"]
        elif request.FILES:
            error = "; ".join(evidence_form.errors.get("evidence", []))
        try:
            row = save(
                audit=audit, **target, **form.cleaned_data, evidence=evidence, by=request.user
            )
        except ValidationError as refused:
            error = "; ".join(refused.messages)
    else:
        row = stored
        error = "; ".join(
            f"{form.fields[name].label}: {message}"
            for name, messages_of_field in form.errors.items()
            for message in messages_of_field
        )
    if not _is_htmx(request):
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("Saved."))
        return redirect("audits:entry_theme", pk=audit.pk, theme=section.slug)
    run = services.engine_run(audit)
    built = builder(audit, info, row, run, True, form=form if not form.is_valid() else None)
    done, total = services.completeness(audit, [section])[section.slug]
    context = {
        "audit": audit,
        "section": section,
        "item": built,
        "saved": form.is_valid() and not error,
        "show_evidence": True,
        "error": error,
        "done": done,
        "total": total,
        "levels": services.levels_now(audit, run),
    }
    return render(request, "audits/entry/saved.html", context)


@login_required
@require_POST
def submit(request, pk: int):
    """Submit the audit for verification, unless a value has an error-level finding."""
    audit = access.get_audit_for_editor(request.user, pk)
    try:
        services.submit_audit(audit=audit, by=request.user)
    except ValidationError as refused:
        for message in refused.messages:
            messages.error(request, message)
        return redirect("audits:entry", pk=audit.pk)
    messages.success(request, _("The audit is submitted; its auditors are told."))
    return redirect(audit.get_absolute_url())


# The spreadsheet round trip


@login_required
def template_xlsx(request, pk: int):
    """The audit's own template, with its city, year and values filled in."""
    audit = access.get_audit_for_user(request.user, pk)
    response = HttpResponse(
        template_workbook(audit),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"{audit.city.slug}-{audit.year}-template.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _row_count(content: bytes, extension: str) -> int:
    """Roughly how many rows a file holds, to decide whether it is imported in a task."""
    if extension == "csv":
        return content.count(b"\n")

    workbook = load_workbook(io.BytesIO(content), read_only=True)
    try:
        return workbook.worksheets[0].max_row or 0
    finally:
        workbook.close()


@login_required
def import_file(request, pk: int):
    """Upload the filled-in template: checked row by row, then saved all or nothing."""
    audit = access.get_audit_for_user(request.user, pk)
    can_edit = access.can_enter_data(request.user, audit)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        checked = form.cleaned_data["file"]
        content = checked.read()
        extension = checked.name.rpartition(".")[2]
        if _row_count(content, extension) > settings.AUDITS_IMPORT_TASK_ROWS:
            token = uuid.uuid4().hex
            name = default_storage.save(
                f"{IMPORT_FOLDER}/{token}.{extension}", ContentFile(content)
            )
            cache.set(progress_key(audit.pk, token), {"done": 0, "total": 0}, 3600)
            import_values_task.enqueue(audit_id=audit.pk, name=name, user_id=request.user.pk)
            return redirect("audits:import_progress", pk=audit.pk, token=token)
        report = import_values(audit=audit, content=content, extension=extension, by=request.user)
        if report.saved:
            messages.success(request, _("The file is imported."))
    context = {"audit": audit, "form": form, "report": report, "can_edit": can_edit}
    return render(request, "audits/entry/import.html", context)


@login_required
def import_progress(request, pk: int, token: str):
    """How far a large import has gone (polled by the page), then its report."""
    audit = access.get_audit_for_user(request.user, pk)
    state = cache.get(progress_key(audit.pk, token))
    if state is None:
        raise Http404
    report = ImportReport.from_dict(state["report"]) if "report" in state else None
    context = {
        "audit": audit,
        "token": token,
        "state": state,
        "report": report,
        "poll_url": reverse("audits:import_progress", kwargs={"pk": audit.pk, "token": token}),
    }
    template = (
        "audits/entry/_import_progress.html"
        if _is_htmx(request)
        else "audits/entry/import_progress.html"
    )
    return render(request, template, context)
