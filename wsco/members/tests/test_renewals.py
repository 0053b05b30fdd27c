"""Payments, periods, renewals, reminders and lapses."""

import datetime
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError
from django.utils import timezone

from wsco.core.tests.constraints import violates
from wsco.members.models import (
    Application,
    ApplicationStatus,
    Membership,
    MembershipStatus,
    Payment,
    Reminder,
)
from wsco.members.services.memberships import (
    approve_application,
    period_end,
    record_payment,
    renew_membership,
    run_daily_membership_jobs,
)
from wsco.members.tests.factories import MembershipFactory, ProfileFactory, UserFactory
from wsco.members.tests.membership_helpers import (
    individual,
    mail_to,
    signed_in,
    staff_user,
)

pytestmark = pytest.mark.django_db

day = datetime.date.fromisoformat


@pytest.mark.parametrize(
    ("starts_on", "months", "ends_on"),
    [
        # The same date `months` later is the next period's first day; this one ends the day before.
        ("2026-03-15", 12, "2027-03-14"),
        # 2027-01-31 exists, so the period ends on 2027-01-30.
        ("2026-01-31", 12, "2027-01-30"),
        # February has no 31st: one month on is 2026-02-28, so the period ends on 2026-02-27.
        ("2026-01-31", 1, "2026-02-27"),
        # 2025 has no 29 February: 2025-02-28 starts the next period.
        ("2024-02-29", 12, "2025-02-27"),
        # Across the year's end.
        ("2026-11-30", 3, "2027-02-27"),
    ],
)
def test_a_period_runs_for_calendar_months(starts_on, months, ends_on):
    assert period_end(day(starts_on), months) == day(ends_on)


def approved_membership(profile=None) -> Membership:
    application = Application.objects.create(
        profile=profile or ProfileFactory(), membership_type=individual(), motivation="x"
    )
    return approve_application(application=application, by=None)


def test_a_wrong_amount_is_refused_and_nothing_changes():
    membership = approved_membership()
    with pytest.raises(ValidationError, match=r"The fee is 120\.00 EUR") as error:
        record_payment(
            membership=membership,
            amount=Decimal("100.00"),
            currency="EUR",
            paid_on=day("2026-01-10"),
            method="bank_transfer",
            by=None,
        )
    assert error.value.message_dict["amount"] == ["The fee is 120.00 EUR; 100.00 was entered."]
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.AWAITING_PAYMENT
    assert not Payment.objects.exists()


# The fee of an individual membership is 120.00 EUR (migration 0002). `record_payment` takes the
# fee exactly: staff record what was paid, and a payment that is not the fee (less, or more, which
# would have to be refunded) is refused rather than recorded as settling it.
@pytest.mark.parametrize(
    ("amount", "accepted"),
    [("119.99", False), ("120.00", True), ("120.01", False), ("120", True)],
    ids=["one cent under", "the fee", "one cent over", "the fee without cents"],
)
def test_only_the_exact_fee_is_accepted(amount, accepted):
    membership = approved_membership()
    assert membership.fee_amount == Decimal("120.00")
    payment = {
        "amount": Decimal(amount),
        "currency": "EUR",
        "paid_on": day("2026-01-10"),
        "method": "bank_transfer",
        "by": None,
    }
    if accepted:
        record_payment(membership=membership, **payment)
    else:
        refusal = re.escape(f"The fee is 120.00 EUR; {amount} was entered")
        with pytest.raises(ValidationError, match=refusal):
            record_payment(membership=membership, **payment)
    membership.refresh_from_db()
    expected = MembershipStatus.ACTIVE if accepted else MembershipStatus.AWAITING_PAYMENT
    assert membership.status == expected
    assert Payment.objects.count() == (1 if accepted else 0)


def test_a_wrong_currency_is_shown_next_to_the_field(client):
    membership = approved_membership()
    signed_in(client, staff_user())
    response = client.post(
        f"/members/review/payments/{membership.pk}/",
        {"amount": "120.00", "currency": "USD", "paid_on": "2026-01-10", "method": "card"},
    )
    assert response.status_code == 400
    assert b"The fee is in EUR." in response.content
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.AWAITING_PAYMENT
    assert not Payment.objects.exists()
    assert not membership.profile.is_member


def test_a_membership_is_paid_only_once():
    membership = approved_membership()
    arguments = {
        "amount": Decimal("120.00"),
        "currency": "eur",
        "paid_on": day("2026-01-31"),
        "method": "cash",
        "by": None,
    }
    record_payment(membership=membership, **arguments)
    membership.refresh_from_db()
    assert (membership.starts_on, membership.ends_on) == (day("2026-01-31"), day("2027-01-30"))
    with pytest.raises(ValidationError, match="not awaiting payment"):
        record_payment(membership=membership, **arguments)
    assert Payment.objects.count() == 1


def test_renewing_a_current_membership_is_approved_at_once_and_loses_no_day(
    django_capture_on_commit_callbacks,
):
    profile = ProfileFactory(user=UserFactory(email="maria@example.org"))
    current = MembershipFactory(
        profile=profile, starts_on=day("2025-07-01"), ends_on=day("2026-06-30")
    )
    with django_capture_on_commit_callbacks(execute=True):
        application = renew_membership(
            membership=current, motivation="Renewal", by=profile.user, on=day("2026-06-20")
        )
    assert application.status == ApplicationStatus.APPROVED
    assert application.renewal_of == current
    renewal = application.memberships.get()
    assert renewal.status == MembershipStatus.AWAITING_PAYMENT
    assert "renewal" in mail_to(mail.outbox, "maria@example.org")[-1].subject.lower()
    # Paid ten days into the grace period: the new period still starts the day after the old one
    # ended, 2026-07-01, and runs 12 calendar months, to 2027-06-30.
    record_payment(
        membership=renewal,
        amount=Decimal("120.00"),
        currency="EUR",
        paid_on=day("2026-07-10"),
        method="bank_transfer",
        by=None,
    )
    renewal.refresh_from_db()
    assert (renewal.starts_on, renewal.ends_on) == (day("2026-07-01"), day("2027-06-30"))


def test_renewing_a_lapsed_membership_goes_to_the_review_queue():
    profile = ProfileFactory()
    lapsed = MembershipFactory(
        profile=profile,
        status=MembershipStatus.LAPSED,
        starts_on=day("2024-01-01"),
        ends_on=day("2024-12-31"),
    )
    application = renew_membership(
        membership=lapsed, motivation="Renewal", by=profile.user, on=day("2026-03-01")
    )
    assert application.status == ApplicationStatus.SUBMITTED
    assert not application.memberships.exists()
    renewal = approve_application(application=application, by=None)
    record_payment(
        membership=renewal,
        amount=Decimal("120.00"),
        currency="EUR",
        paid_on=day("2026-03-02"),
        method="card",
        by=None,
    )
    renewal.refresh_from_db()
    assert renewal.starts_on == day("2026-03-02")


def test_renewal_is_one_step_from_my_wsco(client):
    profile = ProfileFactory()
    current = MembershipFactory(profile=profile)  # Ends 264 days from today.
    Membership.objects.filter(pk=current.pk).update(
        ends_on=current.starts_on + datetime.timedelta(days=110)
    )  # Now it ends in 10 days, inside the renewal window.
    signed_in(client, profile.user)
    home = client.get("/members/me/")
    assert f"/members/me/renew/{current.pk}/".encode() in home.content
    form = client.get(f"/members/me/renew/{current.pk}/")
    assert b"approved at once" in form.content
    assert b"Renewal</textarea>" in form.content
    client.post(f"/members/me/renew/{current.pk}/", {"motivation": "Renewal"})
    renewal = Membership.objects.exclude(pk=current.pk).get()
    assert renewal.status == MembershipStatus.AWAITING_PAYMENT
    # Once renewed, the button is gone and a second renewal is refused.
    assert f"/members/me/renew/{current.pk}/".encode() not in client.get("/members/me/").content
    client.post(f"/members/me/renew/{current.pk}/", {"motivation": "Again"})
    assert Membership.objects.count() == 2


def test_nobody_renews_another_persons_membership(client):
    membership = MembershipFactory()
    signed_in(client, ProfileFactory().user)
    assert client.get(f"/members/me/renew/{membership.pk}/").status_code == 404


def renewable_membership(**fields) -> Membership:
    """Return a membership ending in 10 days: inside the renewal window."""
    today = timezone.localdate()
    return MembershipFactory(
        starts_on=today - datetime.timedelta(days=355),
        ends_on=today + datetime.timedelta(days=10),
        **fields,
    )


def test_the_renewal_service_refuses_anyone_but_the_holder():
    membership = renewable_membership()
    stranger = ProfileFactory().user
    with pytest.raises(ValidationError, match="Only the member or the organization"):
        renew_membership(membership=membership, motivation="Mine now", by=stranger)
    assert not Application.objects.filter(renewal_of=membership).exists()
    # The holder may: the refusal above was about who asked, not about the membership.
    renew_membership(membership=membership, motivation="Renewal", by=membership.profile.user)
    assert Application.objects.filter(renewal_of=membership).count() == 1


def test_a_person_covered_by_a_seat_does_not_renew_the_organizations_membership():
    from wsco.members.tests.factories import OrganizationFactory
    from wsco.members.tests.membership_helpers import corporate

    organization = OrganizationFactory()
    administrator = ProfileFactory(organization=organization)
    membership = renewable_membership(
        profile=administrator, organization=organization, membership_type=corporate()
    )
    covered = ProfileFactory(organization=organization)
    membership.seats.create(profile=covered)
    with pytest.raises(ValidationError, match="Only the member or the organization"):
        renew_membership(membership=membership, motivation="Renewal", by=covered.user)
    renew_membership(membership=membership, motivation="Renewal", by=administrator.user)
    assert Application.objects.filter(renewal_of=membership).count() == 1


def member_ending(ends_on: str, email="elena@example.org") -> Membership:
    profile = ProfileFactory(user=UserFactory(email=email), is_member=True)
    return MembershipFactory(
        profile=profile, starts_on=day(ends_on) - datetime.timedelta(days=364), ends_on=day(ends_on)
    )


def reminders_sent(email="elena@example.org") -> int:
    return len(mail_to(mail.outbox, email))


def test_reminders_come_on_their_days_and_only_once(django_capture_on_commit_callbacks):
    membership = member_ending("2026-06-30")
    # Worked out by hand: 30 days before 2026-06-30 is 2026-05-31; 30 days after is 2026-07-30.
    expected = {
        "2026-05-30": 0,
        "2026-05-31": 1,
        "2026-06-15": 1,
        "2026-06-29": 1,
        "2026-06-30": 2,
        "2026-07-01": 2,
        "2026-07-29": 2,
        "2026-07-30": 3,
    }
    for today, total in expected.items():
        with django_capture_on_commit_callbacks(execute=True):
            run_daily_membership_jobs(today=day(today))
            run_daily_membership_jobs(today=day(today))  # A second run the same day: nothing.
        assert reminders_sent() == total, today
    assert sorted(membership.reminders.values_list("days_before_end", flat=True)) == [-30, 0, 30]
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE
    assert membership.profile.is_member
    # The day after the last day of grace it lapses, and the person is no longer a member.
    with django_capture_on_commit_callbacks(execute=True):
        run_daily_membership_jobs(today=day("2026-07-31"))
    membership.refresh_from_db()
    membership.profile.refresh_from_db()
    assert membership.status == MembershipStatus.LAPSED
    assert not membership.profile.is_member
    assert reminders_sent() == 3


def test_a_missed_run_catches_up_without_stale_reminders(django_capture_on_commit_callbacks):
    membership = member_ending("2026-06-30")
    # Nothing ran from 2026-05-20 until 2026-07-05: the 30-days-before reminder is stale, and
    # only the one for the last day is sent, once.
    with django_capture_on_commit_callbacks(execute=True):
        run_daily_membership_jobs(today=day("2026-07-05"))
        run_daily_membership_jobs(today=day("2026-07-06"))
    assert reminders_sent() == 1
    assert list(membership.reminders.values_list("days_before_end", flat=True)) == [0]
    assert "ends today" in mail.outbox[0].subject


def test_a_renewed_membership_gets_no_reminder_for_the_old_period(
    django_capture_on_commit_callbacks,
):
    old = member_ending("2026-06-30")
    application = renew_membership(
        membership=old, motivation="Renewal", by=old.profile.user, on=day("2026-05-01")
    )
    renewal = application.memberships.get()
    record_payment(
        membership=renewal,
        amount=Decimal("120.00"),
        currency="EUR",
        paid_on=day("2026-05-01"),
        method="card",
        by=None,
    )
    sent = len(mail.outbox)
    for today in ("2026-05-31", "2026-06-30", "2026-07-30"):
        with django_capture_on_commit_callbacks(execute=True):
            run_daily_membership_jobs(today=day(today))
    assert len(mail.outbox) == sent
    assert not Reminder.objects.exists()
    # The old period lapses after its grace; the person stays a member through the new one.
    run_daily_membership_jobs(today=day("2026-07-31"))
    old.refresh_from_db()
    old.profile.refresh_from_db()
    assert old.status == MembershipStatus.LAPSED
    assert old.profile.is_member


def test_daily_command_says_what_it_did_and_is_safe_to_run_twice(
    django_capture_on_commit_callbacks,
):
    member_ending("2026-06-30")
    member_ending("2026-05-01", email="lapsing@example.org")  # Grace ended on 2026-05-31.
    output = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("memberships_daily", "--today", "2026-06-01", stdout=output)
    assert "Reminders sent 30 days before the end: 1" in output.getvalue()
    assert "Memberships lapsed: 1" in output.getvalue()
    output = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("memberships_daily", "--today", "2026-06-01", stdout=output)
    assert "Reminders sent 30 days before the end: 0" in output.getvalue()
    assert "Memberships lapsed: 0" in output.getvalue()
    assert len(mail.outbox) == 1


def test_a_paid_period_always_has_dates():
    with pytest.raises(IntegrityError, match="members_membership_paid_period_has_dates"):
        MembershipFactory(status=MembershipStatus.ACTIVE, starts_on=None, ends_on=None)


def test_an_application_makes_one_membership_at_most():
    membership = approved_membership()
    one_membership = violates(
        "members_one_membership_per_application", "members_membership.application_id"
    )
    with pytest.raises(IntegrityError, match=one_membership):
        MembershipFactory(application=membership.application, status=MembershipStatus.CANCELLED)


def test_payment_page_is_filled_in_with_the_fee(client):
    membership = approved_membership()
    signed_in(client, staff_user())
    page = client.get(f"/members/review/payments/{membership.pk}/")
    assert page.status_code == 200
    assert page.context["form"].initial["amount"] == Decimal("120.00")
    assert f"WSCO-{membership.pk:06d}".encode() in page.content
    active = MembershipFactory()
    response = client.get(f"/members/review/payments/{active.pk}/")
    assert response.status_code == 302
    assert response.url == "/members/review/payments/"
