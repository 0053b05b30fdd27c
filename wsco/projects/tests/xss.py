"""What the every-field XSS sweep needs from the projects app (see wsco/core/tests/xss_sweep.py).

One published project of the world's city, led by "member" (so every team page opens for
them), with one of each of its rows: a team member, an invitation to "other", a document, a
risk, a budget line, funding, a gate with a criterion and a review, a milestone with its
reminder, a KPI with an actual, a published update and its timeline.
"""

import datetime

from django.core.files.base import ContentFile

from wsco.audits.models import City
from wsco.core.models import Theme
from wsco.core.tests.sample_files import pdf_bytes
from wsco.projects.models import (
    BudgetLine,
    Criterion,
    Document,
    FundingSource,
    Gate,
    Invitation,
    Kpi,
    KpiActual,
    Milestone,
    MilestoneReminder,
    Project,
    Review,
    Risk,
    TeamMember,
    TimelineEvent,
    Update,
)
from wsco.projects.services.projects import create_project, set_visibility


def _project(world) -> Project:
    lead = world.person("member")
    project = create_project(
        title="Smart water meters",
        summary="Meters.",
        city=world[City],
        themes=Theme.objects.filter(slug="water"),
        by=lead,
    )
    set_visibility(project=project, visibility="published", by=lead)
    return project


def _document(world) -> Document:
    document = Document(project=world[Project], title="Study", uploaded_by=world.person("member"))
    document.file.save("study.pdf", ContentFile(pdf_bytes()), save=False)
    document.save()
    return document


def _update(world) -> Update:
    return Update.objects.create(
        project=world[Project],
        title="Tender out",
        body="The tender is out.",
        status="published",
        published_at=datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC),
    )


def _gate(world) -> Gate:
    gate = world[Project].gates.get(stage="vision")
    gate.reviewers.add(world.person("staff"))
    return gate


BUILDERS = {
    Project: _project,
    TeamMember: lambda world: TeamMember.objects.get(project=world[Project], role="lead"),
    Invitation: lambda world: Invitation.objects.create(
        project=world[Project],
        profile=world.person("other").profile,
        role="expert",
        reasons=["Water"],
        message="Join us.",
    ),
    Document: _document,
    Risk: lambda world: Risk.objects.create(
        project=world[Project], title="Late delivery", likelihood=3, impact=4, mitigation="Plan."
    ),
    BudgetLine: lambda world: BudgetLine.objects.create(
        project=world[Project], label="Meters", year=2026, amount=1000, currency="EUR"
    ),
    FundingSource: lambda world: FundingSource.objects.create(
        project=world[Project], kind="eu", name="Cohesion fund", amount=500, currency="EUR"
    ),
    Gate: _gate,
    Criterion: lambda world: world[Gate].criteria.first(),
    Review: lambda world: Review.objects.create(
        gate=world[Gate],
        reviewer=world.person("staff"),
        round=1,
        decision="rework",
        reason="Vague.",
    ),
    Milestone: lambda world: Milestone.objects.create(
        project=world[Project],
        stage="vision",
        title="Workshop",
        planned_on=datetime.date(2030, 1, 31),
        owner=world.person("member"),
    ),
    MilestoneReminder: lambda world: MilestoneReminder.objects.create(
        milestone=world[Milestone], planned_on=world[Milestone].planned_on, days_before=7
    ),
    Kpi: lambda world: Kpi.objects.create(
        project=world[Project], indicator="ISO37120:2018/23.5", target=150, target_year=2030
    ),
    KpiActual: lambda world: KpiActual.objects.create(kpi=world[Kpi], year=2027, value=160),
    Update: _update,
    TimelineEvent: lambda world: TimelineEvent.objects.filter(project=world[Project]).first(),
}
NOT_WRITTEN_BY_PEOPLE = {
    "projects.Kpi.indicator": "an indicator key of the engine's catalogue",
}


def _on_project(world) -> dict:
    return {"slug": world[Project].slug}


URL_KWARGS = {
    **{
        f"projects:{name}": _on_project
        for name in (
            "project",
            "edit",
            "team",
            "gates",
            "milestones",
            "budget",
            "kpis",
            "documents",
            "updates",
            "timeline",
        )
    },
    "api-1.0.0:get_project": _on_project,
}
