"""The generated placeholders of people and organizations (wsco/core/avatars.py)."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory

from wsco.core import avatars
from wsco.members.models import Visibility
from wsco.members.tests.factories import OrganizationFactory, UserFactory, current_member

pytestmark = pytest.mark.django_db


def render(source: str, viewer=None, **context) -> str:
    request = RequestFactory().get("/")
    request.user = viewer or AnonymousUser()
    return Template("{% load people %}" + source).render(Context({"request": request, **context}))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ioana Pop", "IP"),
        ("Ana-Maria Popescu", "AP"),
        ("Șerban Țițeica", "ȘȚ"),
        ("Smart & Green Cities", "SC"),
        ("Cluj", "C"),
        ("  ", ""),
        ("42 Labs", "L"),
    ],
)
def test_initials_are_the_first_letters_of_the_first_and_last_words(name, expected):
    assert avatars.initials(name) == expected


def test_the_colour_is_the_same_for_the_same_key_in_every_run():
    # SHA-256 of "profile:1" starts with the bytes a0 8a c7 c7: 0xa08ac7c7 % 8 + 1 = 8, worked
    # out with `sha256sum`. Python's own hash() is salted per process and would differ per run.
    assert avatars.tone("profile:1") == 8
    assert {avatars.tone(f"profile:{pk}") for pk in range(1, 200)} == set(range(1, 9))


def test_two_people_get_different_placeholders():
    first = current_member(name="Ioana Pop", visibility=Visibility.PUBLIC)
    second = current_member(name="Mihai Ionescu", visibility=Visibility.PUBLIC)
    # Two members whose ids fall on different colours (the hash is fixed: see above).
    while avatars.tone(f"profile:{second.pk}") == avatars.tone(f"profile:{first.pk}"):
        second = current_member(name="Mihai Ionescu", visibility=Visibility.PUBLIC)
    html_first = render("{% avatar profile %}", profile=first)
    html_second = render("{% avatar profile %}", profile=second)
    assert ">IP</span>" in html_first
    assert ">MI</span>" in html_second
    tone_first = re.search(r"avatar-tone-(\d)", html_first).group(1)
    tone_second = re.search(r"avatar-tone-(\d)", html_second).group(1)
    assert tone_first == str(avatars.tone(f"profile:{first.pk}"))
    assert tone_first != tone_second
    # The same person renders the same placeholder every time.
    assert render("{% avatar profile %}", profile=first) == html_first


def test_a_hidden_profile_shows_no_photo_and_no_initials_to_a_visitor():
    hidden = current_member(name="Ioana Pop", visibility=Visibility.HIDDEN)
    hidden.photo.name = "photos/ioana.jpg"
    hidden.save(update_fields=["photo"])
    html = render('{% avatar profile "large" %}', profile=hidden)
    assert "ioana.jpg" not in html
    assert "<img" not in html
    assert "avatar-tone-" not in html
    assert "IP" not in html
    # Staff still see the photo.
    staff = UserFactory(is_staff=True)
    assert 'src="/files/photos/ioana.jpg"' in render("{% avatar profile %}", staff, profile=hidden)


def test_a_public_profile_with_a_photo_shows_the_photo_not_the_placeholder():
    public = current_member(name="Ioana Pop", visibility=Visibility.PUBLIC)
    public.photo.name = "photos/ioana.jpg"
    public.save(update_fields=["photo"])
    html = render('{% avatar profile "small" %}', profile=public)
    assert 'src="/files/photos/ioana.jpg"' in html
    assert 'width="32"' in html
    assert "avatar-initial" not in html


def test_an_organization_without_a_logo_gets_its_initials_in_a_square_of_its_own_colour():
    organization = OrganizationFactory(name="Cluj City Hall")
    html = render('{% logo organization "large" %}', organization=organization)
    tone = avatars.tone(f"organization:{organization.pk}")
    assert f'class="logo logo-initial logo-large avatar-tone-{tone}"' in html
    assert ">CH</span>" in html
    organization.logo.name = "logos/cluj.png"
    html = render("{% logo organization %}", organization=organization)
    assert 'src="/files/logos/cluj.png"' in html
    assert "logo-initial" not in html
