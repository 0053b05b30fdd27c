"""Fees and payment dates in the reader's language, on the pages where staff record payments."""

import datetime
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone

from wsco.members.models import MembershipStatus
from wsco.members.tests.factories import MembershipFactory, UserFactory
from wsco.members.tests.membership_helpers import corporate, signed_in

pytestmark = pytest.mark.django_db


def awaiting_a_large_fee():
    # A fee above a thousand, so that the thousands separator shows.
    return MembershipFactory(
        membership_type=corporate(),
        fee_amount=Decimal("1234.50"),
        status=MembershipStatus.AWAITING_PAYMENT,
        starts_on=None,
        ends_on=None,
    )


@pytest.mark.parametrize(("language", "fee"), [("en", "1,234.50 EUR"), ("ro", "1.234,50 EUR")])
def test_the_fee_reads_in_the_language_on_the_payment_pages(client, language, fee):
    membership = awaiting_a_large_fee()
    signed_in(client, UserFactory(is_staff=True))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert fee in client.get("/members/review/payments/").content.decode()
    page = client.get(f"/members/review/payments/{membership.pk}/").content.decode()
    assert fee in page
    # The payment date's picker holds today in ISO, whatever the language.
    today = timezone.localdate().isoformat()
    assert re.search(rf'<input type="date" name="paid_on" value="{today}"', page)


def test_a_payment_recorded_in_romanian_keeps_its_date_and_says_the_period_in_romanian(client):
    membership = awaiting_a_large_fee()
    signed_in(client, UserFactory(is_staff=True))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ro"
    paid_on = timezone.localdate() - datetime.timedelta(days=1)
    answer = client.post(
        f"/members/review/payments/{membership.pk}/",
        {
            "amount": "1234.50",
            "currency": "EUR",
            "paid_on": paid_on.isoformat(),
            "method": "bank_transfer",
        },
        follow=True,
    )
    payment = membership.payments.get()
    assert (payment.amount, payment.paid_on) == (Decimal("1234.50"), paid_on)
    shown = answer.content.decode()
    membership.refresh_from_db()
    # The period is said as "6 decembrie 2026", never as ISO.
    assert membership.starts_on.isoformat() not in shown
    # The message is the catalogue's Romanian (locale/ro/LC_MESSAGES/django.po).
    months = "ianuarie|februarie|martie|aprilie|mai|iunie|iulie|august|septembrie|octombrie"
    day = rf"\d{{1,2}} ({months}|noiembrie|decembrie) \d{{4}}"
    assert re.search(rf"valabilă de la {day}\s+până la {day}\.", shown)
