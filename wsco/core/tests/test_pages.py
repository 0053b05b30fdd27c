import pytest

from wsco.core.models import Theme
from wsco.core.themes import THEMES

pytestmark = pytest.mark.django_db


def test_taxonomy_has_the_19_themes_of_iso_37120_2018():
    # ISO 37120:2018 clauses 5 (Economy) to 23 (Water): 19 themes.
    assert Theme.objects.count() == 19 == len(THEMES)
    assert list(Theme.objects.values_list("clause", flat=True)) == list(range(5, 24))
    assert str(Theme.objects.get(slug="water").name) == "Water"


def test_home_invites_visitors_to_join(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b'<html lang="en">' in response.content
    # Joining starts from the memberships on offer, before any sign-up.
    assert b'href="/join/"' in response.content


def test_home_speaks_romanian_when_the_browser_asks(client):
    response = client.get("/", headers={"accept-language": "ro"})
    assert b'<html lang="ro">' in response.content


def test_pages_carry_a_content_security_policy_without_inline_code(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_a_refused_page_says_why_in_the_platforms_layout(client):
    from wsco.members.tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get("/members/review/")
    assert response.status_code == 403
    assert b"You may not open this page" in response.content
    assert b'class="site-header"' in response.content
