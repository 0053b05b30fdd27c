"""Nominating, editing until the deadline, and screening with a reason the nominator reads."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wsco.audits.tests.records import person
from wsco.awards.forms import NominationForm
from wsco.awards.models import NominationStatus, Phase
from wsco.awards.services.nominations import (
    edit_nomination,
    nominate,
    screen_nomination,
    withdraw_nomination,
)
from wsco.awards.tests.factories import category, edition, move_to
from wsco.core.access import PartyToCase
from wsco.members.tests.factories import (
    MemberProfileFactory,
    OrganizationFactory,
    ProfileFactory,
    current_member,
)
from wsco.notifications.models import Notification
from wsco.projects.tests.factories import on_team, project

pytestmark = pytest.mark.django_db


def _nominate(made_category, nominee, by, **fields):
    return nominate(category=made_category, nominee=nominee, by=by, statement="It works.", **fields)


def test_a_member_nominates_a_project():
    made = project(published=True)
    nominator = current_member().user
    nomination = _nominate(category(edition()), made, nominator, links="https://example.org/a")
    assert nomination.project == made
    assert nomination.status == NominationStatus.SUBMITTED
    assert nomination.link_list == ["https://example.org/a"]


def test_a_person_who_is_not_a_member_cannot_nominate():
    with pytest.raises(PermissionDenied, match="Only current members"):
        _nominate(category(edition()), project(), ProfileFactory().user)


@pytest.mark.parametrize("phase", [Phase.UPCOMING, Phase.SCREENING])
def test_nominations_are_taken_only_while_open(phase):
    with pytest.raises(ValidationError, match="Nominations for this edition are closed"):
        _nominate(category(edition(phase)), project(), current_member().user)


def test_a_nominee_is_nominated_once_per_category():
    made_category, made = category(edition()), project()
    _nominate(made_category, made, current_member().user)
    with pytest.raises(ValidationError, match="already nominated"):
        _nominate(made_category, made, current_member().user)


def test_self_nomination_only_where_the_category_allows_it():
    made = project()
    teammate = on_team(made, "expert")
    with pytest.raises(ValidationError, match="does not take self-nominations"):
        _nominate(category(edition()), made, teammate)
    allowed = category(edition(year=2027), self_nomination=True)
    assert _nominate(allowed, made, teammate).project == made


def test_nominating_oneself_as_a_member():
    me = current_member()
    closed = category(edition(), kind="member")
    with pytest.raises(ValidationError, match="does not take self-nominations"):
        _nominate(closed, me, me.user)


def test_membership_required_refuses_a_non_member_nominee():
    made_category = category(edition(), kind="organization", membership_required=True)
    outsider = OrganizationFactory()
    with pytest.raises(ValidationError, match="current members only"):
        _nominate(made_category, outsider, current_member().user)
    member = MemberProfileFactory()
    assert (
        _nominate(
            category(edition(year=2027), kind="member", membership_required=True),
            member,
            current_member().user,
        ).profile
        == member
    )


def test_a_project_must_have_started_within_the_category_dates():
    made = project()
    started = timezone.localdate(made.created_at)
    made_category = category(
        edition(), eligible_from=started + datetime.timedelta(days=1), eligible_until=None
    )
    with pytest.raises(ValidationError, match="started before"):
        _nominate(made_category, made, current_member().user)
    # The day itself is inside the period.
    inside = category(edition(year=2027), eligible_from=started, eligible_until=started)
    assert _nominate(inside, made, current_member().user).project == made
    after = category(edition(year=2028), eligible_until=started - datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="started after"):
        _nominate(after, made, current_member().user)


def test_the_nominator_edits_until_the_deadline():
    made_edition = edition()
    nominator = current_member().user
    nomination = _nominate(category(made_edition), project(), nominator)
    edit_nomination(nomination=nomination, by=nominator, statement="Even better.")
    nomination.refresh_from_db()
    assert nomination.statement == "Even better."
    with pytest.raises(PermissionDenied, match="Only the nominator"):
        edit_nomination(nomination=nomination, by=current_member().user, statement="Mine.")
    move_to(made_edition, Phase.SCREENING)
    nomination.category.edition.refresh_from_db()
    with pytest.raises(ValidationError, match="closed"):
        edit_nomination(nomination=nomination, by=nominator, statement="Too late.")
    nomination.refresh_from_db()
    assert nomination.statement == "Even better."


def test_withdrawing_a_nomination():
    nominator = current_member().user
    nomination = _nominate(category(edition()), project(), nominator)
    withdraw_nomination(nomination=nomination, by=nominator)
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.WITHDRAWN


def test_staff_screen_with_a_reason_the_nominator_is_told():
    nominator = current_member().user
    nomination = _nominate(category(edition()), project(), nominator)
    staff = person(staff=True)
    screen_nomination(
        nomination=nomination, eligible=False, reason="The project is not built yet.", by=staff
    )
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.INELIGIBLE
    assert nomination.screening_reason == "The project is not built yet."
    assert nomination.screened_by == staff
    told = Notification.objects.get(recipient=nominator, kind="awards.screened")
    assert told.params["eligible"] is False


def test_screening_needs_staff_and_a_reason():
    nomination = _nominate(category(edition()), project(), current_member().user)
    with pytest.raises(PermissionDenied, match="Only staff"):
        screen_nomination(nomination=nomination, eligible=True, reason="Fine.", by=person())
    with pytest.raises(ValidationError, match="Give the reason"):
        screen_nomination(nomination=nomination, eligible=True, reason=" ", by=person(staff=True))
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.SUBMITTED


def test_staff_who_nominated_do_not_screen_their_own_nomination():
    staff = person(staff=True)
    nomination = _nominate(category(edition()), project(), staff)
    with pytest.raises(PartyToCase, match="you are the nominator"):
        screen_nomination(nomination=nomination, eligible=True, reason="Mine.", by=staff)
    screen_nomination(nomination=nomination, eligible=True, reason="Fine.", by=person(staff=True))
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.ELIGIBLE


def test_the_form_names_the_line_that_is_not_a_web_address():
    made_category = category(edition())
    member = current_member().user
    form = NominationForm(
        {
            "nominee": project(published=True).pk,
            "statement": "It works.",
            "links": "https://example.org/a\njavascript:alert(1)",
        },
        category=made_category,
        user=member,
        new=True,
    )
    assert not form.is_valid()
    assert form.errors["links"] == ["Line 2 is not a web address."]
