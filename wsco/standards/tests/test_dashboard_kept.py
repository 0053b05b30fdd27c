"""The standards panels of My WSCO, kept per person until what they show changes: the news of
what a person follows until their follows, their notifications or the library change; the
obligations panel, which shows nothing to someone who acts for no city, until a city's
officials change."""

import pytest

from wsco.audits.models import AuditStatus, CityOfficial
from wsco.audits.services.audits import name_official, remove_official
from wsco.audits.tests.records import AuditFactory, CityFactory, official_of, person
from wsco.members.tests.factories import UserFactory, current_member
from wsco.members.tests.my_wsco import my_wsco, panel_of, queries_of
from wsco.notifications.personal_data import erase_notifications
from wsco.standards import services
from wsco.standards.models import Follow
from wsco.standards.tests.factories import StandardFactory, act, in_force, iso_37120

pytestmark = pytest.mark.django_db

NEWS_TABLES = ('"standards_', '"notifications_notification"')
OBLIGATIONS_TABLES = ('"audits_',)


# The news of what a person follows ---------------------------------------------------------


def test_the_news_panel_is_read_once_then_kept(client):
    member = current_member().user
    standard = StandardFactory(reference="ISO 37104")
    services.follow(user=member, standard=standard)
    act(standard, title="First law")
    client.force_login(member)
    assert queries_of(client, NEWS_TABLES) != []
    assert queries_of(client, NEWS_TABLES) == []
    shown = panel_of(client, "standards")
    assert "ISO 37104" in shown
    assert "First law" in shown


def _follow_another(world):
    services.follow(user=world["person"], standard=StandardFactory(reference="ISO 37122"))


def _follow_a_country(world):
    services.follow(user=world["person"], country="BG")


def _unfollow(world):
    services.unfollow(user=world["person"], standard=world["standard"])


def _news(world):
    act(world["standard"], title="Law on smart lighting")


def _news_of_the_country(world):
    act(StandardFactory(), title="Law on smart lighting", country="BG")


def _erase(world):
    erase_notifications(world["person"])


def _rename(world):
    services.save_standard(
        by=UserFactory(is_staff=True), standard=world["standard"], reference="ISO 37104:2025"
    )


def _rename_in_the_admin(world):
    world["standard"].reference = "ISO 37104:2025"
    world["standard"].save()


def _give_follow_to_someone_else(world):
    follow = Follow.objects.get(user=world["person"])
    follow.user = UserFactory()
    follow.save()


# Each change, and a text the panel shows after it (True) or no longer shows (False). The
# world: the person follows ISO 37104 and Bulgaria has no act yet; they were told of "First
# law".
NEWS_CHANGES = {
    "standard followed": (_follow_another, "ISO 37122", True),
    "country followed": (_follow_a_country, "Bulgaria", True),
    "standard no longer followed": (_unfollow, "ISO 37104", False),
    "news of a followed standard": (_news, "Law on smart lighting", True),
    "notifications erased": (_erase, "First law", False),
    "standard's reference changed": (_rename, "ISO 37104:2025", True),
    "standard's reference changed in the admin": (_rename_in_the_admin, "ISO 37104:2025", True),
    "follow given to someone else": (_give_follow_to_someone_else, "ISO 37104", False),
}


@pytest.mark.parametrize("change", NEWS_CHANGES)
def test_a_change_to_the_news_panel_shows_at_once(client, change):
    member = current_member().user
    standard = StandardFactory(reference="ISO 37104")
    services.follow(user=member, standard=standard)
    act(standard, title="First law")
    client.force_login(member)
    before = panel_of(client, "standards")
    do, text, shown = NEWS_CHANGES[change]
    assert (text in before) is not shown
    assert queries_of(client, NEWS_TABLES) == []

    do({"person": member, "standard": standard})

    assert (text in panel_of(client, "standards")) is shown


def test_news_of_a_followed_country_shows_at_once(client):
    member = current_member().user
    services.follow(user=member, country="BG")
    client.force_login(member)
    assert "Law on smart lighting" not in panel_of(client, "standards")
    _news_of_the_country({})
    assert "Law on smart lighting" in panel_of(client, "standards")


def test_another_persons_follow_leaves_the_kept_panel(client):
    member = current_member().user
    standard = StandardFactory()
    services.follow(user=member, standard=standard)
    client.force_login(member)
    my_wsco(client)
    services.follow(user=UserFactory(), standard=standard)
    assert queries_of(client, NEWS_TABLES) == []


# The obligations of an official's cities ----------------------------------------------------


@pytest.fixture
def obligations():
    """A city, Arad, that must meet two acts in force, of which its published audit covers one."""
    standard, _earlier, later = iso_37120()
    city = CityFactory(name="Arad", population=150_000)
    in_force(act(standard, edition=later, title="Indicators"))
    in_force(act(StandardFactory(reference="ISO 37101"), title="Management"))
    AuditFactory(city=city, editions="ISO37120:2018", status=AuditStatus.PUBLISHED)
    return city


COVERED = "Arad</a>: 1 of 2 obligations covered"


def test_someone_who_acts_for_no_city_asks_nothing_the_second_time(client, obligations):
    official_of(obligations)
    client.force_login(current_member().user)
    assert queries_of(client, OBLIGATIONS_TABLES) != []
    assert queries_of(client, OBLIGATIONS_TABLES) == []
    assert panel_of(client, "obligations") == ""


def test_an_officials_panel_is_built_every_time(client, obligations):
    client.force_login(official_of(obligations))
    my_wsco(client)
    assert queries_of(client, OBLIGATIONS_TABLES) != []
    assert COVERED in panel_of(client, "obligations")


def _name(city, user):
    name_official(city=city, user=user, by=person(staff=True))


def _add(city, user):
    city.officials.add(user, through_defaults={})


def _save_row(city, user):
    CityOfficial.objects.create(city=city, user=user)


@pytest.mark.parametrize("make_official", [_name, _add, _save_row])
def test_someone_named_an_official_sees_the_panel_at_once(client, obligations, make_official):
    member = current_member().user
    client.force_login(member)
    assert panel_of(client, "obligations") == ""
    assert queries_of(client, OBLIGATIONS_TABLES) == []

    make_official(obligations, member)

    assert COVERED in panel_of(client, "obligations")


def _remove(city, user):
    remove_official(city=city, user=user, by=person(staff=True))


def _remove_through_the_city(city, user):
    city.officials.remove(user)


def _clear_the_city(city, _user):
    city.officials.clear()


@pytest.mark.parametrize("unmake_official", [_remove, _remove_through_the_city, _clear_the_city])
def test_an_official_no_longer_one_loses_the_panel_and_is_kept_again(
    client, obligations, unmake_official
):
    official = official_of(obligations)
    client.force_login(official)
    assert COVERED in panel_of(client, "obligations")

    unmake_official(obligations, official)

    assert panel_of(client, "obligations") == ""
    assert queries_of(client, OBLIGATIONS_TABLES) == []
