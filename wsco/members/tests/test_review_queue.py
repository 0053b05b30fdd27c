"""The staff's review queue, the payments awaiting, and My WSCO: contents and query counts."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from wsco.members.models import (
    Application,
    ApplicationStatus,
    Membership,
    MembershipStatus,
    Seat,
)
from wsco.members.services.memberships import approve_application
from wsco.members.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    ProfileFactory,
    UserFactory,
)
from wsco.members.tests.membership_helpers import (
    corporate,
    count_queries,
    individual,
    signed_in,
    staff_user,
)

pytestmark = pytest.mark.django_db


def open_application(name: str, *, days_ago: int, status=ApplicationStatus.SUBMITTED, kind=None):
    organization = OrganizationFactory() if kind == "corporate" else None
    return Application.objects.create(
        profile=ProfileFactory(name=name, organization=organization),
        membership_type=corporate() if kind == "corporate" else individual(),
        organization=organization,
        motivation="x",
        status=status,
        submitted_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


@pytest.fixture
def staff_client(client):
    return signed_in(client, staff_user())


def test_queue_lists_open_applications_oldest_first_with_counts(staff_client):
    open_application("Newest", days_ago=1)
    open_application("Oldest", days_ago=9)
    open_application("Asked", days_ago=5, status=ApplicationStatus.INFO_REQUESTED)
    open_application("Decided", days_ago=20, status=ApplicationStatus.REJECTED)
    response = staff_client.get("/members/review/")
    names = [application.profile.name for application in response.context["page"]]
    assert names == ["Oldest", "Asked", "Newest"]
    assert response.context["counts"] == {
        "submitted": 2,
        "info_requested": 1,
        "open": 3,
        "awaiting_payment": 0,
    }


def test_queue_sorts_by_an_allowed_order_and_falls_back_on_anything_else(staff_client):
    open_application("Bianca", days_ago=1)
    open_application("Ana", days_ago=9)
    open_application("Carmen", days_ago=5)

    def names(sort):
        response = staff_client.get("/members/review/", {"sort": sort})
        return [application.profile.name for application in response.context["page"]]

    assert names("newest") == ["Bianca", "Carmen", "Ana"]
    assert names("name") == ["Ana", "Bianca", "Carmen"]
    oldest = ["Ana", "Carmen", "Bianca"]
    assert names("oldest") == oldest
    for unknown in ("-name", "profile__user__password", "name,pk", ""):
        assert names(unknown) == oldest


def test_payments_table_sorts_by_its_columns_either_way(staff_client):
    for name, days_ago in (("Bianca", 1), ("Ana", 3), ("Carmen", 2)):
        application = open_application(name, days_ago=days_ago)
        membership = approve_application(application=application, by=None)
        Membership.objects.filter(pk=membership.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=days_ago)
        )

    def names(sort):
        response = staff_client.get("/members/review/payments/", {"sort": sort})
        return [membership.profile.name for membership in response.context["page"]]

    assert names("member") == ["Ana", "Bianca", "Carmen"]
    assert names("-member") == ["Carmen", "Bianca", "Ana"]
    assert names("-approved") == ["Bianca", "Carmen", "Ana"]
    assert names("approved") == ["Ana", "Carmen", "Bianca"]
    for unknown in ("profile__user__password", "-reference", "fee,pk", ""):
        assert names(unknown) == ["Ana", "Carmen", "Bianca"]
    content = staff_client.get("/members/review/payments/", {"sort": "-member"}).content
    assert b'aria-sort="descending"' in content


def test_queue_filters_by_status_and_type(staff_client):
    open_application("Person", days_ago=3)
    open_application("Company", days_ago=2, kind="corporate")
    open_application("Asked", days_ago=1, status=ApplicationStatus.INFO_REQUESTED)
    by_status = staff_client.get("/members/review/", {"status": "info_requested"})
    assert [a.profile.name for a in by_status.context["page"]] == ["Asked"]
    by_type = staff_client.get("/members/review/", {"membership_type": corporate().pk})
    assert [a.profile.name for a in by_type.context["page"]] == ["Company"]


def test_empty_queue_says_so(staff_client):
    assert b"No open applications" in staff_client.get("/members/review/").content
    assert (
        b"No membership is awaiting payment"
        in staff_client.get("/members/review/payments/").content
    )


def test_queue_query_count_does_not_grow_with_rows(staff_client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request builds the whole page
    open_application("First", days_ago=1, kind="corporate")
    one = count_queries(lambda: staff_client.get("/members/review/"))
    for index in range(4):
        open_application(f"More {index}", days_ago=2 + index, kind="corporate")
    several = count_queries(lambda: staff_client.get("/members/review/"))
    assert one == several


def test_payments_page_lists_approved_memberships_with_constant_queries(staff_client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request builds the whole page
    approve_application(application=open_application("A", days_ago=1), by=None)
    one = count_queries(lambda: staff_client.get("/members/review/payments/"))
    for index in range(3):
        approve_application(application=open_application(f"B{index}", days_ago=1), by=None)
    response = staff_client.get("/members/review/payments/")
    several = count_queries(lambda: staff_client.get("/members/review/payments/"))
    assert one == several
    assert len(response.context["page"]) == 4
    assert b"120.00 EUR" in response.content


def test_my_wsco_for_a_new_account_invites_to_apply(client):
    signed_in(client, UserFactory())
    response = client.get("/members/me/")
    assert response.status_code == 200
    assert response.context["next_step"] == "apply"
    assert b"Apply to join" in response.content


def test_my_wsco_shows_membership_dates_and_days_left(client):
    profile = ProfileFactory(bio="Engineer", is_member=True)
    today = timezone.localdate()
    MembershipFactory(
        profile=profile,
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today + datetime.timedelta(days=90),
    )
    signed_in(client, profile.user)
    response = client.get("/members/me/")
    # My WSCO's own part comes rendered (kept in the page cache): its days left, 90, and
    # the next step "none".
    content = response.content.decode()
    assert content.count("<td>90</td>") == 1
    assert "You are a member in good standing. Nothing to do." in content


def test_my_wsco_shows_grace_and_offers_renewal(client):
    profile = ProfileFactory(is_member=True)
    today = timezone.localdate()
    MembershipFactory(
        profile=profile,
        starts_on=today - datetime.timedelta(days=370),
        ends_on=today - datetime.timedelta(days=5),
    )
    signed_in(client, profile.user)
    response = client.get("/members/me/")
    assert b"Your membership is ending. Renewing is one step" in response.content  # "renew"
    assert b"In grace period" in response.content


def test_my_wsco_asks_to_pay_an_approved_membership(client):
    application = open_application("Payer", days_ago=1)
    membership = approve_application(application=application, by=None)
    signed_in(client, application.profile.user)
    response = client.get("/members/me/")
    assert response.context["next_step"] == "pay"
    assert f"WSCO-{membership.pk:06d}".encode() in response.content


def my_wsco_queries(profile) -> int:
    client = signed_in(Client(), profile.user)
    return count_queries(lambda: client.get("/members/me/"))


def test_my_wsco_query_count_does_not_grow_with_rows(settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request builds the whole page
    organization = OrganizationFactory()
    administrator = ProfileFactory(organization=organization)
    membership = MembershipFactory(
        profile=administrator, membership_type=corporate(), organization=organization
    )
    Seat.objects.create(membership=membership, profile=administrator)
    Application.objects.create(
        profile=administrator,
        membership_type=corporate(),
        motivation="x",
        status=ApplicationStatus.APPROVED,
    )
    one = my_wsco_queries(administrator)
    for _index in range(3):
        Seat.objects.create(
            membership=membership, profile=ProfileFactory(organization=organization)
        )
        MembershipFactory(
            profile=administrator,
            membership_type=corporate(),
            organization=organization,
            status=MembershipStatus.LAPSED,
        )
        Application.objects.create(
            profile=administrator,
            membership_type=individual(),
            motivation="x",
            status=ApplicationStatus.REJECTED,
        )
    assert my_wsco_queries(administrator) == one
