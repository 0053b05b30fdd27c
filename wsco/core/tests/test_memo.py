"""`{% memo %}`: the frame's pieces rendered once per process, the request's own values never."""

import re

import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import translation

from wsco.core import memo
from wsco.members.tests.factories import UserFactory

MENU = '{% load wsco %}{% memo "piece" kind %}{{ shown }}{% endmemo %}|{{ shown }}'


def rendered(source: str, **context) -> str:
    return Template(source).render(Context(context))


def test_a_piece_is_rendered_once_per_value_named_and_what_is_outside_each_time(settings):
    settings.DEBUG = False
    assert rendered(MENU, kind="a", shown="first") == "first|first"
    assert rendered(MENU, kind="a", shown="second") == "first|second"  # Kept, as told.
    assert rendered(MENU, kind="b", shown="third") == "third|third"  # Another value: its own.


def test_each_language_has_its_own_piece(settings):
    settings.DEBUG = False
    source = '{% load i18n wsco %}{% memo "word" %}{% translate "Members" %}{% endmemo %}'
    assert rendered(source) == "Members"
    with translation.override("ro"):
        assert rendered(source) == "Membri"
    assert rendered(source) == "Members"


def test_development_renders_every_time_and_a_changed_setting_forgets(settings):
    settings.DEBUG = True
    assert rendered(MENU, kind="a", shown="first") == "first|first"
    assert rendered(MENU, kind="a", shown="second") == "second|second"
    settings.DEBUG = False
    assert rendered(MENU, kind="a", shown="third") == "third|third"
    settings.USE_THOUSAND_SEPARATOR = True  # Any setting: the pieces may depend on it.
    assert rendered(MENU, kind="a", shown="fourth") == "fourth|fourth"


def test_past_the_limit_the_pieces_start_again(settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.setattr(memo, "MAX_PIECES", 3)
    for number in range(5):
        assert rendered(MENU, kind=number, shown=number) == f"{number}|{number}"
    assert len(memo._pieces) <= 3


def test_a_memo_needs_a_name():
    with pytest.raises(Exception, match="needs a name"):
        Template("{% load wsco %}{% memo %}x{% endmemo %}")


LOGOUT_TOKEN = re.compile(
    rb'action="/accounts/logout/"><input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"'
)
LANGUAGE_NEXT = re.compile(rb'<input name="next" type="hidden" value="([^"]+)">')


@pytest.mark.django_db
def test_the_frame_keeps_each_person_s_token_path_and_menu_their_own(settings):
    settings.DEBUG = False
    staff, member = UserFactory(is_staff=True), UserFactory()
    pages = {}
    for name, user, path in (
        ("staff", staff, reverse("core:themes")),
        ("member", member, reverse("members:directory") + "?q=ana"),
    ):
        client = Client()
        client.force_login(user)
        response = client.get(path)
        assert response.status_code == 200
        pages[name] = (client, response.content)
    tokens = {name: LOGOUT_TOKEN.search(content).group(1) for name, (_c, content) in pages.items()}
    assert tokens["staff"] != tokens["member"]
    assert LANGUAGE_NEXT.search(pages["member"][1]).group(1) == b"/members/?q=ana"
    assert b'href="/admin/"' in pages["staff"][1]
    assert b'href="/admin/"' not in pages["member"][1]
    assert b'aria-current="page">Members<' in pages["member"][1]
    # Each token is the person's own: it signs them out.
    client = pages["member"][0]
    checked = Client(enforce_csrf_checks=True)
    checked.cookies = client.cookies
    response = checked.post("/accounts/logout/", {"csrfmiddlewaretoken": tokens["member"].decode()})
    assert response.status_code == 302


@pytest.mark.django_db
def test_the_search_page_shows_its_words_in_the_header_and_others_an_empty_box(client, settings):
    settings.DEBUG = False
    found = client.get(reverse("core:search"), {"q": "<b>sensors"}).content
    assert (
        b'name="q" type="search" maxlength="200" placeholder="Search" value="&lt;b&gt;sensors"'
        in found
    )
    other = client.get(reverse("members:directory")).content
    assert b'placeholder="Search" value=""' in other
