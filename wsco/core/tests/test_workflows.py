"""The workflow mechanism, and the checks that no path changes a state without it.

A new model with a `status` field, a new line that writes a state field, or an admin page that
lets someone edit one fails here, whatever app it is in.
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.test import RequestFactory

import wsco
from wsco.core.access import PartyToCase, cases_with_parties
from wsco.core.workflows import registered_workflows, step, workflow_of
from wsco.members.models import (
    APPLICATION_WORKFLOW,
    MEMBERSHIP_WORKFLOW,
    Application,
    ApplicationStatus,
    Membership,
    MembershipStatus,
)
from wsco.members.tests.factories import (
    MembershipFactory,
    ProfileFactory,
    UserFactory,
    membership_type,
)

PACKAGE = Path(wsco.__file__).parent
# Tests and migrations set states up as they need; the demo writes a back-dated past whose steps
# the services would stamp "now". `core/workflows.py` is the mechanism itself. The background
# tasks' rows are the task backend's, whose own worker moves them too: the platform changes them
# only by conditional updates on the state it saw (`tasks/services.py`, tested there under races).
NOT_CHECKED = {"tests", "migrations"}
NOT_CHECKED_FILES = {
    "demo.py",
    str(Path("core") / "workflows.py"),
    str(Path("tasks") / "services.py"),
}
# Django calls that write the fields they are given.
WRITING_CALLS = {"update", "update_or_create", "bulk_update", "setattr"}


def project_models():
    return [model for model in apps.get_models() if model.__module__.startswith("wsco.")]


def state_field_names() -> set[str]:
    return {name for workflow in registered_workflows() for name in workflow.state_fields}


def checked_sources():
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if NOT_CHECKED & set(relative.parts[:-1]) or str(relative) in NOT_CHECKED_FILES:
            continue
        if relative.name in NOT_CHECKED_FILES:
            continue
        yield relative, ast.parse(path.read_text(), filename=str(path))


def state_writes(tree: ast.AST, names: set[str]) -> list[tuple[int, str]]:
    """Return (line, what) for each place `tree` writes one of the state fields `names`."""
    found = []
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            for each in ast.walk(target):
                if isinstance(each, ast.Attribute) and each.attr in names:
                    found.append((node.lineno, f".{each.attr} ="))
        if isinstance(node, ast.Call):
            called = node.func.attr if isinstance(node.func, ast.Attribute) else None
            called = called or (node.func.id if isinstance(node.func, ast.Name) else None)
            if called not in WRITING_CALLS:
                continue
            for keyword in node.keywords:
                if keyword.arg in names:
                    found.append((node.lineno, f"{called}({keyword.arg}=...)"))
            for constant in ast.walk(node):
                if isinstance(constant, ast.Constant) and constant.value in names:
                    found.append((node.lineno, f"{called}(... {constant.value!r} ...)"))
    return found


def test_every_model_with_a_status_declares_its_workflow():
    declared = {workflow.model for workflow in registered_workflows()}
    with_status = {
        model
        for model in project_models()
        if any(field.name == "status" for field in model._meta.concrete_fields)
    }
    assert with_status, "the check found no model with a status: it looks in the wrong place"
    assert with_status - declared == set()


def test_every_workflow_with_a_decision_says_who_its_parties_are():
    for workflow in registered_workflows():
        if any(each.decision for each in workflow.steps.values()):
            assert workflow.model in cases_with_parties(), workflow.model


def test_only_the_workflow_mechanism_writes_a_state_field():
    names = state_field_names()
    assert {"status", "published_at", "resolved_at", "declined_at"} <= names
    sources = dict(checked_sources())
    assert Path("members/services/memberships.py") in sources
    writes = {
        f"{path}:{line} {what}"
        for path, tree in sources.items()
        for line, what in state_writes(tree, names)
    }
    assert writes == set(), "take the step through the model's Workflow instead"


def test_the_check_finds_each_way_of_writing_a_state():
    source = """
article.status = "accepted"
issue.published_at, other = now, 1
Article.objects.filter(pk=1).update(status="published")
setattr(report, "resolved_at", now)
Review.objects.bulk_update(reviews, ["declined_at"])
article.title = "Not a state"
Article.objects.create(status="submitted")
"""
    lines = [line for line, _what in state_writes(ast.parse(source), state_field_names())]
    # Lines 2 to 6 write a state; a title and a new row's first state are not steps.
    assert sorted(set(lines)) == [2, 3, 4, 5, 6]


# The admin's forms build URL fields the way Django 6 will change; not this test's concern.
@pytest.mark.filterwarnings("ignore::django.utils.deprecation.RemovedInDjango60Warning")
def test_the_admin_shows_every_state_read_only():
    request = RequestFactory().get("/admin/")
    request.user = UserFactory.build(is_staff=True, is_superuser=True)
    checked = 0
    for model, model_admin in admin.site._registry.items():
        pages = [(model, model_admin.get_form(request))]
        pages += [
            (inline.model, inline.get_formset(request).form)
            for inline in model_admin.get_inline_instances(request)
        ]
        for shown_model, form in pages:
            if shown_model not in {workflow.model for workflow in registered_workflows()}:
                continue
            checked += 1
            editable = set(form.base_fields) & set(workflow_of(shown_model).state_fields)
            assert editable == set(), f"{model_admin} lets {shown_model.__name__} {editable} change"
    assert checked >= 7


# The mechanism itself ---------------------------------------------------------------------


def new_application(profile=None) -> Application:
    return Application.objects.create(
        profile=profile or ProfileFactory(), membership_type=membership_type(), motivation="x"
    )


@pytest.mark.django_db
def test_a_step_on_a_copy_read_before_another_step_is_refused_naming_the_state():
    application = new_application()
    stale = Application.objects.get(pk=application.pk)
    with transaction.atomic():
        APPLICATION_WORKFLOW.take(application, "approve", by=None)
    assert stale.status == ApplicationStatus.SUBMITTED  # read before the approval
    with pytest.raises(ValidationError, match="already approved"), transaction.atomic():
        APPLICATION_WORKFLOW.take(stale, "reject", by=None)
    # The refused copy now shows the state as it is.
    assert stale.status == ApplicationStatus.APPROVED
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED


@pytest.mark.django_db(transaction=True)
def test_a_step_outside_a_transaction_is_refused():
    application = new_application()
    with pytest.raises(ImproperlyConfigured, match=r"inside transaction\.atomic"):
        APPLICATION_WORKFLOW.take(application, "approve", by=None)


@pytest.mark.django_db
def test_a_step_on_a_row_not_read_under_lock_is_refused():
    application = new_application()
    with pytest.raises(ImproperlyConfigured, match=r"read by Workflow\.lock"), transaction.atomic():
        APPLICATION_WORKFLOW.advance(application, "approve")


@pytest.mark.django_db
def test_a_decision_is_refused_to_a_party_and_taken_by_anyone_else():
    applicant = ProfileFactory()
    application = new_application(applicant)
    superuser = UserFactory(is_staff=True, is_superuser=True)
    applicant.user.is_superuser = applicant.user.is_staff = True  # no exception, not even them
    with pytest.raises(PartyToCase, match="you are the applicant"), transaction.atomic():
        APPLICATION_WORKFLOW.take(application, "approve", by=applicant.user)
    with transaction.atomic():
        APPLICATION_WORKFLOW.take(application, "approve", by=superuser)
    assert application.status == ApplicationStatus.APPROVED


@pytest.mark.django_db
def test_a_step_on_many_rows_changes_only_those_still_in_a_source_state():
    active = MembershipFactory()
    lapsed = MembershipFactory(status=MembershipStatus.LAPSED)
    changed = MEMBERSHIP_WORKFLOW.advance_all(
        Membership.objects.filter(pk__in=[active.pk, lapsed.pk]), "lapse"
    )
    assert changed == 1
    assert set(Membership.objects.values_list("status", flat=True)) == {MembershipStatus.LAPSED}


@pytest.mark.django_db
def test_a_party_is_named_by_what_they_are_to_the_case():
    membership = MembershipFactory(status=MembershipStatus.AWAITING_PAYMENT)
    with pytest.raises(PartyToCase, match="you are its holder"), transaction.atomic():
        MEMBERSHIP_WORKFLOW.lock(membership, "pay", by=membership.profile.user)


def test_a_step_naming_a_state_the_model_lacks_is_refused_when_declared():
    from wsco.core.workflows import Workflow

    with pytest.raises(ImproperlyConfigured, match="unknown states"):
        Workflow(
            Application,
            steps={"archive": step([ApplicationStatus.APPROVED], "archived")},
            refusal="",
        )
    # The failed declaration replaced nothing.
    assert workflow_of(Application) is APPLICATION_WORKFLOW


def test_a_case_whose_parties_are_not_declared_is_refused_by_name():
    from wsco.core.access import parties_of
    from wsco.core.models import Theme

    with pytest.raises(LookupError, match="Theme does not say who its parties are"):
        parties_of(Theme(slug="water"))
