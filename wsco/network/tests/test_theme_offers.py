"""The network's offer on a theme: people with that expertise, as the directory shows them."""

import pytest
from django.contrib.auth.models import AnonymousUser

from wsco.core.theme_offers import offers_for
from wsco.members.tests.factories import UserFactory, profile_only
from wsco.network import services
from wsco.network.tests.factories import member
from wsco.network.theme_offers import count_people, find_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    """Members with expertise in water of every visibility and consent, and two who miss it."""
    found = {
        "public": member(expertise=["water"], visibility="public", offers="pipe monitoring"),
        "members_only": member(expertise=["water"], visibility="members"),
        "hidden": member(expertise=["water"], visibility="hidden"),
        "no_consent": member(expertise=["water"], visibility="public", consent=False),
        "interest_only": member(interests=["water"], visibility="public"),
        "energy": member(expertise=["energy"], visibility="public"),
    }
    services.rebuild_index()
    return found


def _viewer(kind: str):
    if kind == "visitor":
        return AnonymousUser()
    if kind == "non-member":
        return profile_only().user
    if kind == "member":
        return member().user
    return UserFactory(is_staff=True)


def _names(items) -> set[str]:
    return {item.title for item in items}


@pytest.mark.parametrize(
    ("viewer", "shown"),
    [
        ("visitor", {"public"}),
        ("non-member", {"public"}),
        ("member", {"public", "members_only"}),
        ("staff", {"public", "members_only"}),
    ],
)
def test_people_are_those_the_directory_shows_the_viewer(people, viewer, shown):
    user = _viewer(viewer)
    items = find_people(["water"], user=user, limit=10)
    assert _names(items) == {people[key].name for key in shown}
    # Hidden profiles, members who did not consent to be suggested, and people who only take an
    # interest in the theme are never offered, whoever asks.
    assert count_people(user)["water"] == len(shown)


def test_a_person_is_a_card_with_a_link_their_initials_and_matching_expertise(people):
    (item,) = find_people(["water", "energy"], user=AnonymousUser(), limit=1)
    profile = people["public"]
    assert item.title == profile.name
    assert item.url == profile.get_absolute_url()
    assert item.themes == ("water",)
    assert item.text == profile.organization.name
    assert item.initials
    assert item.image == ""


def test_several_themes_bring_the_experts_of_each(people):
    items = find_people(["energy", "water"], user=AnonymousUser(), limit=10)
    assert _names(items) == {people["public"].name, people["energy"].name}


def test_no_index_means_no_one_and_the_section_says_so():
    member(expertise=["water"], visibility="public")
    (section, *_others) = offers_for(["water"], user=AnonymousUser())
    assert section.name == "people"
    assert section.items == []
    assert section.empty_message == "No member you can see has declared expertise in Water yet."


def test_the_cached_answer_is_never_shared_between_visitors_and_members(people):
    member_user = _viewer("member")
    for_member = offers_for(["water"], user=member_user)[0].items
    for_visitor = offers_for(["water"], user=AnonymousUser())[0].items
    assert people["members_only"].name in _names(for_member)
    assert people["members_only"].name not in _names(for_visitor)


def test_a_profile_hidden_after_the_page_was_cached_leaves_it_at_once(people):
    visitor = AnonymousUser()
    assert people["public"].name in _names(offers_for(["water"], user=visitor)[0].items)
    people["public"].visibility = "hidden"
    people["public"].save()
    assert people["public"].name not in _names(offers_for(["water"], user=visitor)[0].items)
