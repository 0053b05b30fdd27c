"""A member's profile page from the page cache: served again until what it shows changes, and
never with one viewer's own parts shown to another."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wsco.core.models import Theme
from wsco.members.models import Visibility
from wsco.members.services.memberships import run_daily_membership_jobs
from wsco.members.services.profiles import update_organization, update_profile
from wsco.members.tests.factories import (
    MemberProfileFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
    member,
)

pytestmark = pytest.mark.django_db

OWN_PANEL = "Edit my profile"
CONTACT_NOTE = "shown only to the person and to the secretariat"


def url(profile) -> str:
    return reverse("members:profile", args=[profile.pk])


def seen(client, profile) -> str:
    response = client.get(url(profile))
    assert response.status_code == 200
    return response.content.decode()


def queries_to_serve(client, profile) -> int:
    with CaptureQueriesContext(connection) as served:
        seen(client, profile)
    return len(served)


def test_a_visitor_is_served_the_kept_page_with_one_query(client):
    ana = member(name="Ana Kept", interest=["water"], expertise=["energy"])
    built = queries_to_serve(client, ana)
    # Only the row, read to check that the page still opens.
    assert queries_to_serve(client, ana) == 1 < built
    assert "Ana Kept" in seen(client, ana)


def test_a_member_is_served_the_kept_part_without_reading_the_themes(client):
    ana = member(name="Ana Kept", interest=["water"], expertise=["energy"])
    client.force_login(MemberProfileFactory().user)
    built = queries_to_serve(client, ana)
    # The themes (one query), the course certificates and award placements are read only
    # when the part is built, and the header's unread count is kept (`notifications.changes`);
    # the viewer's own (their header, "Ask to meet") each time.
    assert queries_to_serve(client, ana) == built - 4
    assert "Ana Kept" in seen(client, ana)


# Each change the kept page shows at once: (what it does, what the page showed, shows after).
CHANGES = {
    "profile edited through the service": (
        lambda ana: update_profile(profile=ana, data={"title": "Chief engineer"}),
        "Planner",
        "Chief engineer",
    ),
    "themes changed": (
        lambda ana: ana.themes_of_interest.set(Theme.objects.filter(slug="energy")),
        "?theme=water",
        "?theme=energy",
    ),
    "organization renamed": (
        lambda ana: update_organization(organization=ana.organization, data={"name": "Civic"}),
        "Urban Labs",
        "Civic",
    ),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_to_what_the_page_shows_ends_the_kept_page_at_once(client, change):
    make_change, before, after = CHANGES[change]
    ana = member(title="Planner", organization=OrganizationFactory(name="Urban Labs"))
    ana.themes_of_interest.set(Theme.objects.filter(slug="water"))
    assert before in seen(client, ana)
    assert before in seen(client, ana)  # Now kept.
    make_change(ana)
    page = seen(client, ana)
    assert after in page
    assert before not in page


def test_a_hidden_profile_is_gone_at_once(client):
    ana = member(name="Ana Going")
    assert "Ana Going" in seen(client, ana)
    update_profile(profile=ana, data={"visibility": Visibility.HIDDEN})
    assert client.get(url(ana)).status_code == 404


def test_a_lapsed_membership_s_profile_is_gone_at_once(client):
    membership = MembershipFactory(profile=MemberProfileFactory(name="Dan Lapsing"))
    assert "Dan Lapsing" in seen(client, membership.profile)
    run_daily_membership_jobs(today=membership.ends_on + datetime.timedelta(days=40))
    assert client.get(url(membership.profile)).status_code == 404


def test_a_profile_made_members_only_is_gone_for_visitors_and_kept_for_members(client):
    ana = member(name="Ana Members")
    colleague = Client()
    colleague.force_login(MemberProfileFactory().user)
    assert "Ana Members" in seen(client, ana)
    assert "Ana Members" in seen(colleague, ana)
    update_profile(profile=ana, data={"visibility": Visibility.MEMBERS})
    assert client.get(url(ana)).status_code == 404
    assert "Ana Members" in seen(colleague, ana)


def test_the_person_s_own_page_is_never_shown_to_a_visitor_or_another_member(client):
    ana = member(name="Ana Own", phone="+40 700 000 001")
    own = Client()
    own.force_login(ana.user)
    page = seen(own, ana)
    assert OWN_PANEL in page
    assert "+40 700 000 001" in page
    assert ana.user.email in page
    for other in (client, Client()):
        if other is not client:
            other.force_login(MemberProfileFactory().user)
        for _attempt in range(2):  # Built, then kept.
            page = seen(other, ana)
            assert "Ana Own" in page
            assert OWN_PANEL not in page
            assert "+40 700 000 001" not in page
            assert ana.user.email not in page


def test_staff_contact_details_are_never_shown_to_a_visitor(client):
    ana = member(name="Ana Contact", phone="+40 700 000 002")
    staff = Client()
    staff.force_login(UserFactory(is_staff=True))
    page = seen(staff, ana)
    assert "+40 700 000 002" in page
    assert CONTACT_NOTE in page
    assert OWN_PANEL not in page
    for _attempt in range(2):
        page = seen(client, ana)
        assert "+40 700 000 002" not in page
        assert CONTACT_NOTE not in page
    # And staff still get theirs from the part the visitor's page did not change.
    assert "+40 700 000 002" in seen(staff, ana)


def test_each_language_gets_its_own_kept_page(client):
    ana = member(name="Ana Languages", interest=["water"])
    assert "Interests" in seen(client, ana)
    client.get(reverse("accounts:set_language"), {"language": "ro", "next": url(ana)})
    page = seen(client, ana)
    assert "Interese" in page
    assert "Interests" not in page
    client.get(reverse("accounts:set_language"), {"language": "en", "next": url(ana)})
    assert "Interests" in seen(client, ana)


def test_the_kept_part_shows_each_list_of_themes_in_clause_order(client):
    # Clauses of ISO 37120:2018: energy 7, health 11, water 23 (wsco/core/themes.py).
    ana = member(expertise=["water", "energy"], interest=["health", "water"])
    page = seen(client, ana)
    expertise, interests = page.split(">Expertise<")[1].split(">Interests<")
    assert expertise.index("?theme=energy") < expertise.index("?theme=water")
    assert "?theme=health" not in expertise
    assert interests.index("?theme=health") < interests.index("?theme=water")
    assert "?theme=energy" not in interests.split("</ul>")[0]


def test_a_profile_without_themes_shows_neither_list(client):
    page = seen(client, member(name="Ana Plain"))
    assert ">Expertise<" not in page
    assert ">Interests<" not in page
