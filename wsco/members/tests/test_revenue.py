"""The secretariat's revenue and renewals by month: figures worked out by hand on a small set."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from wsco.members.models import Application, MembershipStatus, Payment
from wsco.members.revenue import last_months, monthly_figures
from wsco.members.tests.factories import MembershipFactory, ProfileFactory, UserFactory
from wsco.members.tests.membership_helpers import count_queries, individual

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)  # the window: July 2025 to June 2026
D = datetime.date


def paid(amount: str, on: datetime.date, currency: str = "EUR") -> Payment:
    # The period paid for lies far outside the window, so it counts only as money.
    membership = MembershipFactory(starts_on=D(2020, 1, 1), ends_on=D(2020, 12, 31))
    return Payment.objects.create(
        membership=membership,
        amount=Decimal(amount),
        currency=currency,
        paid_on=on,
        method=Payment.Method.BANK_TRANSFER,
    )


def test_the_window_is_the_twelve_months_up_to_today():
    months = last_months(TODAY)
    assert (len(months), months[0], months[-1]) == (12, D(2025, 7, 1), D(2026, 6, 1))
    assert last_months(D(2026, 1, 31))[0] == D(2025, 2, 1)


def test_fees_are_added_up_by_month_and_currency():
    paid("100.00", D(2025, 6, 30))  # the day before the window: left out
    paid("600.00", D(2025, 7, 1))  # its first day
    paid("120.00", D(2026, 6, 1))
    paid("1500.00", D(2026, 6, 10))
    paid("50.00", D(2026, 5, 5), currency="RON")
    paid("75.00", D(2026, 6, 16))  # after today: left out

    revenue = monthly_figures(TODAY).revenue

    assert list(revenue) == ["EUR", "RON"]
    eur, ron = revenue["EUR"], revenue["RON"]
    assert eur[0] == Decimal("600.00")
    assert eur[11] == Decimal("1620.00")  # 120.00 + 1500.00
    assert sum(eur[1:11]) == 0
    assert ron[10] == Decimal("50.00")  # May 2026
    assert sum(ron) == Decimal("50.00")


def test_memberships_are_counted_by_the_month_they_began_renewed_or_lapsed():
    # New in March 2026 (index 8): no application, or an application that renews nothing.
    MembershipFactory(starts_on=D(2026, 3, 1), ends_on=D(2027, 2, 28))
    # Renewed in April 2026 (index 9).
    old = MembershipFactory(starts_on=D(2025, 4, 10), ends_on=D(2026, 4, 9))
    renewal = Application.objects.create(
        profile=old.profile,
        membership_type=individual(),
        motivation="x",
        renewal_of=old,
        status="approved",
    )
    MembershipFactory(
        profile=old.profile,
        application=renewal,
        starts_on=D(2026, 4, 10),
        ends_on=D(2027, 4, 9),
    )
    # Lapsed: ended 31 January 2026, grace to 2 March, lapsed on 3 March (index 8).
    MembershipFactory(
        status=MembershipStatus.LAPSED, starts_on=D(2025, 2, 1), ends_on=D(2026, 1, 31)
    )
    # Cancelled in the window: neither begun nor lapsed.
    MembershipFactory(
        status=MembershipStatus.CANCELLED, starts_on=D(2026, 2, 1), ends_on=D(2027, 1, 31)
    )
    # Lapsing after today: not yet.
    MembershipFactory(
        status=MembershipStatus.LAPSED, starts_on=D(2025, 6, 1), ends_on=D(2026, 5, 31)
    )

    figures = monthly_figures(TODAY)

    assert figures.new == [0] * 8 + [1, 0, 0, 0]
    assert figures.renewed == [0] * 9 + [1, 0, 0]
    assert figures.lapsed == [0] * 8 + [1, 0, 0, 0]


def test_the_figures_take_two_queries(django_assert_num_queries):
    paid("120.00", D(2026, 6, 1))
    with django_assert_num_queries(2):
        monthly_figures(TODAY)


def staff_client(client):
    client.force_login(UserFactory(is_staff=True))
    return client


def test_staff_see_the_charts_and_their_tables(client):
    membership = MembershipFactory(
        starts_on=timezone.localdate(), ends_on=timezone.localdate() + datetime.timedelta(days=364)
    )
    Payment.objects.create(
        membership=membership,
        amount=Decimal("1234.50"),
        currency="EUR",
        paid_on=timezone.localdate(),
        method=Payment.Method.CARD,
    )

    page = staff_client(client).get(reverse("members:revenue")).content.decode()

    assert "Fees received in EUR" in page
    assert "1,234.50" in page
    assert "Memberships by month" in page
    assert page.count('<svg class="chart-svg"') == 2
    assert page.count('class="chart-table"') == 2


def test_without_fees_the_page_says_so(client):
    page = staff_client(client).get(reverse("members:revenue")).content.decode()
    assert "No fee was recorded in the last 12 months." in page
    assert page.count('<svg class="chart-svg"') == 1


def test_only_staff_see_the_revenue(client):
    url = reverse("members:revenue")
    assert client.get(url)["Location"].startswith(reverse("account_login"))
    client.force_login(ProfileFactory().user)
    assert client.get(url).status_code == 403


def test_the_page_needs_the_same_queries_for_one_payment_or_many(client):
    staff_client(client)
    today = timezone.localdate()
    paid("120.00", today)
    url = reverse("members:revenue")
    client.get(url)
    one = count_queries(lambda: client.get(url))
    for months_ago in range(1, 6):
        paid("10.00", today - datetime.timedelta(days=30 * months_ago), currency="RON")
        MembershipFactory(starts_on=today - datetime.timedelta(days=30 * months_ago))

    several = count_queries(lambda: client.get(url))

    assert several == one
