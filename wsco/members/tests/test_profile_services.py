"""The profile and organization services called directly: fields checked, files, search, news."""

import io

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from wsco.core.models import Theme
from wsco.members.models import Organization, Profile
from wsco.members.services import profiles
from wsco.members.tests.factories import OrganizationFactory, ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

DIRECTORY_TOKEN = "page-cache:token:members:directory"


def png(name="photo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def heard():
    """Listen to profile changes for one test; return the ids heard."""
    ids = []

    def listener(*, profile_id):
        ids.append(profile_id)

    profiles.listen_to_profile_changes(listener)
    profiles.listen_to_profile_changes(listener)  # a second time changes nothing
    yield ids
    profiles._profile_listeners.remove(listener)
    assert listener not in profiles._profile_listeners


# Words of the search documents --------------------------------------------------------------


def test_a_text_the_same_in_every_language_is_given_once_and_an_empty_one_never():
    assert profiles.in_every_language(lambda: "Cluj") == ["Cluj"]
    assert profiles.in_every_language(lambda: "") == []


def test_no_country_gives_no_words():
    assert profiles.country_words("") == []
    assert profiles.country_words(None) == []


def test_refreshing_a_search_document_changes_the_directory():
    profile = ProfileFactory()
    before = cache.get(DIRECTORY_TOKEN)
    profiles.refresh_search_document(profile=profile)
    assert cache.get(DIRECTORY_TOKEN) != before


def test_refreshing_an_organizations_documents_changes_the_directory():
    organization = OrganizationFactory(name="Smart Grid SRL")
    person = ProfileFactory(organization=organization)
    before = cache.get(DIRECTORY_TOKEN)

    profiles.refresh_organization_search_document(organization=organization)

    assert cache.get(DIRECTORY_TOKEN) != before
    assert "smart grid srl" in Profile.objects.get(pk=person.pk).search_document.splitlines()


# Profiles -----------------------------------------------------------------------------------


def test_a_new_profile_is_checked_before_it_is_saved():
    user = UserFactory()
    with pytest.raises(ValidationError, match="This field cannot be blank"):
        profiles.create_profile(user=user, data={"name": "", "country": "RO"})
    assert not Profile.objects.filter(user=user).exists()


def test_creating_and_updating_a_profile_is_announced_once_to_each_listener(heard):
    profile = profiles.create_profile(user=UserFactory(), data={"name": "Ana", "country": "RO"})
    profiles.update_profile(profile=profile, data={"city": "Iași"})
    assert heard == [profile.pk, profile.pk]


def test_an_unknown_profile_field_is_refused_by_name():
    profile = ProfileFactory(name="Ana")
    with pytest.raises(TypeError, match="Unknown fields: nickname"):
        profiles.update_profile(profile=profile, data={"name": "Bo", "nickname": "B"})
    assert Profile.objects.get(pk=profile.pk).name == "Ana"


def test_an_updated_profile_is_checked_before_it_is_saved():
    profile = ProfileFactory(name="Ana")
    with pytest.raises(ValidationError, match="This field cannot be blank"):
        profiles.update_profile(profile=profile, data={"name": ""})
    assert Profile.objects.get(pk=profile.pk).name == "Ana"


def test_updating_the_themes_of_expertise_alone_keeps_those_of_interest():
    profile = ProfileFactory()
    water, energy = Theme.objects.get(slug="water"), Theme.objects.get(slug="energy")
    profile.themes_of_interest.set([water])

    profiles.update_profile(profile=profile, data={}, themes_of_expertise=[energy])

    assert list(profile.themes_of_expertise.values_list("slug", flat=True)) == ["energy"]
    assert list(profile.themes_of_interest.values_list("slug", flat=True)) == ["water"]


def profile_updates(queries):
    return [query for query in queries if query["sql"].startswith('UPDATE "members_profile"')]


def test_a_first_photo_is_stored_with_the_profiles_one_save(django_capture_on_commit_callbacks):
    profile = ProfileFactory()

    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True),
    ):
        profiles.update_profile(profile=profile, data={"photo": png()})

    # The save of the fields, then the search document: the file never saves the row early.
    assert len(profile_updates(queries.captured_queries)) == 2
    stored = Profile.objects.get(pk=profile.pk)
    assert stored.photo.storage.exists(stored.photo.name)


def test_a_replaced_photo_is_deleted_once_the_change_is_committed(
    django_capture_on_commit_callbacks,
):
    profile = ProfileFactory()
    with django_capture_on_commit_callbacks(execute=True):
        profiles.update_profile(profile=profile, data={"photo": png()})
    old = Profile.objects.get(pk=profile.pk).photo
    storage, old_name = old.storage, old.name

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        profiles.update_profile(profile=profile, data={"photo": png("new.png")})
    assert storage.exists(old_name)  # not before the commit
    for callback in callbacks:
        callback()

    assert not storage.exists(old_name)
    assert storage.exists(Profile.objects.get(pk=profile.pk).photo.name)


# Organizations ------------------------------------------------------------------------------


def test_an_organizations_slug_is_at_most_200_characters():
    slug = profiles.unique_organization_slug("a" * 250)
    assert slug == "a" * 200


def test_a_taken_organization_slug_gets_the_next_free_number_from_two():
    OrganizationFactory(slug="grid")
    assert profiles.unique_organization_slug("Grid") == "grid-2"
    OrganizationFactory(slug="grid-2")
    OrganizationFactory(slug="grid-4")
    # Taken: the name itself, -2 and -4; counting up by one, -3 is the first free one.
    assert profiles.unique_organization_slug("Grid") == "grid-3"


SAVES = {
    "create": lambda data: profiles.create_organization(data=data),
    "update": lambda data: profiles.update_organization(
        organization=OrganizationFactory(), data=data
    ),
}


@pytest.mark.parametrize("action", list(SAVES))
def test_an_unknown_organization_field_is_refused_by_name(action):
    data = {"name": "Grid", "type": "company", "country": "RO", "motto": "Power"}
    save = SAVES[action]
    with pytest.raises(TypeError, match="Unknown fields: motto"):
        save(data)
    assert not Organization.objects.filter(name="Grid").exists()


@pytest.mark.parametrize("action", list(SAVES))
def test_an_organization_is_checked_before_it_is_saved(action):
    data = {"name": "Grid", "type": "spaceship", "country": "RO"}
    save = SAVES[action]
    with pytest.raises(ValidationError, match="Value 'spaceship' is not a valid choice"):
        save(data)
    assert not Organization.objects.filter(name="Grid").exists()


def test_updating_an_organization_returns_it():
    organization = OrganizationFactory(name="Grid")
    updated = profiles.update_organization(organization=organization, data={"name": "Grid SA"})
    assert (updated.pk, updated.name) == (organization.pk, "Grid SA")
