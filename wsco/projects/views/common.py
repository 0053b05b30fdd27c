"""What the team's pages of a project share: their tabs, and how a form posts and comes back.

Each page shows its forms; each form posts to a URL of its own and comes back to the page with
what happened (or what was wrong, by field)."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from wsco.projects.access import (
    get_project_for_manager,
    manages,
)

TABS = [
    ("projects:edit", _("Details")),
    ("projects:team", _("Team")),
    ("projects:gates", _("Gates")),
    ("projects:milestones", _("Milestones")),
    ("projects:budget", _("Budget")),
    ("projects:kpis", _("KPIs")),
    ("projects:documents", _("Documents and risks")),
    ("projects:updates", _("Updates")),
    ("projects:timeline", _("Timeline")),
]


def _tabs(project, current: str) -> list[dict]:
    return [
        {
            "url": reverse(name, kwargs={"slug": project.slug}),
            "label": str(label),
            "current": name == current,
        }
        for name, label in TABS
    ]


def team_page(request, project, tab: str, template: str, context: dict) -> HttpResponse:
    base = {
        "project": project,
        "tabs": _tabs(project, tab),
        "may_manage": manages(request.user, project),
    }
    return render(request, f"projects/team/{template}", base | context)


def say_refused(request: HttpRequest, error: ValidationError) -> None:
    """Say why a service refused, in one message (a refusal of a form's field: `post_form`)."""
    messages.error(request, " ".join(error.messages))


def say_form_refused(request: HttpRequest, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))


def post_form(request, form, action: Callable, back: str, done: str) -> HttpResponse:
    """Take `action(cleaned_data)` if `form` is valid; back to `back` with what happened."""
    if not form.is_valid():
        say_form_refused(request, form)
        return redirect(back)
    try:
        action(form.cleaned_data)
    except ValidationError as error:
        # The service names the field it refused: said with the form's label for it.
        by_field = error.error_dict if hasattr(error, "error_dict") else {None: error.error_list}
        for field, errors in by_field.items():
            form.add_error(field if field in form.fields else None, errors)
        say_form_refused(request, form)
        return redirect(back)
    messages.success(request, done)
    return redirect(back)


def page_url(project, name: str) -> str:
    return reverse(name, kwargs={"slug": project.slug})


def add_through(request, slug: str, form, write: Callable, tab: str, done: str) -> HttpResponse:
    """Take a manager's `form` to `write(project=..., by=..., **data)`; back to `tab`'s page."""
    project = get_project_for_manager(request.user, slug)
    return post_form(
        request,
        form,
        lambda data: write(project=project, by=request.user, **data),
        page_url(project, tab),
        done,
    )
