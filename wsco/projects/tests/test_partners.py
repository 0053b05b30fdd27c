"""Partners: the network's recommendations with their reasons, and invitations to the team."""

import pytest
from django.core.exceptions import ValidationError

from wsco.members.tests.factories import MemberProfileFactory
from wsco.network.services import rebuild_index
from wsco.network.tests.factories import member
from wsco.notifications.models import Notification
from wsco.projects.models import InvitationStatus, TeamMember
from wsco.projects.services.partners import (
    accept_invitation,
    decline_invitation,
    invite_to_team,
    recommend_partners,
)
from wsco.projects.tests.factories import project

pytestmark = pytest.mark.django_db


def test_recommendations_come_with_reasons_and_leave_out_the_team():
    made = project()
    expert = member(expertise=["water"])
    member(expertise=["education"])
    rebuild_index()
    found = recommend_partners(made)
    assert found[0].profile == expert
    assert found[0].reasons, "a recommendation says why"
    invite_to_team(project=made, profile=expert, role="expert", by=made.lead)
    assert expert not in [match.profile for match in recommend_partners(made)]


def test_an_accepted_invitation_puts_the_person_on_the_team():
    made = project()
    invited = MemberProfileFactory()
    invitation = invite_to_team(
        project=made, profile=invited, role="partner", reasons=["Water"], by=made.lead
    )
    assert Notification.objects.filter(recipient=invited.user, kind="projects.invited").exists()
    with pytest.raises(ValidationError, match="waiting already"):
        invite_to_team(project=made, profile=invited, role="expert", by=made.lead)
    with pytest.raises(ValidationError, match="Only the person invited"):
        accept_invitation(invitation=invitation, by=made.lead)
    accept_invitation(invitation=invitation, by=invited.user)
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
    assert TeamMember.objects.get(project=made, user=invited.user).role == "partner"
    assert Notification.objects.filter(
        recipient=made.lead, kind="projects.invitation_answered"
    ).exists()
    with pytest.raises(ValidationError, match="on the team already"):
        invite_to_team(project=made, profile=invited, role="expert", by=made.lead)


def test_a_declined_invitation_changes_nothing_on_the_team_and_cannot_be_answered_twice():
    made = project()
    invited = MemberProfileFactory()
    invitation = invite_to_team(project=made, profile=invited, role="expert", by=made.lead)
    decline_invitation(invitation=invitation, by=invited.user)
    assert not TeamMember.objects.filter(project=made, user=invited.user).exists()
    with pytest.raises(ValidationError, match="declined"):
        accept_invitation(invitation=invitation, by=invited.user)


def test_nobody_is_invited_as_lead():
    made = project()
    with pytest.raises(ValidationError, match="expert, partner or reviewer"):
        invite_to_team(project=made, profile=MemberProfileFactory(), role="lead", by=made.lead)
