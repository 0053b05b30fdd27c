"""The directory's cached pages: every write to what they show ends them at once."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.core.management.sql import emit_post_migrate_signal
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wsco.accounts.models import ApiToken, hash_token
from wsco.core.models import Theme
from wsco.members.models import Profile, Visibility
from wsco.members.services.memberships import run_daily_membership_jobs
from wsco.members.services.profiles import update_organization, update_profile
from wsco.members.tests.factories import (
    MemberProfileFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
    member,
)

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("members:directory")
ORGANIZATIONS = reverse("members:organizations")
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
CSRF_TOKEN = re.compile(rb"\b[A-Za-z0-9]{64}\b")  # Masked tokens: 64 letters and digits.


def seen(client, url=DIRECTORY, **query) -> str:
    response = client.get(url, query)
    assert response.status_code == 200
    return response.content.decode()


def test_a_member_who_hides_their_profile_leaves_the_cached_directory_at_once(client):
    ana = member(name="Ana Public", visibility=Visibility.PUBLIC)
    assert "Ana Public" in seen(client)
    assert "Ana Public" in seen(client, q="ana")
    update_profile(profile=ana, data={"visibility": Visibility.HIDDEN})
    assert "Ana Public" not in seen(client)
    assert "Ana Public" not in seen(client, q="ana")


def test_a_lapsed_membership_leaves_the_cached_directory_and_api_at_once(client):
    membership = MembershipFactory(profile=MemberProfileFactory(name="Dan Lapsing"))
    membership.profile.visibility = Visibility.PUBLIC
    membership.profile.save()
    assert "Dan Lapsing" in seen(client)
    assert "Dan Lapsing" in seen(client, "/api/v1/members")
    run_daily_membership_jobs(today=membership.ends_on + datetime.timedelta(days=40))
    assert "Dan Lapsing" not in seen(client)
    assert "Dan Lapsing" not in seen(client, "/api/v1/members")


def test_new_themes_show_in_the_cached_theme_filter_at_once(client):
    ana = member(name="Ana Water", interest=["water"])
    assert "Ana Water" in seen(client, theme="water")
    assert "Ana Water" not in seen(client, theme="energy")
    ana.themes_of_interest.set(Theme.objects.filter(slug="energy"))
    assert "Ana Water" in seen(client, theme="energy")


def test_a_renamed_organization_shows_its_new_name_at_once(client):
    organization = OrganizationFactory(name="Urban Labs")
    member(organization=organization)
    assert "Urban Labs" in seen(client, ORGANIZATIONS)
    update_organization(organization=organization, data={"name": "Civic Labs"})
    page = seen(client, ORGANIZATIONS)
    assert "Civic Labs" in page
    assert "Urban Labs" not in page


def test_a_deploy_s_migrate_ends_the_cached_pages_built_by_the_code_before(client):
    seen(client)
    before = cache.get("page-cache:token:members:directory")
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert cache.get("page-cache:token:members:directory") not in (None, before)


def test_members_see_the_members_only_page_and_visitors_the_public_one(client):
    member(name="Bogdan Members", visibility=Visibility.MEMBERS)
    assert "Bogdan Members" not in seen(client)
    client.force_login(MemberProfileFactory(visibility=Visibility.HIDDEN).user)
    assert "Bogdan Members" in seen(client)
    client.logout()
    assert "Bogdan Members" not in seen(client)


@pytest.mark.parametrize("url", ["/api/v1/members", "/api/v1/organizations"])
def test_a_page_visitors_have_cached_never_lets_a_bad_token_in(client, url):
    member(organization=OrganizationFactory(name="Urban Labs"))
    assert "Urban Labs" in seen(client, url)  # Now cached for visitors, at this very path.
    refused = client.get(url, headers={"Authorization": "Bearer wrong"})
    assert refused.status_code == 401


def test_the_api_caches_one_page_per_audience_whoever_comes_first(client):
    member(name="Bogdan Members", visibility=Visibility.MEMBERS)
    signed_in = Client()
    signed_in.force_login(MemberProfileFactory(visibility=Visibility.HIDDEN).user)
    scripted = MemberProfileFactory(visibility=Visibility.HIDDEN).user
    ApiToken.objects.create(user=scripted, name="script", prefix="k", digest=hash_token("k" * 40))
    assert "Bogdan Members" in seen(signed_in, "/api/v1/members")
    assert "Bogdan Members" not in seen(client, "/api/v1/members")
    cache.clear()
    assert "Bogdan Members" not in seen(client, "/api/v1/members")
    assert "Bogdan Members" in seen(signed_in, "/api/v1/members")
    # The visitors' page is cached at this path: a token still names its member.
    by_token = client.get("/api/v1/members", headers={"Authorization": f"Bearer {'k' * 40}"})
    assert "Bogdan Members" in by_token.content.decode()


def test_a_refused_filter_is_refused_every_time(client):
    member(name="Ana Public")
    for _attempt in range(2):
        response = client.get("/api/v1/members", {"theme": "astrology"})
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["query", "theme"]


def test_two_members_get_the_same_page_but_for_their_csrf_tokens():
    # The cache keeps one page per audience: nothing else in it may depend on the person.
    member(name="Ana Public")
    pages = []
    for name in ("Ion One", "Eva Two"):
        client = Client()
        client.force_login(MemberProfileFactory(name=name, visibility=Visibility.HIDDEN).user)
        cache.clear()  # Each page built for its own person, not served from the other's.
        pages.append(CSRF_TOKEN.sub(b"TOKEN", client.get(DIRECTORY).content))
    assert b"Ana Public" in pages[0]
    assert pages[0] == pages[1]


def test_the_staff_page_keeps_its_export_button_and_members_never_see_it(client):
    member(name="Ana Public")
    client.force_login(UserFactory(is_staff=True))
    assert "Export CSV" in seen(client)
    client.force_login(MemberProfileFactory(visibility=Visibility.HIDDEN).user)
    assert "Export CSV" not in seen(client)


def test_a_member_can_post_with_the_token_of_a_page_built_for_another():
    member(name="Ana Public")
    someone = Client()
    someone.force_login(MemberProfileFactory(visibility=Visibility.HIDDEN).user)
    someone.get(DIRECTORY)  # Another member's visit builds the page.
    signed_in = Client(enforce_csrf_checks=True)
    signed_in.force_login(MemberProfileFactory(visibility=Visibility.HIDDEN).user)
    token = CSRF_INPUT.search(signed_in.get(DIRECTORY).content).group(1).decode()
    response = signed_in.post(
        reverse("accounts:set_language"),
        {"language": "ro", "next": DIRECTORY, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert "Membri" in seen(signed_in)  # The Romanian page, built and cached on its own.


def test_a_visitors_cached_page_sets_no_cookie_and_switches_language_by_get():
    member(name="Ana Public")
    Client().get(DIRECTORY)  # Someone else's visit builds the page.
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.get(DIRECTORY)
    assert response.cookies == {}
    assert b"csrfmiddlewaretoken" not in response.content
    assert b'method="get" class="language-form"' in response.content
    visitor.get(reverse("accounts:set_language"), {"language": "ro", "next": DIRECTORY})
    assert "Membri" in seen(visitor)


def test_without_redis_the_directory_is_built_afresh_and_edits_go_on(client, settings, caplog):
    # Nothing listens on port 1: every cache call fails at once, as in an outage.
    settings.CACHES = {
        "default": {
            "BACKEND": "wsco.core.redis_cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    ana = member(name="Ana Public", visibility=Visibility.PUBLIC)
    assert "Ana Public" in seen(client)
    update_profile(profile=ana, data={"visibility": Visibility.HIDDEN})
    assert "Ana Public" not in seen(client)
    assert "The cache is unreachable (get_many)" in caplog.text


def _rename_unannounced(profile, name: str) -> None:
    """Rename `profile` in the database without a signal: only pages built afresh show it.

    As a save would, it moves `updated_at`, which names the version of the kept card.
    """
    Profile.objects.filter(pk=profile.pk).update(name=name, updated_at=timezone.now())


def test_a_change_in_romania_ends_the_romanian_and_unfiltered_pages_but_not_the_german(client):
    ana = member(name="Ana Romania", country="RO", interest=["water"])
    hans = member(name="Hans Germany", country="DE", interest=["energy"])
    for query in ({}, {"country": "RO"}, {"country": "DE"}):
        seen(client, **query)  # Each page cached.
    _rename_unannounced(hans, "Hans Renamed")  # Shows only where a page is built again.
    update_profile(profile=ana, data={"title": "Engineer"})
    assert "Hans Renamed" in seen(client)  # The unfiltered first page: ended.
    assert "Engineer" in seen(client, country="RO")  # Ana's country: ended.
    german = seen(client, country="DE")
    assert "Hans Germany" in german  # Still the page cached before Ana's change.
    assert "Hans Renamed" not in german


def test_a_profile_moving_country_ends_the_pages_of_both_countries(client):
    ana = member(name="Ana Moving", country="RO")
    member(name="Hans Staying", country="DE")
    assert "Ana Moving" in seen(client, country="RO")
    assert "Ana Moving" not in seen(client, country="DE")
    update_profile(profile=ana, data={"country": "DE"})
    assert "Ana Moving" not in seen(client, country="RO")
    assert "Ana Moving" in seen(client, country="DE")


def test_a_theme_change_ends_the_pages_of_the_themes_lost_and_gained_only(client):
    ana = member(name="Ana Themes", interest=["water"])
    hans = member(name="Hans Energy", interest=["energy"])
    member(name="Ion Health", interest=["health"])
    for theme in ("water", "energy", "health"):
        seen(client, theme=theme)
    _rename_unannounced(hans, "Hans Renamed")
    ion = Profile.objects.get(name="Ion Health")
    _rename_unannounced(ion, "Ion Renamed")
    update_profile(profile=ana, data={}, themes_of_interest=Theme.objects.filter(slug="energy"))
    assert "Ana Themes" not in seen(client, theme="water")
    energy = seen(client, theme="energy")
    assert "Ana Themes" in energy
    assert "Hans Renamed" in energy  # Built again.
    assert "Ion Health" in seen(client, theme="health")  # Not ended: Ana never had health.


def test_a_card_shows_the_themes_given_without_saving_the_profile(client):
    # A card is kept under its profile's `updated_at`: a change of themes alone moves it.
    ana = member(name="Ana Themes", interest=["water"])
    member(name="Hans Energy", interest=["energy"])
    assert "Energy" not in _card(seen(client), "Ana Themes")
    before = Profile.objects.get(pk=ana.pk).updated_at
    ana.themes_of_interest.add(Theme.objects.get(slug="energy"))
    assert Profile.objects.get(pk=ana.pk).updated_at > before
    assert "Energy" in _card(seen(client), "Ana Themes")
    ana.themes_of_interest.clear()
    assert "Water" not in _card(seen(client), "Ana Themes")


def _card(page: str, name: str) -> str:
    """Return the card of `name` on a directory page."""
    start = page.index(name)
    return page[page.rindex('<li class="card">', 0, start) : page.index("</li>", start)]


def test_a_members_only_change_leaves_the_visitors_filtered_pages_cached(client):
    hans = member(name="Hans Public", country="DE")
    bogdan = member(name="Bogdan Members", country="DE", visibility=Visibility.MEMBERS)
    assert "Hans Public" in seen(client, country="DE")
    _rename_unannounced(hans, "Hans Renamed")
    update_profile(profile=bogdan, data={"title": "Engineer"})
    assert "Hans Public" in seen(client, country="DE")  # The visitors' page: not ended.
    update_profile(profile=bogdan, data={"visibility": Visibility.PUBLIC})
    page = seen(client, country="DE")  # Now public: it joins the visitors' page.
    assert "Bogdan Members" in page
    assert "Hans Renamed" in page


def test_a_filter_the_page_drops_as_invalid_ends_with_every_change(client):
    # The page drops the unknown theme and lists every German member, whatever their themes:
    # it depends on every change, not on the theme's (which no change ever names).
    ana = member(name="Ana Romania", country="RO")
    hans = member(name="Hans Germany", country="DE", interest=["energy"])
    assert "Hans Germany" in seen(client, country="DE", theme="astrology")
    _rename_unannounced(hans, "Hans Renamed")
    update_profile(profile=ana, data={"title": "Engineer"})
    assert "Hans Renamed" in seen(client, country="DE", theme="astrology")


def test_the_api_ends_only_the_pages_of_the_changed_profile_s_country(client):
    ana = member(name="Ana Romania", country="RO")
    hans = member(name="Hans Germany", country="DE")
    seen(client, "/api/v1/members", country="DE")
    seen(client, "/api/v1/members", country="RO")
    _rename_unannounced(hans, "Hans Renamed")
    update_profile(profile=ana, data={"title": "Engineer"})
    assert "Engineer" in seen(client, "/api/v1/members", country="RO")
    assert "Hans Germany" in seen(client, "/api/v1/members", country="DE")


def test_a_deleted_profile_leaves_the_pages_of_its_themes_at_once(client):
    ana = member(name="Ana Leaving", country="RO", interest=["water"])
    assert "Ana Leaving" in seen(client, theme="water")
    ana.user.delete()  # The account goes, and its profile and theme rows with it.
    assert "Ana Leaving" not in seen(client, theme="water")
