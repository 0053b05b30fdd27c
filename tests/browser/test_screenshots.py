"""Key pages look as they did: each compared with its kept picture, within a tolerance.

The world is fixed (names, dates, and ids from a reset sequence, which the generated avatars'
colours follow), so a difference is the page's own. A page that changes on purpose gets its
picture again with `UPDATE_SCREENSHOTS=1` (tests/browser/screenshots.py); look at the new
pictures before committing them.
"""

from datetime import UTC, datetime

import pytest
from django.test import Client

from tests.browser.screenshots import compare
from wsco.core.models import Theme
from wsco.members.models import Organization, OrganizationType, Profile
from wsco.members.tests.factories import OrganizationFactory, UserFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, reset_sequences=True)]

JOINED = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def fixed_world():
    """Three members of two organizations, with their themes, on fixed dates."""
    city_hall = OrganizationFactory(
        name="Primăria Municipiului Cluj-Napoca",
        slug="primaria-cluj-napoca",
        type=OrganizationType.CITY_HALL,
        city="Cluj-Napoca",
    )
    company = OrganizationFactory(name="Transilvania Mobility", slug="transilvania-mobility")
    people = [
        member(
            name="Ioana Mureșan",
            organization=city_hall,
            title="Head of digital services",
            user__email="ioana@example.org",
            interest=["transportation", "energy"],
            expertise=["governance"],
        ),
        member(
            name="Andrei Pop",
            organization=company,
            title="Founder",
            user__email="andrei@example.org",
            interest=["governance"],
            expertise=["transportation"],
        ),
        member(
            name="Elena Stan",
            title="Urban planner",
            user__email="elena@example.org",
            interest=["urban-planning"],
            expertise=["housing", "environment-and-climate-change"],
        ),
    ]
    Profile.objects.update(created_at=JOINED)
    Organization.objects.update(created_at=JOINED)
    assert Theme.objects.filter(slug="urban-planning").exists()
    return people


def _shot(browser, live_server, path, viewport, cookies=None, **options):
    host = live_server.url.split("//")[1].split(":")[0]
    context = browser.new_context(locale="en-GB", viewport=viewport, **options)
    context.add_cookies(
        [{"name": n, "value": v, "domain": host, "path": "/"} for n, v in (cookies or {}).items()]
    )
    page = context.new_page()
    response = page.goto(live_server.url + path)
    assert response.status == 200, path
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready")
    png = page.screenshot(full_page=True, animations="disabled", caret="hide")
    context.close()
    return png


@pytest.mark.parametrize(
    ("name", "path", "viewport", "options"),
    [
        ("home", "/", DESKTOP, {}),
        ("home-phone", "/", PHONE, {"is_mobile": True, "has_touch": True}),
        ("directory", "/members/", DESKTOP, {}),
        ("directory-phone", "/members/", PHONE, {"is_mobile": True, "has_touch": True}),
        ("profile", "/members/1/", DESKTOP, {}),
        ("organizations", "/members/organizations/", DESKTOP, {}),
        ("sign-in", "/accounts/login/", DESKTOP, {}),
    ],
)
def test_key_pages_look_as_kept(
    browser, live_server, settings, fixed_world, name, path, viewport, options
):
    settings.ALLOWED_HOSTS = ["*"]
    assert compare(name, _shot(browser, live_server, path, viewport, **options)) is None


def test_styleguide_looks_as_kept(browser, live_server, settings):
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    client.force_login(UserFactory(is_staff=True, email="staff@example.org"))
    cookies = {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}
    assert (
        compare("styleguide", _shot(browser, live_server, "/styleguide/", DESKTOP, cookies)) is None
    )
