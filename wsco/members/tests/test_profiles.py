"""Editing one's profile and an organization's page."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from wsco.core.search import search
from wsco.members.models import MembershipKind, Organization, Profile
from wsco.members.services.affiliations import approve_join_request
from wsco.members.tests.factories import (
    MemberProfileFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
    membership_type,
)

pytestmark = pytest.mark.django_db

EDIT = reverse("members:edit_profile")


def png(size=(30, 30)) -> SimpleUploadedFile:
    output = io.BytesIO()
    Image.new("RGB", size, (10, 120, 90)).save(output, format="PNG")
    return SimpleUploadedFile("me.png", output.getvalue(), content_type="image/png")


def form_data(**changes) -> dict:
    return {
        "name": "Ana Pop",
        "title": "Urban planner",
        "country": "RO",
        "city": "Brașov",
        "languages": ["ro", "en"],
        "bio": "Twenty years of planning.",
        "themes_of_interest": [],
        "themes_of_expertise": [],
        "offers": "Workshops",
        "looks_for": "Pilot cities",
        "phone": "+40 700 000 000",
        "website": "https://ana.example",
        "visibility": "members",
        "recommend_consent": "on",
    } | changes


def theme_ids(*slugs):
    from wsco.core.models import Theme

    return [str(pk) for pk in Theme.objects.filter(slug__in=slugs).values_list("pk", flat=True)]


def test_edit_profile_needs_a_sign_in(client):
    response = client.get(EDIT)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_person_without_a_profile_creates_one(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(EDIT).status_code == 200
    response = client.post(
        EDIT, form_data(themes_of_expertise=theme_ids("water", "energy"), photo=png())
    )
    profile = Profile.objects.get(user=user)
    assert response.status_code == 302
    assert response["Location"] == profile.get_absolute_url()
    assert profile.languages == ["ro", "en"]
    assert profile.recommend_consent is True
    assert sorted(t.slug for t in profile.themes_of_expertise.all()) == ["energy", "water"]
    assert profile.photo.name.startswith("photos/")
    assert profile.is_member is False  # Membership comes from the membership services.
    assert list(search(Profile.objects.all(), "brasov water")) == [profile]


def test_a_member_changes_their_profile(client):
    profile = MemberProfileFactory(name="Old Name")
    client.force_login(profile.user)
    organization = OrganizationFactory(name="Urban Labs")
    client.post(EDIT, form_data(name="New Name", organization=str(organization.pk)))
    profile.refresh_from_db()
    # The organization is asked, not set: the person is listed with it once it approves.
    assert (profile.name, profile.organization) == ("New Name", None)
    join_request = profile.join_requests.get()
    assert (join_request.organization, join_request.status) == (organization, "pending")
    approve_join_request(join_request=join_request, by=UserFactory(is_staff=True))
    profile.refresh_from_db()
    assert profile.organization == organization
    assert list(search(Profile.objects.all(), "urban labs")) == [profile]


def test_a_rejected_photo_leaves_the_profile_exactly_as_it_was(client):
    profile = MemberProfileFactory(name="Ana Pop", city="Cluj-Napoca")
    client.force_login(profile.user)
    before = Profile.objects.filter(pk=profile.pk).values().get()
    text = SimpleUploadedFile("photo.jpg", b"not an image at all", content_type="image/jpeg")
    response = client.post(EDIT, form_data(name="Changed", city="Iași", photo=text))
    assert response.status_code == 200
    assert Profile.objects.filter(pk=profile.pk).values().get() == before
    assert "not an image we can read" in str(response.context["form"].errors["photo"])
    page = response.content.decode()
    # Next to the field: after the photo's label, before the next field's.
    assert page.index('for="id_photo"') < page.index("not an image") < page.index('for="id_title"')
    assert b"Nothing was saved" in response.content


def test_a_new_photo_replaces_the_old_file(client, django_capture_on_commit_callbacks):
    profile = MemberProfileFactory()
    client.force_login(profile.user)
    client.post(EDIT, form_data(photo=png()))
    profile.refresh_from_db()
    old = profile.photo.name
    # The old file goes only once the new one is committed.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(EDIT, form_data(photo=png((50, 50))))
    profile.refresh_from_db()
    assert profile.photo.name != old
    assert not profile.photo.storage.exists(old)
    client.post(EDIT, form_data(remove_photo="on"))
    profile.refresh_from_db()
    assert not profile.photo


def test_invalid_fields_are_reported_and_nothing_is_saved(client):
    profile = MemberProfileFactory(name="Ana Pop")
    client.force_login(profile.user)
    response = client.post(EDIT, form_data(name="", website="not a url", languages=["xx"]))
    form = response.context["form"]
    assert set(form.errors) == {"name", "website", "languages"}
    profile.refresh_from_db()
    assert profile.name == "Ana Pop"


EDIT_ORGANIZATION = "members:edit_organization"


@pytest.fixture
def organization():
    organization = OrganizationFactory(name="Urban Labs", type="company")
    MemberProfileFactory(organization=organization)
    return organization


def test_staff_edit_an_organization_and_its_logo(client, organization):
    client.force_login(UserFactory(is_staff=True))
    url = reverse(EDIT_ORGANIZATION, kwargs={"slug": organization.slug})
    response = client.post(
        url,
        {
            "name": "Urban Data Labs",
            "type": "university",
            "country": "RO",
            "city": "Iași",
            "description": "Research.",
            "themes": theme_ids("education"),
            "logo": png(),
        },
    )
    assert response.status_code == 302
    organization.refresh_from_db()
    assert (organization.name, organization.type) == ("Urban Data Labs", "university")
    assert organization.logo.name.startswith("logos/")
    assert list(search(Organization.objects.all(), "education iasi")) == [organization]


def test_the_administrator_of_the_organization_s_membership_edits_it(client, organization):
    administrator = MemberProfileFactory()
    MembershipFactory(
        profile=administrator,
        organization=organization,
        membership_type=membership_type(MembershipKind.CORPORATE),
    )
    client.force_login(administrator.user)
    url = reverse(EDIT_ORGANIZATION, kwargs={"slug": organization.slug})
    assert client.get(url).status_code == 200


def test_others_may_not_edit_an_organization(client, organization):
    url = reverse(EDIT_ORGANIZATION, kwargs={"slug": organization.slug})
    assert client.get(url).status_code == 302  # Visitors: to the sign-in page.
    client.force_login(MemberProfileFactory(organization=organization).user)
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "Taken over"}).status_code == 403
    organization.refresh_from_db()
    assert organization.name == "Urban Labs"
