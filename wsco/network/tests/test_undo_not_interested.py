""" "Not interested" can be undone: at once from the notice that follows it, or later from the
list of people set aside on the network's page."""

import pytest
from django.urls import reverse

from wsco.network import services
from wsco.network.models import DismissedSuggestion, Suggestion
from wsco.network.tests.factories import member
from wsco.network.tests.test_pages import pair  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed_pair(request):
    """The matching pair of the pages' tests, once the engine has suggested each to the other."""
    ana, bogdan = request.getfixturevalue("pair")
    services.rebuild_index()
    assert Suggestion.objects.filter(profile=ana, suggested=bogdan).exists()
    return ana, bogdan


def test_not_interested_offers_to_undo_it_right_after(client, indexed_pair):
    ana, bogdan = indexed_pair
    client.force_login(ana.user)

    response = client.post(reverse("network:dismiss", args=[bogdan.pk]), follow=True)

    page = response.content.decode()
    assert f"{bogdan.name} will not be suggested to you again." in page
    assert f'action="{reverse("network:undismiss", args=[bogdan.pk])}"' in page


def test_undo_restores_the_suggestion(client, indexed_pair, django_capture_on_commit_callbacks):
    ana, bogdan = indexed_pair
    client.force_login(ana.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("network:dismiss", args=[bogdan.pk]))
    assert not Suggestion.objects.filter(profile=ana, suggested=bogdan).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("network:undismiss", args=[bogdan.pk]))

    assert response.status_code == 302
    assert not DismissedSuggestion.objects.filter(profile=ana).exists()
    assert Suggestion.objects.filter(profile=ana, suggested=bogdan).exists()
    page = client.get(reverse("network:people_to_meet")).content.decode()
    assert f'id="suggestion-{bogdan.pk}"' in page


def test_the_network_page_lists_the_people_set_aside_each_to_restore(client, indexed_pair):
    ana, bogdan = indexed_pair
    carla = member()
    for person in (bogdan, carla):
        services.dismiss_suggestion(profile=ana, dismissed=person)
    client.force_login(ana.user)

    page = client.get(reverse("network:people_to_meet")).content.decode()

    assert "People you are not interested in" in page
    for person in (bogdan, carla):
        assert reverse("network:undismiss", args=[person.pk]) in page


def test_nobody_restores_someone_they_did_not_set_aside(client, indexed_pair):
    ana, bogdan = indexed_pair
    carla = member()
    services.dismiss_suggestion(profile=carla, dismissed=bogdan)
    client.force_login(ana.user)

    response = client.post(reverse("network:undismiss", args=[bogdan.pk]))
    api = client.post(f"/api/v1/network/suggestions/{bogdan.pk}/restore")

    assert (response.status_code, api.status_code) == (404, 404)
    assert DismissedSuggestion.objects.filter(profile=carla, dismissed=bogdan).exists()


def test_the_api_restores_a_dismissed_person(client, indexed_pair):
    ana, bogdan = indexed_pair
    services.dismiss_suggestion(profile=ana, dismissed=bogdan)
    client.force_login(ana.user)

    response = client.post(f"/api/v1/network/suggestions/{bogdan.pk}/restore")

    assert response.status_code == 204
    assert not DismissedSuggestion.objects.exists()


def test_restoring_twice_changes_nothing_the_second_time(indexed_pair):
    ana, bogdan = indexed_pair
    services.dismiss_suggestion(profile=ana, dismissed=bogdan)

    assert services.restore_suggestion(profile=ana, dismissed=bogdan) is True
    assert services.restore_suggestion(profile=ana, dismissed=bogdan) is False
