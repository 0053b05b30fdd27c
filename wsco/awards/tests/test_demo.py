"""The awards' demo: two finished editions with winners, and this year's taking nominations."""

import pytest
from django.utils import timezone

from wsco.audits.tests.records import CityFactory
from wsco.awards import demo
from wsco.awards.models import (
    Edition,
    Nomination,
    NominationStatus,
    Phase,
    Placement,
    Secondment,
)
from wsco.certificates.models import Certificate
from wsco.members.models import OrganizationType, Profile
from wsco.members.tests.factories import OrganizationFactory, demo_context
from wsco.projects.tests.factories import project


@pytest.fixture
def seeded(db):
    """Run the awards demo over 30 current members, five projects, companies and cities."""
    context = demo_context()
    context.shared["profiles"] = list(Profile.objects.select_related("user"))
    for _ in range(5):
        project(published=True)
        OrganizationFactory(type=OrganizationType.COMPANY)
        CityFactory()
    demo.seed(context)
    return context


def test_the_demo_has_two_finished_editions_and_an_open_one(seeded):
    years = sorted(Edition.objects.values_list("year", flat=True))
    assert years == [2016, 2017, timezone.localdate().year]
    for year in (2016, 2017):
        edition = Edition.objects.get(year=year)
        assert edition.phase == Phase.ANNOUNCED
        assert edition.is_announced()
        # Three categories, each with its winner and two more finalists, all certified.
        placements = Placement.objects.filter(category__edition=edition)
        assert placements.filter(award="winner").count() == 3
        assert placements.count() == 9
        assert not placements.filter(certificate__isnull=True).exists()
    assert Certificate.objects.filter(kind="award_winner").count() == 6
    current = Edition.objects.get(year=timezone.localdate().year)
    assert current.phase == Phase.NOMINATIONS
    assert (
        Nomination.objects.filter(
            category__edition=current, status=NominationStatus.SUBMITTED
        ).exists()
        or not Nomination.objects.filter(category__edition=current).exists()
    )


def test_the_demo_seconds_nominations_by_the_rules(seeded):
    """Each past category's first nomination has two seconders: 2 editions x 3 categories x 2."""
    past = Secondment.objects.filter(nomination__category__edition__year__in=(2016, 2017))
    assert past.count() == 12
    for secondment in Secondment.objects.select_related("nomination"):
        assert secondment.seconder_id != secondment.nomination.nominator_id
        assert secondment.seconder_id not in secondment.nomination.nominee_user_ids()
        assert not secondment.nomination.category.assignments.filter(
            juror_id=secondment.seconder_id
        ).exists()
