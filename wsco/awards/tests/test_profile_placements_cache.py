"""A person's award placements on their kept profile page: shown as soon as they are written."""

import pytest
from django.urls import reverse
from django.utils import timezone

from wsco.awards.models import Award, Phase, Placement
from wsco.awards.tests.factories import category, edition, nomination
from wsco.members.tests.factories import member
from wsco.projects.models import TeamMember
from wsco.projects.tests.factories import project

pytestmark = pytest.mark.django_db


def profile_page(client, profile) -> str:
    response = client.get(reverse("members:profile", args=[profile.pk]))
    assert response.status_code == 200
    return response.content.decode()


def announced_category(**fields):
    made_category = category(edition(Phase.ANNOUNCED, year=2025), **fields)
    made_category.edition.announced_at = timezone.now()
    made_category.edition.save(update_fields=["announced_at"])
    return made_category


def place(made_nomination) -> Placement:
    return Placement.objects.create(
        category=made_nomination.category,
        nomination=made_nomination,
        rank=1,
        award=Award.WINNER,
        raw_score="8.000",
        calibrated_score="8.000",
    )


def test_a_placement_appears_on_the_winner_s_kept_page_at_once(client):
    ana = member(name="Ana Winner")
    made_nomination = nomination(announced_category(kind="member"), ana)
    assert "Smart City Industry Awards" not in profile_page(client, ana)  # Now kept.
    place(made_nomination)
    assert "Smart City Industry Awards" in profile_page(client, ana)


def test_a_placed_project_s_new_team_member_shows_its_placement_at_once(client):
    ana = member(name="Ana Newcomer")
    made_project = project()
    place(nomination(announced_category(), made_project))
    assert "Smart City Industry Awards" not in profile_page(client, ana)  # Now kept.
    TeamMember.objects.create(project=made_project, user=ana.user, role="partner")
    assert "Smart City Industry Awards" in profile_page(client, ana)
