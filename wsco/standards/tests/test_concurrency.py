"""Requests that race on an act's status: the act's row lock serialises them.

See wsco/core/tests/concurrency.py for how the contenders run on PostgreSQL and on SQLite.
"""

import pytest

from wsco.core.tests.concurrency import contend, refusals, successes
from wsco.members.tests.factories import UserFactory
from wsco.notifications.models import Notification
from wsco.standards import services
from wsco.standards.models import Adoption, AdoptionStatus
from wsco.standards.tests.factories import StandardFactory, act

pytestmark = pytest.mark.django_db(transaction=True)


def copy(adoption: Adoption) -> Adoption:
    return Adoption.objects.select_related("standard").get(pk=adoption.pk)


def test_two_staff_repealing_an_act_at_once_repeal_it_once():
    standard = StandardFactory()
    follower = UserFactory()
    services.follow(user=follower, standard=standard)
    adoption = act(standard)
    first, second = UserFactory(is_staff=True), UserFactory(is_staff=True)
    outcomes = contend(
        [
            lambda: services.change_adoption_status(
                adoption=copy(adoption), step="repeal", by=first
            ),
            lambda: services.change_adoption_status(
                adoption=copy(adoption), step="repeal", by=second
            ),
        ]
    )
    assert len(successes(outcomes)) == 1
    assert refusals(outcomes) == ["This act is repealed."]
    adoption.refresh_from_db()
    assert adoption.status == AdoptionStatus.REPEALED
    assert adoption.events.filter(to_status=AdoptionStatus.REPEALED).count() == 1
    assert Notification.objects.filter(kind="standards.status_changed").count() == 1


def test_an_edit_racing_a_step_keeps_both():
    adoption = act(StandardFactory(), act_number="1/2024")
    staff = UserFactory(is_staff=True)
    outcomes = contend(
        [
            lambda: services.change_adoption_status(
                adoption=copy(adoption), step="adopt", by=staff
            ),
            lambda: services.edit_adoption(adoption=copy(adoption), by=staff, act_number="2/2024"),
        ]
    )
    assert len(successes(outcomes)) == 2
    adoption.refresh_from_db()
    # The edit never writes the status back from its stale copy (`save_details`).
    assert (adoption.status, adoption.act_number) == (AdoptionStatus.ADOPTED, "2/2024")
