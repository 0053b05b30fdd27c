"""A member's cached network pieces: every change to what they show ends them at once.

A write made behind the services' back (a queryset `update()` or `delete()`, which sends no
signal and marks nothing) shows whether a page was served from the cache.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from wsco.core.page_cache import CSRF_PLACEHOLDER
from wsco.members.models import Organization, OrganizationType, Profile
from wsco.members.services.profiles import update_organization, update_profile
from wsco.network import services
from wsco.network.models import Block, Connection, Suggestion
from wsco.network.tests.factories import connect, member

pytestmark = pytest.mark.django_db

PEOPLE = reverse("network:people_to_meet")
CONNECTIONS = reverse("network:connections")
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _member(interests=("transportation", "energy"), **fields) -> Profile:
    return member(interests=list(interests), **fields)


@pytest.fixture
def trio():
    """Ana (a city hall looking for sensors), Bogdan who offers them, Carol who also does."""
    ana = _member(organization_type=OrganizationType.CITY_HALL, looks_for="traffic sensors")
    bogdan = _member(offers="traffic sensors", name="Bogdan Ionescu")
    carol = _member(offers="traffic sensors", name="Carol Pop")
    services.rebuild_index()
    return ana, bogdan, carol


def page(profile, url=PEOPLE) -> str:
    client = Client()
    client.force_login(profile.user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def suggests(text: str, person: Profile) -> bool:
    return f'id="suggestion-{person.pk}"' in text


def test_suggestions_computed_again_end_the_member_s_cached_part(trio):
    ana, bogdan, _carol = trio
    assert suggests(page(ana), bogdan)
    Block.objects.bulk_create([Block(blocker=bogdan, blocked=ana)])  # Unannounced.
    assert suggests(page(ana), bogdan)  # Served from the cache.
    services.refresh_suggestions(profile_ids=[ana.pk])
    assert not suggests(page(ana), bogdan)


def test_the_index_rebuilt_ends_every_member_s_part(trio):
    ana, bogdan, _carol = trio
    assert suggests(page(ana), bogdan)
    Profile.objects.filter(pk=bogdan.pk).update(recommend_consent=False)  # Unannounced.
    assert suggests(page(ana), bogdan)  # Served from the cache.
    services.rebuild_index()
    assert not suggests(page(ana), bogdan)


def test_the_member_s_own_not_interested_ends_their_part(client, trio):
    ana, bogdan, _carol = trio
    client.force_login(ana.user)
    assert suggests(client.get(PEOPLE).content.decode(), bogdan)
    client.post(reverse("network:dismiss", args=[bogdan.pk]))
    text = client.get(PEOPLE).content.decode()
    assert not suggests(text, bogdan)
    assert "People you are not interested in" in text
    client.post(reverse("network:undismiss", args=[bogdan.pk]))
    # He comes back once his suggestion is computed again; the dismissal is gone at once.
    assert "People you are not interested in" not in client.get(PEOPLE).content.decode()


def test_the_member_s_own_request_ends_their_part(client, trio):
    ana, bogdan, _carol = trio
    client.force_login(ana.user)
    assert suggests(client.get(PEOPLE).content.decode(), bogdan)
    client.post(reverse("network:request", args=[bogdan.pk]), {"message": "Hello!"})
    assert not suggests(client.get(PEOPLE).content.decode(), bogdan)


def test_a_request_received_ends_the_recipient_s_part_and_counts_it(trio):
    ana, bogdan, _carol = trio
    assert "waiting for your answer" not in page(bogdan)
    services.request_introduction(sender=ana, recipient=bogdan, message="Hello!")
    text = page(bogdan)
    assert "One person is waiting for your answer." in text
    assert not suggests(text, ana)


def test_a_block_by_the_suggested_person_ends_the_member_s_part(trio):
    ana, bogdan, _carol = trio
    assert suggests(page(ana), bogdan)
    services.block_member(blocker=bogdan, blocked=ana)
    assert not suggests(page(ana), bogdan)


def test_a_connection_made_ends_both_parts(trio):
    ana, bogdan, _carol = trio
    assert suggests(page(ana), bogdan)
    assert "No connections yet" in page(bogdan, CONNECTIONS)
    connect(ana, bogdan)
    assert not suggests(page(ana), bogdan)
    assert ana.name in page(bogdan, CONNECTIONS)


def test_a_suggested_person_s_new_name_and_organization_show_at_once(trio):
    ana, bogdan, _carol = trio
    assert "Bogdan Ionescu" in page(ana)
    update_profile(profile=bogdan, data={"name": "Bogdan Popescu"})
    text = page(ana)
    assert "Bogdan Popescu" in text
    assert "Bogdan Ionescu" not in text
    update_organization(organization=bogdan.organization, data={"name": "Senzori Urbani SRL"})
    assert "Senzori Urbani SRL" in page(ana)


def test_another_member_s_change_leaves_a_member_s_part_cached(trio):
    ana, bogdan, carol = trio
    assert suggests(page(carol), ana)
    Suggestion.objects.filter(profile=carol).delete()  # Unannounced.
    services.dismiss_suggestion(profile=ana, dismissed=bogdan)  # Ends Ana's and Bogdan's.
    assert suggests(page(carol), ana)  # Carol's part stays as it was kept.


def test_the_cached_part_carries_each_visitor_s_own_csrf_token(trio):
    ana, bogdan, _carol = trio
    page(ana)  # Built and kept.
    client = Client(enforce_csrf_checks=True)
    client.force_login(ana.user)
    text = client.get(PEOPLE).content.decode()
    assert CSRF_PLACEHOLDER not in text
    token = CSRF_INPUT.search(text).group(1)
    response = client.post(
        reverse("network:dismiss", args=[bogdan.pk]), {"csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert not suggests(client.get(PEOPLE).content.decode(), bogdan)


def test_a_message_sent_reorders_both_connections_lists():
    ana, bogdan, carol = _member(), _member(), _member()
    older = connect(ana, bogdan)
    connect(ana, carol)
    Connection.objects.filter(pk=older.pk).update(created_at=older.created_at.replace(year=2020))
    text = page(ana, CONNECTIONS)
    assert text.index(carol.name) < text.index(bogdan.name)
    services.send_message(connection=older, sender=bogdan, body="Hello")
    text = page(ana, CONNECTIONS)
    assert text.index(bogdan.name) < text.index(carol.name)


def test_a_connection_s_new_email_shows_in_the_list_at_once():
    ana, bogdan = _member(), _member()
    connect(ana, bogdan)
    assert bogdan.user.email in page(ana, CONNECTIONS)
    bogdan.user.email = "bogdan.new@example.org"
    bogdan.user.save()
    assert "bogdan.new@example.org" in page(ana, CONNECTIONS)


def test_a_block_ends_the_connection_in_both_lists():
    ana, bogdan = _member(), _member()
    connect(ana, bogdan)
    assert bogdan.name in page(ana, CONNECTIONS)
    services.block_member(blocker=bogdan, blocked=ana)
    assert bogdan.name not in page(ana, CONNECTIONS)
    assert ana.name not in page(bogdan, CONNECTIONS)


def test_an_organization_s_new_name_shows_in_the_connections_list():
    ana, bogdan = _member(), _member()
    connect(ana, bogdan)
    assert bogdan.organization.name in page(ana, CONNECTIONS)
    Organization.objects.filter(pk=bogdan.organization_id).update(name="Unannounced")
    assert "Unannounced" not in page(ana, CONNECTIONS)  # Served from the cache.
    update_organization(organization=bogdan.organization, data={"name": "Orașul Verde"})
    assert "Orașul Verde" in page(ana, CONNECTIONS)


# The "People to meet" panel of My WSCO: kept whole (with its count of requests waiting) under
# the same data sets as the pieces above.
MY_WSCO = reverse("members:home")


def panel(profile) -> str:
    text = page(profile, MY_WSCO)
    start = text.index('aria-labelledby="panel-people-to-meet"')
    return text[start : text.index("</section>", start)]


def test_the_home_panel_is_kept_and_ended_by_suggestions_computed_again(trio):
    ana, bogdan, _carol = trio
    assert "Bogdan Ionescu" in panel(ana)
    Block.objects.bulk_create([Block(blocker=bogdan, blocked=ana)])  # Unannounced.
    assert "Bogdan Ionescu" in panel(ana)  # Served from the cache.
    services.refresh_suggestions(profile_ids=[ana.pk])
    assert "Bogdan Ionescu" not in panel(ana)


def test_a_request_received_shows_in_the_home_panel_and_its_count(trio):
    ana, bogdan, _carol = trio
    assert "waiting for your answer" not in panel(bogdan)
    services.request_introduction(sender=ana, recipient=bogdan, message="Hello!")
    assert "One person is waiting for your answer." in panel(bogdan)
    # Waiting requests count as work to do on the page.
    assert "Nothing to do" not in page(bogdan, MY_WSCO)


def test_a_suggested_person_s_new_name_shows_in_the_home_panel(trio):
    ana, bogdan, _carol = trio
    assert "Bogdan Ionescu" in panel(ana)
    update_profile(profile=bogdan, data={"name": "Bogdan Popescu"})
    assert "Bogdan Popescu" in panel(ana)


def test_another_member_s_change_leaves_a_member_s_home_panel_kept(trio):
    ana, bogdan, carol = trio
    assert "Bogdan Ionescu" in panel(carol) or "Ana" in panel(carol)
    before = panel(carol)
    Suggestion.objects.filter(profile=carol).delete()  # Unannounced.
    services.dismiss_suggestion(profile=ana, dismissed=bogdan)  # Ends Ana's and Bogdan's.
    assert panel(carol) == before
