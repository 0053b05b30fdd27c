import pytest
from django.urls import reverse
from django.utils import translation

from wsco.members.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SET_LANGUAGE_URL = reverse("accounts:set_language")


def test_header_switch_remembers_the_language_of_a_signed_in_person(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(SET_LANGUAGE_URL, {"language": "ro", "next": "/members/"})

    assert response["Location"] == "/members/"
    assert response.cookies["django_language"].value == "ro"
    user.refresh_from_db()
    assert user.language == "ro"


def test_header_switch_works_for_visitors_by_get_with_the_cookie_alone(client):
    response = client.get(SET_LANGUAGE_URL, {"language": "ro", "next": "/members/"})

    assert response["Location"] == "/members/"
    assert response.cookies["django_language"].value == "ro"
    assert b'<html lang="ro">' in client.get("/").content


def test_a_switch_by_get_never_leads_off_the_site(client):
    response = client.get(SET_LANGUAGE_URL, {"language": "ro", "next": "https://evil.example/"})

    assert response["Location"] == "/"


def test_a_switch_by_get_neither_needs_a_token_nor_saves_the_preference(client):
    user = UserFactory()
    client.force_login(user)

    response = client.get(SET_LANGUAGE_URL, {"language": "ro", "next": "/"})

    assert response.cookies["django_language"].value == "ro"
    user.refresh_from_db()
    assert user.language == "en"  # Only the form's POST, with its token, changes the account.


def test_an_unknown_language_changes_nothing(client):
    user = UserFactory()
    client.force_login(user)

    client.post(SET_LANGUAGE_URL, {"language": "xx", "next": "/"})

    user.refresh_from_db()
    assert user.language == "en"


def test_settings_page_saves_the_language(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(reverse("accounts:settings"), {"language": "ro"})
    # The language chosen is not left switched on in the process that served the request.
    assert translation.get_language() == "en"

    assert response["Location"] == reverse("accounts:settings")
    assert response.cookies["django_language"].value == "ro"
    user.refresh_from_db()
    assert user.language == "ro"
    # Said in the new language (the catalogue's "Limba a fost salvată."), on the next page.
    assert "Limba a fost salvată." in client.get(response["Location"]).content.decode()


def test_settings_page_refuses_an_unknown_language_beside_the_field(client):
    client.force_login(UserFactory())

    response = client.post(reverse("accounts:settings"), {"language": "xx"})

    assert b'id="id_language_error"' in response.content


def test_the_service_refuses_a_language_the_site_does_not_have_by_name():
    from django.core.exceptions import ValidationError

    from wsco.accounts.services import set_preferred_language

    user = UserFactory(language="en")

    with pytest.raises(ValidationError, match="xx is not a language of the site") as error:
        set_preferred_language(user=user, language="xx")
    assert error.value.messages == ["xx is not a language of the site."]

    user.refresh_from_db()
    assert user.language == "en"
    set_preferred_language(user=user, language="ro")
    user.refresh_from_db()
    assert user.language == "ro"
