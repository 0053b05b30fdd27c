"""The staff's pages: standards, editions and acts, each write through the services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsco.standards import access, services
from wsco.standards.forms import (
    AdoptionForm,
    EditionForm,
    StandardForm,
    StatusForm,
    add_service_errors,
)
from wsco.standards.models import ADOPTION_WORKFLOW, STEP_DATES


@login_required
def edit_standard(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """Add a standard (no `slug`) or change one: reference, title, our summary, themes."""
    access.require_staff(request.user)
    found = access.get_standard(slug) if slug else None
    initial = {"themes": list(found.themes.all())} if found else None
    form = StandardForm(request.POST or None, instance=found, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.STANDARD_FIELDS}
        try:
            saved = services.save_standard(
                by=request.user, standard=found, themes=form.cleaned_data["themes"], **fields
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The standard is saved."))
            return redirect(saved.get_absolute_url())
    context = {"form": form, "standard": found}
    return render(request, "standards/staff/standard_form.html", context)


@login_required
def add_edition(request: HttpRequest, slug: str) -> HttpResponse:
    """Add an edition of a standard; the edition it replaces is marked replaced."""
    access.require_staff(request.user)
    found = access.get_standard(slug)
    form = EditionForm(request.POST or None, standard=found)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_edition(
                standard=found,
                by=request.user,
                year=data["year"],
                label=data["label"],
                published_on=data["published_on"],
                catalogue_key=data["catalogue_key"],
                replaces=data["replaces"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The edition is added; its followers will be told."))
            return redirect(found.get_absolute_url())
    return render(request, "standards/staff/edition_form.html", {"form": form, "standard": found})


@login_required
@require_POST
def withdraw_edition(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark an edition withdrawn today."""
    edition = access.get_edition_for_staff(request.user, pk)
    try:
        services.withdraw_edition(edition=edition, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(edition)s is withdrawn.") % {"edition": edition})
    return redirect(edition.standard.get_absolute_url())


@login_required
def edit_adoption(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Record an act (no `pk`) or change one's details; its status changes by steps."""
    access.require_staff(request.user)
    found = access.get_adoption(pk) if pk else None
    form = AdoptionForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        comment = form.cleaned_data["comment"]
        try:
            if found is None:
                saved = services.record_adoption(by=request.user, comment=comment, **form.changes())
            else:
                saved = services.edit_adoption(
                    adoption=found, by=request.user, comment=comment, **form.changes()
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The act is saved."))
            return redirect(saved.get_absolute_url())
    steps = [
        step for step in STEP_DATES if found is not None and ADOPTION_WORKFLOW.allows(found, step)
    ]
    context = {"form": form, "adoption": found, "status_form": StatusForm(), "steps": steps}
    return render(request, "standards/staff/adoption_form.html", context)


@login_required
@require_POST
def change_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Take a step on an act's status (adopted, in force, amended, repealed), dated."""
    access.require_staff(request.user)
    found = access.get_adoption(pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("standards:edit_adoption", pk=found.pk)
    data = form.cleaned_data
    try:
        services.change_adoption_status(
            adoption=found,
            step=data["step"],
            on=data["on"],
            comment=data["comment"],
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("standards:edit_adoption", pk=found.pk)
    messages.success(
        request, _("The act is now %(state)s.") % {"state": found.get_status_display().lower()}
    )
    return redirect(found.get_absolute_url())
