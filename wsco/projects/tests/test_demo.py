"""The projects demo: 30 projects over the demo cities, in every stage, tied to their audits."""

import io

import pytest

from wsco.accounts.models import Role, RoleGrant
from wsco.audits import demo as audits_demo
from wsco.core.demo import DemoContext
from wsco.members.tests.factories import MemberProfileFactory, UserFactory
from wsco.projects import demo
from wsco.projects.models import STAGES, Decision, Kpi, Project, ProjectStatus


@pytest.fixture
def seeded(db):
    UserFactory(email="staff@demo.wsco.example", is_staff=True)
    official = MemberProfileFactory(user__email="city-official@demo.wsco.example").user
    RoleGrant.objects.create(user=official, role=Role.CITY_OFFICIAL)
    for _ in range(8):
        MemberProfileFactory()
    context = DemoContext(seed=2026, password="demo", stdout=io.StringIO())
    audits_demo.seed(context)
    demo.seed(context)
    return context


def test_the_demo_has_thirty_projects_in_every_stage_with_their_gates_and_money(seeded):
    assert Project.objects.count() == 30
    # Five projects a stage (index modulo 6); the 14th is stopped at its stage's gate.
    assert {
        stage: Project.objects.filter(stage=stage).count() for stage in STAGES
    } == dict.fromkeys(STAGES, 5)
    assert Project.objects.filter(status=ProjectStatus.STOPPED).count() == 1
    assert Project.objects.published().count() == 25
    for project in Project.objects.all():
        passed = project.gates.filter(decision=Decision.GO).count()
        assert passed == STAGES.index(project.stage), project
        assert project.budget_lines.count() == 3
        assert project.funding.count() == 2
        assert project.milestones.count() == 2 * (passed + 1)


def test_the_kpis_take_their_baselines_from_the_cities_published_audits(seeded):
    with_baseline = Kpi.objects.exclude(baseline=None).select_related("baseline_audit")
    assert with_baseline.count() >= 20
    for kpi in with_baseline:
        assert kpi.baseline_audit.is_published
        assert kpi.baseline_audit.city_id == kpi.project.city_id
