"""Gates: a project moves one stage at a time, only on every named reviewer's go."""

import pytest
from django.core.exceptions import ValidationError

from wsco.audits.tests.records import person
from wsco.notifications.models import Notification
from wsco.projects.models import Decision, EventKind, Gate, ProjectStatus, Review, TeamRole
from wsco.projects.services.gates import (
    name_reviewer,
    review_gate,
    update_criterion,
)
from wsco.projects.tests.factories import on_team, project

pytestmark = pytest.mark.django_db


def gate_of(made, stage=None) -> Gate:
    made.refresh_from_db()
    return made.gates.get(stage=stage or made.stage)


def meet_every_criterion(gate: Gate, by) -> None:
    for criterion in gate.criteria.all():
        update_criterion(criterion=criterion, evidence="Minutes of 3 March.", met=True, by=by)


def with_reviewers(made, count: int = 1) -> list:
    reviewers = [on_team(made, TeamRole.REVIEWER) for _ in range(count)]
    for reviewer in reviewers:
        name_reviewer(gate=gate_of(made), user=reviewer, by=made.lead)
    return reviewers


def test_a_new_project_has_six_gates_with_the_default_checklists():
    made = project()
    assert made.stage == "vision"
    assert made.status == ProjectStatus.ACTIVE
    assert made.gates.count() == 6
    # Three criteria per stage (wsco/projects/gates_catalogue.py): 6 x 3.
    assert sum(gate.criteria.count() for gate in made.gates.all()) == 18


def test_a_go_from_every_reviewer_moves_the_project_one_stage():
    made = project()
    first, second = with_reviewers(made, 2)
    meet_every_criterion(gate_of(made), made.lead)
    review_gate(gate=gate_of(made), reviewer=first, decision=Decision.GO, reason="Clear need.")
    made.refresh_from_db()
    assert made.stage == "vision", "one go of two is not the gate's decision"
    review_gate(gate=gate_of(made, "vision"), reviewer=second, decision="go", reason="Agreed.")
    made.refresh_from_db()
    assert made.stage == "concept"
    assert gate_of(made, "vision").decision == Decision.GO
    assert made.timeline.filter(kind=EventKind.STAGE).count() == 1
    # The lead (the project's only manager) hears of the decision.
    assert Notification.objects.filter(recipient=made.lead, kind="projects.gate_decided").exists()


def test_no_go_while_a_criterion_is_unmet():
    made = project()
    (reviewer,) = with_reviewers(made)
    gate = gate_of(made)
    criteria = list(gate.criteria.all())
    for criterion in criteria[:-1]:
        update_criterion(criterion=criterion, evidence="Done.", met=True, by=made.lead)
    with pytest.raises(ValidationError, match="is not met yet"):
        review_gate(gate=gate, reviewer=reviewer, decision="go", reason="Fine.")
    assert Review.objects.count() == 0
    update_criterion(criterion=criteria[-1], evidence="Done.", met=True, by=made.lead)
    review_gate(gate=gate, reviewer=reviewer, decision="go", reason="Fine.")
    made.refresh_from_db()
    assert made.stage == "concept"


def test_a_criterion_is_not_met_without_evidence():
    made = project()
    criterion = gate_of(made).criteria.first()
    with pytest.raises(ValidationError, match="Give the evidence"):
        update_criterion(criterion=criterion, evidence="  ", met=True, by=made.lead)


def test_only_the_current_gate_can_be_decided_so_none_is_skipped():
    made = project()
    reviewer = on_team(made, TeamRole.REVIEWER)
    later = gate_of(made, "feasibility")
    later.reviewers.add(reviewer)
    with pytest.raises(ValidationError, match="Only the gate of the current stage"):
        review_gate(gate=later, reviewer=reviewer, decision="stop", reason="Too early.")
    made.refresh_from_db()
    assert made.stage == "vision"
    assert made.status == ProjectStatus.ACTIVE


def test_a_person_not_named_cannot_decide():
    made = project()
    with_reviewers(made)
    stranger = on_team(made, TeamRole.REVIEWER)  # on the team, but not named at this gate
    with pytest.raises(ValidationError, match="named reviewers"):
        review_gate(gate=gate_of(made), reviewer=stranger, decision="stop", reason="No.")


def test_a_partner_is_not_named_a_reviewer_but_staff_may_be():
    made = project()
    partner = on_team(made, TeamRole.PARTNER)
    with pytest.raises(ValidationError, match="gate reviewer or expert"):
        name_reviewer(gate=gate_of(made), user=partner, by=made.lead)
    name_reviewer(gate=gate_of(made), user=person(staff=True), by=made.lead)
    assert gate_of(made).reviewers.count() == 1


def test_a_decision_needs_a_reason_and_is_taken_once_a_round():
    made = project()
    first, _second = with_reviewers(made, 2)
    with pytest.raises(ValidationError, match="reason"):
        review_gate(gate=gate_of(made), reviewer=first, decision="rework", reason=" ")
    review_gate(gate=gate_of(made), reviewer=first, decision="rework", reason="Vague.")
    with pytest.raises(ValidationError, match="decided on this round already"):
        review_gate(gate=gate_of(made), reviewer=first, decision="go", reason="Changed my mind.")


def test_the_most_cautious_decision_wins_and_rework_opens_a_new_round():
    made = project()
    first, second = with_reviewers(made, 2)
    meet_every_criterion(gate_of(made), made.lead)
    review_gate(gate=gate_of(made), reviewer=first, decision="go", reason="Fine.")
    review_gate(gate=gate_of(made), reviewer=second, decision="rework", reason="No sponsor.")
    gate = gate_of(made)
    made.refresh_from_db()
    assert (gate.decision, gate.round, made.stage) == ("rework", 2, "vision")
    # Round 2: both decide again; both say go now.
    review_gate(gate=gate, reviewer=first, decision="go", reason="Still fine.")
    review_gate(gate=gate_of(made), reviewer=second, decision="go", reason="Sponsor found.")
    made.refresh_from_db()
    assert made.stage == "concept"


def test_a_stop_ends_the_project_and_keeps_its_history():
    made = project()
    first, second = with_reviewers(made, 2)
    review_gate(gate=gate_of(made), reviewer=first, decision="stop", reason="No budget.")
    review_gate(gate=gate_of(made), reviewer=second, decision="rework", reason="Try again.")
    made.refresh_from_db()
    assert (made.status, made.stage) == (ProjectStatus.STOPPED, "vision")
    assert made.timeline.filter(kind=EventKind.STOPPED).exists()
    assert Review.objects.filter(gate__project=made).count() == 2
    with pytest.raises(ValidationError, match="stopped"):
        review_gate(gate=gate_of(made), reviewer=first, decision="go", reason="Back.")


def test_the_last_go_completes_the_project():
    made = project()
    reviewer = on_team(made, TeamRole.EXPERT)
    for _stage in range(6):
        gate = gate_of(made)
        name_reviewer(gate=gate, user=reviewer, by=made.lead)
        meet_every_criterion(gate, made.lead)
        review_gate(gate=gate_of(made), reviewer=reviewer, decision="go", reason="Done.")
        made.refresh_from_db()
    assert (made.status, made.stage) == (ProjectStatus.COMPLETED, "operation")
    assert made.gates.filter(decision="go").count() == 6
