"""What the directory's search finds: the search documents the profile services build."""

import subprocess

import pytest

from wsco.core.models import Theme
from wsco.core.search import search
from wsco.members.models import Organization, Profile
from wsco.members.services.profiles import (
    create_organization,
    create_profile,
    update_organization,
    update_profile,
)
from wsco.members.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# The Romanian names of two ISO 37120 themes, as the catalogue translates them.
ROMANIAN = {"Water": "Apă", "Housing": "Locuințe"}


@pytest.fixture
def romanian_catalogue(settings, tmp_path):
    """Install a Romanian catalogue that names the themes, as the project's catalogue will."""
    folder = tmp_path / "locale" / "ro" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    entries = "".join(f'msgid "{english}"\nmsgstr "{ro}"\n\n' for english, ro in ROMANIAN.items())
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    (folder / "django.po").write_text(header + entries, encoding="utf-8")
    subprocess.run(
        ["msgfmt", "-o", str(folder / "django.mo"), str(folder / "django.po")], check=True
    )
    # Changing LOCALE_PATHS makes Django drop the catalogues it loaded.
    settings.LOCALE_PATHS = [tmp_path / "locale"]


def _themes(*slugs):
    return list(Theme.objects.filter(slug__in=slugs))


def _profile(**data):
    data = {"name": "Ana Pop", "country": "RO", "visibility": "public"} | data
    themes = {
        "themes_of_interest": data.pop("interest", []),
        "themes_of_expertise": data.pop("expertise", []),
    }
    return create_profile(user=UserFactory(), data=data, **themes)


def _found(text):
    return set(search(Profile.objects.all(), text))


def test_profile_is_found_by_each_of_its_fields():
    organization = create_organization(
        data={"name": "Primăria Brașov", "type": "city_hall", "country": "RO"}
    )
    profile = _profile(
        name="Ioana Mureșan",
        title="Chief digital officer",
        organization=organization,
        city="Sibiu",
        country="DE",
        bio="Twenty years of public lighting.",
        offers="Mentoring on procurement",
        looks_for="Partners for district heating",
        expertise=_themes("energy"),
    )
    for text in [
        "muresan",  # The name, without its diacritics.
        "digital officer",
        "brasov",  # The organization's name.
        "sibiu",
        "germany",  # The country's name, not only its code.
        "lighting",
        "procurement",
        "district heating",
        "energy",  # A theme.
    ]:
        assert _found(text) == {profile}, text


def test_words_are_anded_across_fields():
    water_expert = _profile(city="Iași", expertise=_themes("water"))
    _profile(city="Iași", expertise=_themes("energy"))
    _profile(city="Cluj", expertise=_themes("water"))
    assert _found("iasi water") == {water_expert}


def test_theme_names_are_found_in_romanian_too(romanian_catalogue):
    interested = _profile(interest=_themes("water"))
    expert = _profile(expertise=_themes("housing"))
    assert _found("apa") == {interested}  # Apă, typed without its diacritic.
    assert _found("Apă") == {interested}
    assert _found("water") == {interested}
    assert _found("locuinte") == {expert}
    assert _found("housing") == {expert}


def test_changing_themes_changes_what_finds_the_profile():
    profile = _profile(interest=_themes("water"))
    update_profile(profile=profile, data={"bio": "Smart grids"}, themes_of_interest=[])
    assert _found("water") == set()
    assert _found("grids") == {profile}


def test_renaming_an_organization_renames_it_in_its_people_s_documents():
    organization = create_organization(
        data={"name": "Old Name Labs", "type": "company", "country": "RO"}
    )
    person = _profile(organization=organization)
    update_organization(organization=organization, data={"name": "Urban Data Works"})
    assert _found("urban data") == {person}
    assert _found("labs") == set()


def test_organization_is_found_by_name_type_place_and_themes():
    organization = create_organization(
        data={
            "name": "Smart Mobility SRL",
            "type": "university",
            "country": "RO",
            "city": "Timișoara",
            "description": "Research on traffic sensors.",
        },
        themes=_themes("transportation"),
    )
    for text in ["mobility", "university", "timisoara", "romania", "sensors", "transportation"]:
        assert set(search(Organization.objects.all(), text)) == {organization}, text


def test_new_organizations_get_unique_slugs():
    data = {"name": "Primăria Iași", "type": "city_hall", "country": "RO"}
    first = create_organization(data=data)
    second = create_organization(data=data)
    assert (first.slug, second.slug) == ("primaria-iasi", "primaria-iasi-2")


def test_unknown_profile_fields_are_refused():
    with pytest.raises(TypeError, match="is_member"):
        _profile(is_member=True)
