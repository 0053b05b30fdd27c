"""The jury: conflicts excluded and logged, recusals, scores, each juror's own order."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wsco.audits.tests.records import person
from wsco.awards.models import Exclusion, ExclusionReason, Phase, Score
from wsco.awards.queries import juror_nominations, ranking
from wsco.awards.services.jury import (
    assign_juror,
    declare_conflict,
    recuse,
    score_nomination,
)
from wsco.awards.tests.factories import category, edition, juror, nomination, seat
from wsco.members.tests.factories import OrganizationFactory, UserFactory
from wsco.projects.services.projects import add_team_member
from wsco.projects.tests.factories import project

pytestmark = pytest.mark.django_db


def _scores(made_category, value=7, comment=""):
    return {criterion.pk: (value, comment) for criterion in made_category.criteria.all()}


def test_staff_seat_only_people_with_the_juror_role():
    made_category = category(edition(Phase.JURY))
    with pytest.raises(ValidationError, match="juror role"):
        assign_juror(category=made_category, juror=person(), by=person(staff=True))
    with pytest.raises(PermissionDenied, match="Only staff"):
        assign_juror(category=made_category, juror=juror(), by=person())
    seated = juror()
    assign_juror(category=made_category, juror=seated, by=person(staff=True))
    assert list(made_category.jurors.all()) == [seated]


def test_a_juror_of_the_owning_organization_never_sees_the_nomination():
    made = project(entity=True)
    made_category = category(edition(Phase.JURY))
    nominated = nomination(made_category, made)
    insider = juror(organization=made.organization)
    outsider = juror()
    for each in (insider, outsider):
        assign_juror(category=made_category, juror=each, by=person(staff=True))
    assert juror_nominations(insider, made_category) == []
    assert juror_nominations(outsider, made_category) == [nominated]
    logged = Exclusion.objects.get(juror=insider)
    assert (logged.nomination, logged.reason) == (nominated, ExclusionReason.OWN_ORGANIZATION)
    assert logged.detail == made.organization.name


@pytest.mark.parametrize("tie", ["nominator", "team"])
def test_the_nominator_and_the_project_team_are_excluded(tie):
    made = project()
    made_category = category(edition(Phase.JURY))
    seated = juror()
    if tie == "team":
        add_team_member(project=made, user=seated, role="expert", by=made.lead)
        nominated = nomination(made_category, made)
        expected = ExclusionReason.PROJECT_TEAM
    else:
        nominated = nomination(made_category, made, nominator=seated)
        expected = ExclusionReason.NOMINATOR
    assign_juror(category=made_category, juror=seated, by=person(staff=True))
    assert Exclusion.objects.get(juror=seated, nomination=nominated).reason == expected
    with pytest.raises(PermissionDenied, match="conflict"):
        score_nomination(nomination=nominated, juror=seated, scores=_scores(made_category))
    assert not Score.objects.exists()


def test_a_declared_conflict_excludes_and_a_conflict_found_at_scoring_removes_scores():
    made = project(entity=True)
    made_edition = edition(Phase.JURY)
    made_category = category(made_edition)
    nominated = nomination(made_category, made)
    seated = juror()
    seat(made_category, seated)
    score_nomination(nomination=nominated, juror=seated, scores=_scores(made_category))
    assert Score.objects.filter(juror=seated).count() == 2
    declare_conflict(
        edition=made_edition,
        juror=seated,
        organization=made.organization,
        reason="I advised them last year.",
    )
    logged = Exclusion.objects.get(juror=seated, nomination=nominated)
    assert (logged.reason, logged.detail) == (ExclusionReason.DECLARED, "I advised them last year.")
    assert not Score.objects.filter(juror=seated).exists()


def test_a_declared_conflict_with_another_organization_changes_nothing():
    made_edition = edition(Phase.JURY)
    made_category = category(made_edition)
    nominated = nomination(made_category, project(entity=True))
    seated = juror()
    seat(made_category, seated)
    declare_conflict(
        edition=made_edition, juror=seated, organization=OrganizationFactory(), reason="Tie."
    )
    assert juror_nominations(seated, made_category) == [nominated]


def test_a_juror_recuses_with_a_reason_logged():
    made_category = category(edition(Phase.JURY))
    nominated = nomination(made_category, project())
    seated = juror()
    seat(made_category, seated)
    with pytest.raises(ValidationError, match="Give the reason"):
        recuse(nomination=nominated, juror=seated, reason="")
    recuse(nomination=nominated, juror=seated, reason="My brother leads it.")
    logged = Exclusion.objects.get(juror=seated)
    assert (logged.reason, logged.detail) == (ExclusionReason.RECUSED, "My brother leads it.")
    assert juror_nominations(seated, made_category) == []
    with pytest.raises(PermissionDenied, match="not on this category's jury"):
        recuse(nomination=nominated, juror=juror(), reason="Curious.")


def test_scores_need_every_criterion_on_the_scale_while_the_jury_is_at_work():
    made_edition = edition(Phase.JURY)
    made_category = category(made_edition)
    nominated = nomination(made_category, project())
    seated = juror()
    seat(made_category, seated)
    first, second = made_category.criteria.all()
    with pytest.raises(ValidationError, match="Score every criterion"):
        score_nomination(nomination=nominated, juror=seated, scores={first.pk: (5, "")})
    with pytest.raises(ValidationError, match="from 1 to 10"):
        score_nomination(
            nomination=nominated, juror=seated, scores={first.pk: (11, ""), second.pk: (5, "")}
        )
    with pytest.raises(ValidationError, match="from 1 to 10"):
        score_nomination(
            nomination=nominated, juror=seated, scores={first.pk: (0, ""), second.pk: (5, "")}
        )
    score_nomination(
        nomination=nominated,
        juror=seated,
        scores={first.pk: (10, "Bold."), second.pk: (1, "Thin.")},
    )
    # Scored again: the same rows change.
    score_nomination(
        nomination=nominated,
        juror=seated,
        scores={first.pk: (9, "Bold."), second.pk: (2, "Thin.")},
    )
    assert sorted(Score.objects.values_list("value", "comment")) == [(2, "Thin."), (9, "Bold.")]
    # By hand: weights 3 and 1, (9 x 3 + 2 x 1) / 4 = 29 / 4 = 7.25.
    assert [row.raw for row in ranking(made_category)] == [7.25]


@pytest.mark.parametrize("phase", [Phase.SCREENING, Phase.DELIBERATION])
def test_scores_are_closed_outside_the_jury_phase(phase):
    made_category = category(edition(phase))
    nominated = nomination(made_category, project())
    seated = juror()
    seat(made_category, seated)
    with pytest.raises(ValidationError, match="scores are closed"):
        score_nomination(nomination=nominated, juror=seated, scores=_scores(made_category))


def test_only_seated_jurors_score_eligible_nominations():
    made_category = category(edition(Phase.JURY))
    seated = juror()
    seat(made_category, seated)
    with pytest.raises(PermissionDenied, match="not on this category's jury"):
        score_nomination(
            nomination=nomination(made_category, project()),
            juror=juror(),
            scores=_scores(made_category),
        )
    waiting = nomination(made_category, project(), status="submitted")
    with pytest.raises(ValidationError, match="Only eligible"):
        score_nomination(nomination=waiting, juror=seated, scores=_scores(made_category))


def test_each_juror_has_an_own_order_that_stays_the_same():
    made_category = category(edition(Phase.JURY))
    nominated = [nomination(made_category, project()) for _ in range(8)]
    first, second = juror(), juror()
    seat(made_category, first, second)
    order_first = juror_nominations(first, made_category)
    assert sorted(order_first, key=lambda each: each.pk) == nominated
    assert juror_nominations(first, made_category) == order_first
    # Two orders of 8 agree by chance once in 40,320; the hash makes them differ here.
    assert juror_nominations(second, made_category) != order_first


def test_staff_seat_a_juror_from_the_categorys_admin_page(client):
    made_category = category(edition(Phase.JURY))
    nominated = nomination(made_category, project(entity=True))
    insider = juror(organization=nominated.project.organization)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = f"/admin/awards/category/{made_category.pk}/change/"
    page = client.get(url)
    data = {
        key: value
        for key, value in page.context["adminform"].form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data.update(
        {
            "edition": made_category.edition.pk,
            "nominee_kind": "project",
            "calibration_minimum": 3,
            "finalists": 3,
            "position": 0,
            "criteria-TOTAL_FORMS": 2,
            "criteria-INITIAL_FORMS": 2,
            "assignments-TOTAL_FORMS": 1,
            "assignments-INITIAL_FORMS": 0,
            "assignments-0-juror": insider.pk,
            "assignments-0-category": made_category.pk,
        }
    )
    for index, criterion in enumerate(made_category.criteria.all()):
        for field in ("name", "weight", "anchor_low", "anchor_middle", "anchor_high", "position"):
            data[f"criteria-{index}-{field}"] = getattr(criterion, field)
        data[f"criteria-{index}-id"] = criterion.pk
        data[f"criteria-{index}-category"] = made_category.pk
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    assert list(made_category.jurors.all()) == [insider]
    # Seated through the service: the conflict with their organization's project is logged.
    assert Exclusion.objects.get(juror=insider).reason == ExclusionReason.OWN_ORGANIZATION
