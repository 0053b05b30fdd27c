"""A person shown in each state the code branches on: with and without an organization, in each
visibility, to a visitor and to a member; and each kind of person on their own pages."""

import pytest
from django.urls import reverse

from wsco.members.models import Visibility
from wsco.members.tests.factories import PEOPLE, VISIBILITIES, MemberProfileFactory, current_member

pytestmark = pytest.mark.django_db

# Who sees a profile of each visibility: visitors the public ones, members the members-only too.
SEEN_BY = {
    Visibility.PUBLIC: {"visitor", "member"},
    Visibility.MEMBERS: {"member"},
    Visibility.HIDDEN: set(),
}


@pytest.mark.parametrize("viewer", ["visitor", "member"])
@pytest.mark.parametrize("visibility", VISIBILITIES)
@pytest.mark.parametrize("with_organization", [True, False], ids=["organization", "none"])
def test_a_profile_shows_as_its_visibility_allows_with_or_without_organization(
    client, viewer, visibility, with_organization
):
    person = MemberProfileFactory(visibility=visibility, with_organization=with_organization)
    assert (person.organization_id is not None) is with_organization
    if viewer == "member":
        client.force_login(current_member().user)
    seen = viewer in SEEN_BY[visibility]
    page = client.get(reverse("members:profile", kwargs={"pk": person.pk}))
    api = client.get(f"/api/v1/members/{person.pk}")
    assert (page.status_code, api.status_code) == ((200, 200) if seen else (404, 404))
    if seen:
        assert person.name in page.content.decode()
        organization = api.json()["organization"]
        assert (organization is not None) is with_organization
        if with_organization:
            assert person.organization.name in page.content.decode()
    directory = client.get(reverse("members:directory")).content.decode()
    assert (person.name in directory) is seen


@pytest.mark.parametrize("person", list(PEOPLE))
def test_each_kind_of_person_has_a_home_and_a_network_page(client, person):
    profile = PEOPLE[person]()
    client.force_login(profile.user)
    assert client.get(reverse("members:home")).status_code == 200
    assert client.get(reverse("network:people_to_meet")).status_code == 200
    me = client.get("/api/v1/memberships/me").json()
    assert me["is_member"] is (person == "current member")
