"""The call for projects: submitting while open, reviewers with deadlines and without
conflicts, staff deciding, and an accepted project becoming a pitch session."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wsco.core.access import PartyToCase
from wsco.core.models import Theme
from wsco.events import calls
from wsco.events.models import ProjectCall, SubmissionStatus
from wsco.events.tests import factories
from wsco.events.tests.factories import STARTS
from wsco.members.tests.factories import OrganizationFactory, current_member

pytestmark = pytest.mark.django_db

CRITERIA = "Impact on the city\nReadiness"


def _call(event, *, open_now=True) -> ProjectCall:
    now = timezone.now()
    return ProjectCall.objects.create(
        event=event,
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=1 if open_now else -0.5),
        criteria=CRITERIA,
    )


def _company_person():
    return current_member(organization=OrganizationFactory()).user


def _submitted(call, person=None):
    person = person or _company_person()
    return calls.submit_project(
        call=call,
        by=person,
        title="Smart street lighting",
        summary="LED and sensors.",
        pitch="We light 4,000 streets.",
        themes=Theme.objects.filter(slug="energy"),
    )


def test_a_company_submits_a_new_project_which_joins_the_programme():
    call = _call(factories.event())
    person = _company_person()
    submission = _submitted(call, person)
    assert submission.project.title == "Smart street lighting"
    assert submission.project.organization == person.profile.organization
    assert list(calls.projects_of(person)) == [submission.project]
    with pytest.raises(ValidationError, match="submitted to the call already"):
        calls.submit_project(
            call=call, by=person, project=submission.project, pitch="Again", themes=[]
        )


def test_a_closed_call_refuses_submissions():
    call = _call(factories.event(), open_now=False)
    with pytest.raises(ValidationError, match="The call for projects is not open"):
        _submitted(call)


def test_someone_else_s_project_cannot_be_submitted():
    call = _call(factories.event())
    theirs = _submitted(call).project
    with pytest.raises(PermissionDenied, match="projects whose team you are on"):
        calls.submit_project(
            call=_call(factories.event(title="Other 2099")),
            by=_company_person(),
            project=theirs,
            pitch="Mine now",
            themes=[],
        )


def test_the_submitter_cannot_be_assigned_to_review_their_own_project():
    call, staff = _call(factories.event()), factories.staff()
    submission = _submitted(call)
    with pytest.raises(ValidationError, match="cannot review this submission: they are"):
        calls.assign_reviewer(
            submission=submission,
            reviewer=submission.submitted_by,
            due_on=timezone.localdate(),
            by=staff,
        )


def test_a_reviewer_scores_every_criterion_until_the_due_date_and_not_after():
    call, staff = _call(factories.event()), factories.staff()
    submission = _submitted(call)
    reviewer = factories.member_user()
    due = timezone.localdate() + datetime.timedelta(days=3)
    review = calls.assign_reviewer(submission=submission, reviewer=reviewer, due_on=due, by=staff)
    with pytest.raises(ValidationError, match="Score every criterion from 1 to 5: Readiness"):
        calls.score_submission(review=review, by=reviewer, scores={"Impact on the city": 4})
    with pytest.raises(ValidationError, match="This review was due on"):
        calls.score_submission(
            review=review,
            by=reviewer,
            scores={"Impact on the city": 4, "Readiness": 3},
            today=due + datetime.timedelta(days=1),
        )
    calls.score_submission(
        review=review, by=reviewer, scores={"Impact on the city": 4, "Readiness": 3}, today=due
    )
    review.refresh_from_db()
    # (4 + 3) / 2 = 3.5
    assert review.average == 3.5


def test_staff_accept_and_the_project_becomes_a_pitch_session_on_the_agenda():
    event, staff = factories.event(), factories.staff()
    submission = _submitted(_call(event))
    decided = calls.decide_submission(
        submission=submission,
        by=staff,
        accept=True,
        message="See you in March.",
        room="Pitch stage",
        starts_at=STARTS,
    )
    assert decided.status == SubmissionStatus.ACCEPTED
    session = event.sessions.get()
    assert session.session_type == "pitch"
    assert session.title == "Project pitch: Smart street lighting"
    assert session.ends_at - session.starts_at == datetime.timedelta(minutes=20)
    assert list(session.speakers.all()) == [submission.submitted_by]
    with pytest.raises(ValidationError, match="This submission is accepted already"):
        calls.decide_submission(submission=submission, by=staff, accept=False)


def test_a_member_of_the_project_s_team_on_staff_cannot_decide_it():
    event = factories.event()
    submission = _submitted(_call(event))
    insider = submission.submitted_by
    insider.is_staff = True
    insider.save()
    with pytest.raises(PartyToCase, match="you are the submitter"):
        calls.decide_submission(submission=submission, by=insider, accept=False)
    calls.decide_submission(submission=submission, by=factories.staff(), accept=False)
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.DECLINED
