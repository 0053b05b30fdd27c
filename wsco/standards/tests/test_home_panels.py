"""The home page's panels: news of what a member follows, and an official's cities' obligations."""

import pytest
from django.urls import reverse

from wsco.audits.models import AuditStatus
from wsco.audits.tests.records import AuditFactory, CityFactory, official_of
from wsco.members.tests.factories import current_member
from wsco.standards import services
from wsco.standards.tests.factories import StandardFactory, act, in_force, iso_37120

pytestmark = pytest.mark.django_db


def home(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("members:home")).content.decode()


def test_a_follower_sees_the_news_of_what_they_follow_newest_first(client):
    member = current_member().user
    standard = StandardFactory(reference="ISO 37104")
    services.follow(user=member, standard=standard)
    act(standard, title="First law")
    act(standard, title="Second law", country="BG")
    page = home(client, member)
    assert "Standards you follow" in page
    assert page.index("Second law") < page.index("First law")


def test_nobody_following_anything_gets_no_panel(client):
    assert "Standards you follow" not in home(client, current_member().user)


def test_an_official_sees_how_much_of_the_law_their_city_covers(client):
    standard, _earlier, later = iso_37120()
    city = CityFactory(name="Arad", population=150_000)
    in_force(act(standard, edition=later, title="Indicators"))
    in_force(act(StandardFactory(reference="ISO 37101"), title="Management"))
    AuditFactory(city=city, editions="ISO37120:2018", status=AuditStatus.PUBLISHED)
    page = home(client, official_of(city))
    # ISO 37120 is covered by the published audit; ISO 37101 is measured by no audit.
    assert "Arad</a>: 1 of 2 obligations covered" in page
