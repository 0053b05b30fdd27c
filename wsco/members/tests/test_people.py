"""What of a person each viewer is shown, for every visibility (wsco/members/people.py).

The expected values are the rules of docs/privacy.md ("Showing a person"), written out by hand
for every visibility and every kind of viewer, not computed by the code under test.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from wsco.members import access, people
from wsco.members.models import Visibility
from wsco.members.tests.factories import (
    OrganizationFactory,
    UserFactory,
    current_member,
    lapsed_member,
    profile_only,
)

pytestmark = pytest.mark.django_db

PUBLIC, MEMBERS, HIDDEN = Visibility.PUBLIC, Visibility.MEMBERS, Visibility.HIDDEN

# (visibility, viewer) -> (sees the details, the profile page opens), for a current member.
EXPECTED = {
    (PUBLIC, "visitor"): (True, True),
    (PUBLIC, "signed-in non-member"): (True, True),
    (PUBLIC, "lapsed member"): (True, True),
    (PUBLIC, "member"): (True, True),
    (PUBLIC, "themself"): (True, True),
    (PUBLIC, "staff"): (True, True),
    (MEMBERS, "visitor"): (False, False),
    (MEMBERS, "signed-in non-member"): (False, False),
    (MEMBERS, "lapsed member"): (False, False),
    (MEMBERS, "member"): (True, True),
    (MEMBERS, "themself"): (True, True),
    (MEMBERS, "staff"): (True, True),
    (HIDDEN, "visitor"): (False, False),
    (HIDDEN, "signed-in non-member"): (False, False),
    (HIDDEN, "lapsed member"): (False, False),
    (HIDDEN, "member"): (False, False),
    (HIDDEN, "themself"): (True, True),
    # "Hidden: only staff see it": staff see the details, and the profile in the admin only.
    (HIDDEN, "staff"): (True, False),
}

VIEWERS = {
    "visitor": lambda person: AnonymousUser(),
    "signed-in non-member": lambda person: profile_only().user,
    "lapsed member": lambda person: lapsed_member().user,
    "member": lambda person: current_member().user,
    "themself": lambda person: person.user,
    "staff": lambda person: UserFactory(is_staff=True),
}


def someone(visibility, *, is_current_member: bool = True):
    """Return a person with every detail filled in, and a photo."""
    make = current_member if is_current_member else lapsed_member
    profile = make(
        name="Ioana Pop",
        visibility=visibility,
        title="Mobility lead",
        organization=OrganizationFactory(name="Cluj City Hall"),
        city="Cluj-Napoca",
        bio="Twenty years of trams.",
        website="https://ioana.example.org",
    )
    profile.photo.name = "photos/ioana.jpg"
    profile.save(update_fields=["photo"])
    return profile


def assert_details(shown: people.Person, profile) -> None:
    assert shown.shows_details
    assert shown.name == "Ioana Pop"
    assert shown.photo_url == "/files/photos/ioana.jpg"
    assert shown.title == "Mobility lead"
    assert shown.organization.name == "Cluj City Hall"
    assert (shown.city, shown.country_code) == ("Cluj-Napoca", "RO")
    assert shown.bio == "Twenty years of trams."
    assert shown.website == "https://ioana.example.org"


def assert_no_details(shown: people.Person) -> None:
    assert not shown.shows_details
    assert shown.photo is None
    assert shown.photo_url == ""
    assert (shown.title, shown.organization, shown.city, shown.country) == ("", None, "", None)
    assert (shown.bio, shown.website) == ("", "")


@pytest.mark.parametrize(("visibility", "viewer"), list(EXPECTED))
def test_what_each_viewer_sees_of_a_current_member(visibility, viewer):
    profile = someone(visibility)
    user = VIEWERS[viewer](profile)
    sees_details, opens_profile = EXPECTED[visibility, viewer]
    assert people.sees_details(user, profile) is sees_details
    assert people.may_open_profile(user, profile) is opens_profile
    profile_url = f"/members/{profile.pk}/" if opens_profile else ""
    for named in (False, True):
        shown = people.show(profile, user, named=named)
        assert shown.profile_url == profile_url
        if sees_details:
            assert_details(shown, profile)
            assert shown.url == profile_url
        elif named:  # a byline, a request: the name, and nothing else
            assert_no_details(shown)
            assert (shown.name, shown.is_anonymous, shown.url) == ("Ioana Pop", False, "")
        else:
            assert_no_details(shown)
            assert (shown.name, shown.is_anonymous, shown.url) == ("A member", True, "")
            assert shown.initials == ""
    # The photo's file is served to the same people as the photo is shown to.
    assert access.may_read_profile_photo(user, profile) is sees_details


@pytest.mark.parametrize("viewer", list(VIEWERS))
def test_a_former_members_public_details_still_show_but_the_profile_page_does_not(viewer):
    # Membership decides who is listed; visibility what is shown. The page of someone no longer
    # a member opens only for themself.
    profile = someone(PUBLIC, is_current_member=False)
    user = VIEWERS[viewer](profile)
    shown = people.show(profile, user)
    assert_details(shown, profile)
    expected_url = f"/members/{profile.pk}/" if viewer == "themself" else ""
    assert (shown.profile_url, shown.url) == (expected_url, expected_url)


def test_a_place_gives_its_own_link_and_an_authors_own_photo_and_bio_by_the_same_rule():
    profile = someone(MEMBERS)
    member, visitor = current_member().user, AnonymousUser()
    own_photo = profile.photo.field.attr_class(profile, profile.photo.field, "authors/own.jpg")
    kwargs = {"named": True, "url": "/authors/ioana/", "photo": own_photo, "bio": "**Mine**"}
    for_member = people.show(profile, member, bio_is_markdown=True, **kwargs)
    assert (for_member.photo_url, for_member.bio) == ("/files/authors/own.jpg", "**Mine**")
    assert for_member.bio_is_markdown
    assert for_member.url == "/authors/ioana/"
    for_visitor = people.show(profile, visitor, bio_is_markdown=True, **kwargs)
    assert_no_details(for_visitor)
    assert (for_visitor.name, for_visitor.url) == ("Ioana Pop", "/authors/ioana/")
    # Without its own bio, the profile's plain-text bio is shown, and is not Markdown.
    fallback = people.show(profile, member, bio=None, bio_is_markdown=True)
    assert (fallback.bio, fallback.bio_is_markdown) == ("Twenty years of trams.", False)


def test_only_people_and_persons_can_be_shown():
    assert people.shown(people.guest(name="Ana"), AnonymousUser()).name == "Ana"
    with pytest.raises(TypeError, match="Organization is not a person"):
        people.shown(OrganizationFactory(), AnonymousUser())


def test_someone_not_to_be_named_is_a_member_in_the_readers_language():
    profile = someone(HIDDEN)
    with translation.override("ro"):
        assert people.show(profile, AnonymousUser()).name == "Un membru"
