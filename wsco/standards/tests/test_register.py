"""The library and the register: validation, history, status steps and what followers hear."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from wsco.audits.tests.records import CityFactory
from wsco.members.tests.factories import UserFactory
from wsco.notifications.models import Notification
from wsco.standards import services
from wsco.standards.models import AdoptionEvent, AdoptionStatus, AppliesTo, EditionStatus
from wsco.standards.tests.factories import StandardFactory, act, in_force, iso_37120

pytestmark = pytest.mark.django_db


def test_a_new_edition_marks_the_one_it_replaces():
    standard, earlier, later = iso_37120()
    assert earlier.status == EditionStatus.REPLACED
    assert earlier.replaced_by == later
    assert later.status == EditionStatus.CURRENT
    assert sorted(theme.slug for theme in standard.themes.all()) == ["economy", "water"]


def test_a_new_edition_must_come_after_the_one_it_replaces():
    standard, _earlier, later = iso_37120()
    with pytest.raises(ValidationError, match="comes after the one it replaces"):
        services.add_edition(standard=standard, year=2018 - 1, by=UserFactory(), replaces=later)


def test_one_catalogue_edition_belongs_to_one_edition_only():
    iso_37120()
    with pytest.raises(ValidationError, match="already takes this catalogue") as refused:
        services.add_edition(
            standard=StandardFactory(), year=2020, by=UserFactory(), catalogue_key="ISO37120:2018"
        )
    assert "catalogue_key" in refused.value.message_dict


def test_withdrawing_an_edition_dates_it_and_refuses_twice():
    standard = StandardFactory()
    edition = services.add_edition(
        standard=standard, year=2019, by=UserFactory(), published_on=date(2019, 5, 1)
    )
    services.withdraw_edition(edition=edition, by=UserFactory(), on=date(2023, 1, 2))
    edition.refresh_from_db()
    assert (edition.status, edition.withdrawn_on) == (EditionStatus.WITHDRAWN, date(2023, 1, 2))
    with pytest.raises(ValidationError, match="already withdrawn"):
        services.withdraw_edition(edition=edition, by=UserFactory())


def test_an_edition_is_not_withdrawn_before_it_is_published():
    edition = services.add_edition(
        standard=StandardFactory(), year=2019, by=UserFactory(), published_on=date(2019, 5, 1)
    )
    with pytest.raises(ValidationError, match="withdrawn after it is published"):
        services.withdraw_edition(edition=edition, by=UserFactory(), on=date(2019, 4, 30))
    # The day itself is allowed: a standard withdrawn on the day it came out.
    services.withdraw_edition(edition=edition, by=UserFactory(), on=date(2019, 5, 1))


def test_recording_an_act_keeps_its_first_history_row():
    staff = UserFactory(is_staff=True)
    adoption = act(StandardFactory(), by=staff, act_number="12/2024", comment="From the gazette")
    event = adoption.events.get()
    assert (event.action, event.to_status, event.by, event.comment) == (
        AdoptionEvent.Action.RECORDED,
        AdoptionStatus.PROPOSED,
        staff,
        "From the gazette",
    )


def test_an_act_number_is_unique_per_country_not_across_countries():
    standard = StandardFactory()
    act(standard, act_number="12/2024")
    with pytest.raises(ValidationError, match="already recorded for Romania") as refused:
        act(standard, act_number="12/2024", title="Another law")
    assert refused.value.message_dict["act_number"] == [
        "An act numbered 12/2024 is already recorded for Romania."
    ]
    # The same number in another country is another act.
    act(standard, act_number="12/2024", country="MD")


def test_dates_out_of_order_are_refused_on_the_later_field():
    with pytest.raises(ValidationError, match="cannot be before") as refused:
        act(StandardFactory(), proposed_on=date(2024, 3, 1), adopted_on=date(2024, 2, 29))
    assert list(refused.value.message_dict) == ["adopted_on"]
    assert "2024-03-01" in refused.value.message_dict["adopted_on"][0]


def test_the_same_day_keeps_the_order():
    adoption = act(StandardFactory(), proposed_on=date(2024, 3, 1), adopted_on=date(2024, 3, 1))
    assert adoption.pk


def test_an_official_link_must_be_a_web_address():
    with pytest.raises(ValidationError, match="valid URL") as refused:
        act(StandardFactory(), official_url="gazette no. 12")
    assert list(refused.value.message_dict) == ["official_url"]


def test_a_population_rule_needs_its_population():
    with pytest.raises(ValidationError, match="population from which") as refused:
        act(StandardFactory(), applies_to=AppliesTo.MUNICIPALITIES_ABOVE)
    assert list(refused.value.message_dict) == ["min_population"]


def test_a_city_of_another_country_is_refused():
    with pytest.raises(ValidationError, match="is not in Romania") as refused:
        act(StandardFactory(), city=CityFactory(country="BG"), applies_to=AppliesTo.NAMED_CITY)
    assert "is not in" in refused.value.message_dict["city"][0]


def test_an_edition_of_another_standard_is_refused():
    _standard, _earlier, later = iso_37120()
    with pytest.raises(ValidationError, match="is not an edition of") as refused:
        act(StandardFactory(), edition=later)
    assert list(refused.value.message_dict) == ["edition"]


def test_a_refused_act_leaves_nothing_behind():
    with pytest.raises(ValidationError, match="valid URL"):
        act(StandardFactory(), official_url="not a link")
    assert AdoptionEvent.objects.count() == 0


def test_an_edit_keeps_each_changed_field_old_and_new():
    adoption = act(StandardFactory(), act_number="12/2024")
    services.edit_adoption(
        adoption=adoption, by=UserFactory(is_staff=True), act_number="13/2024", title=adoption.title
    )
    event = adoption.events.get(action=AdoptionEvent.Action.EDITED)
    # The title was given unchanged: only the number is a change.
    assert event.changes == {"act_number": ["12/2024", "13/2024"]}


def test_an_edit_that_changes_nothing_writes_no_history():
    adoption = act(StandardFactory())
    services.edit_adoption(adoption=adoption, by=UserFactory(), title=adoption.title)
    assert adoption.events.count() == 1


def test_status_steps_date_their_field_and_keep_the_history():
    adoption = act(StandardFactory(), proposed_on=date(2024, 1, 10))
    staff = UserFactory(is_staff=True)
    services.change_adoption_status(adoption=adoption, step="adopt", on=date(2024, 3, 1), by=staff)
    in_force(adoption, on=date(2024, 6, 1))
    services.change_adoption_status(adoption=adoption, step="repeal", on=date(2025, 1, 1), by=staff)
    adoption.refresh_from_db()
    assert adoption.status == AdoptionStatus.REPEALED
    assert (adoption.adopted_on, adoption.in_force_on, adoption.repealed_on) == (
        date(2024, 3, 1),
        date(2024, 6, 1),
        date(2025, 1, 1),
    )
    steps = list(adoption.events.filter(action="status").values_list("from_status", "to_status"))
    assert steps == [("proposed", "adopted"), ("adopted", "in_force"), ("in_force", "repealed")]


def test_a_step_dated_before_the_previous_one_is_refused_and_not_taken():
    adoption = act(StandardFactory(), proposed_on=date(2024, 1, 10))
    with pytest.raises(ValidationError, match="cannot be before"):
        services.change_adoption_status(
            adoption=adoption, step="adopt", on=date(2024, 1, 9), by=UserFactory()
        )
    adoption.refresh_from_db()
    assert (adoption.status, adoption.adopted_on) == (AdoptionStatus.PROPOSED, None)


def test_a_repealed_act_cannot_come_into_force():
    adoption = act(StandardFactory())
    services.change_adoption_status(adoption=adoption, step="repeal", by=UserFactory())
    with pytest.raises(ValidationError, match="This act is repealed"):
        in_force(adoption)


def test_followers_of_the_standard_and_of_the_country_are_told_once_each():
    standard = StandardFactory(reference="ISO 37101")
    of_standard, of_country, of_both, of_other = (UserFactory() for _ in range(4))
    services.follow(user=of_standard, standard=standard)
    services.follow(user=of_country, country="RO")
    services.follow(user=of_both, standard=standard)
    services.follow(user=of_both, country="RO")
    services.follow(user=of_other, country="BG")
    adoption = act(standard, title="Law 5")
    told = Notification.objects.filter(kind="standards.new_adoption")
    assert sorted(told.values_list("recipient", flat=True)) == sorted(
        [of_standard.pk, of_country.pk, of_both.pk]
    )
    assert told.first().url == adoption.get_absolute_url()
    in_force(adoption)
    changed = Notification.objects.filter(kind="standards.status_changed")
    assert changed.count() == 3
    assert not changed.filter(recipient=of_other).exists()


def test_following_twice_is_one_follow_and_unfollowing_ends_it():
    user, standard = UserFactory(), StandardFactory()
    first = services.follow(user=user, standard=standard)
    assert services.follow(user=user, standard=standard) == first
    assert services.unfollow(user=user, standard=standard) == 1
    assert services.unfollow(user=user, standard=standard) == 0


def test_a_new_edition_tells_the_followers_of_its_standard():
    standard = StandardFactory(reference="ISO 37122")
    follower = UserFactory()
    services.follow(user=follower, standard=standard)
    services.add_edition(standard=standard, year=2019, by=UserFactory())
    notification = Notification.objects.get(recipient=follower)
    assert notification.title == "ISO 37122:2019: a new edition of ISO 37122"
