"""Every payment gets a numbered invoice: its number, both parties, net, VAT and total, the PDF,
who may download it, and the email that sends it."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from wsco.members import billing
from wsco.members.models import Invoice, InvoiceSequence, MembershipKind, Payment
from wsco.members.page_parts import home_changed
from wsco.members.services.invoices import issue_invoice
from wsco.members.services.memberships import record_payment
from wsco.members.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    ProfileFactory,
    UserFactory,
    membership_type,
)
from wsco.members.tests.membership_helpers import count_queries, mail_to, staff_user
from wsco.settings import env_decimal

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


@pytest.fixture(autouse=True)
def organization_details(settings):
    settings.WSCO_LEGAL_NAME = "WSCO Association"
    settings.WSCO_ADDRESS = "Strada Demo 1, București"
    settings.WSCO_VAT_ID = "RO11111111"
    settings.WSCO_VAT_RATE = Decimal("21")
    settings.WSCO_INVOICE_PREFIX = "WSCO"
    return settings


def pay(membership, **fields):
    """Record the fee of `membership` as paid today by bank transfer."""
    return record_payment(
        membership=membership,
        amount=membership.fee_amount,
        currency=membership.fee_currency,
        paid_on=timezone.localdate(),
        method=Payment.Method.BANK_TRANSFER,
        by=None,
        **fields,
    )


def recorded(membership, *, on=None) -> Payment:
    """Return a payment of `membership`'s fee recorded without an invoice (as before them)."""
    return Payment.objects.create(
        membership=membership,
        amount=membership.fee_amount,
        currency="EUR",
        paid_on=on or membership.starts_on,
        method=Payment.Method.CARD,
    )


# The arithmetic, worked out by hand -------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "rate", "net", "vat"),
    [
        # 120.00 / 1.21 = 99.1735…, down to 99.17; VAT 120.00 - 99.17 = 20.83.
        ("120.00", "21", "99.17", "20.83"),
        # 1500.00 / 1.19 = 1260.5042…, down to 1260.50; VAT 239.50.
        ("1500.00", "19", "1260.50", "239.50"),
        # 120.03 / 1.20 = 100.025 exactly: half up gives 100.03 (half to even would give 100.02).
        ("120.03", "20", "100.03", "20.00"),
        # 0.03 / 1.20 = 0.025: half up to 0.03, no VAT left.
        ("0.03", "20", "0.03", "0.00"),
        # No VAT: the net is the total.
        ("900.00", "0", "900.00", "0.00"),
    ],
)
def test_a_fee_splits_into_net_and_vat_rounded_half_up(total, rate, net, vat):
    split = billing.split_vat(Decimal(total), Decimal(rate))
    assert (split.net, split.vat, split.total) == (Decimal(net), Decimal(vat), Decimal(total))
    assert split.net + split.vat == split.total


@pytest.mark.parametrize("rate", ["0", "99.99", "21"])
def test_a_rate_from_0_to_under_100_is_used(settings, rate):
    settings.WSCO_VAT_RATE = Decimal(rate)
    assert billing.vat_rate() == Decimal(rate)


@pytest.mark.parametrize("rate", ["-0.01", "100"])
def test_a_rate_outside_0_to_100_is_refused(settings, rate):
    settings.WSCO_VAT_RATE = Decimal(rate)
    with pytest.raises(ValueError, match="is not a percentage from 0 to under 100"):
        billing.vat_rate()


def test_the_rate_is_read_from_the_environment_as_an_exact_decimal(monkeypatch):
    monkeypatch.setenv("WSCO_VAT_RATE", " 9.5 ")
    assert env_decimal("WSCO_VAT_RATE", "0") == Decimal("9.5")
    monkeypatch.setenv("WSCO_VAT_RATE", "")
    assert env_decimal("WSCO_VAT_RATE", "21") == Decimal("21")
    monkeypatch.setenv("WSCO_VAT_RATE", "21%")
    with pytest.raises(ImproperlyConfigured, match=r"WSCO_VAT_RATE='21%' is not a decimal"):
        env_decimal("WSCO_VAT_RATE", "0")


# Issuing ------------------------------------------------------------------------------------


def test_recording_a_payment_issues_its_invoice_with_both_parties_and_the_vat():
    profile = ProfileFactory(name="Ana Pop", city="Cluj-Napoca", country="RO")
    membership = MembershipFactory(
        awaiting_payment=True, profile=profile, fee_amount=Decimal("120.00")
    )

    payment = pay(membership, invoice_note="Order 42")

    invoice = Invoice.objects.get(payment=payment)
    assert invoice.number == f"WSCO-{YEAR}-000001"
    assert (invoice.year, invoice.sequence) == (YEAR, 1)
    assert invoice.issued_on == timezone.localdate()
    assert (invoice.seller_name, invoice.seller_address, invoice.seller_vat_id) == (
        "WSCO Association",
        "Strada Demo 1, București",
        "RO11111111",
    )
    assert (invoice.buyer_name, invoice.buyer_address, invoice.buyer_vat_id) == (
        "Ana Pop",
        "Cluj-Napoca, Romania",
        "",
    )
    assert invoice.description == "Individual membership, 12 months"
    assert invoice.note == "Order 42"
    amounts = (invoice.net_amount, invoice.vat_rate, invoice.vat_amount, invoice.total_amount)
    assert amounts == (Decimal("99.17"), Decimal("21"), Decimal("20.83"), Decimal("120.00"))
    assert invoice.currency == "EUR"


def test_an_organization_is_invoiced_at_its_billing_address_with_its_vat_number():
    organization = OrganizationFactory(
        name="Tramways SA", billing_address="Bulevardul 2\nTimișoara", vat_id="RO22222222"
    )
    membership = MembershipFactory(
        awaiting_payment=True,
        organization=organization,
        membership_type=membership_type(MembershipKind.CORPORATE),
        fee_amount=Decimal("1500.00"),
    )

    invoice = pay(membership).invoice

    assert (invoice.buyer_name, invoice.buyer_address, invoice.buyer_vat_id) == (
        "Tramways SA",
        "Bulevardul 2\nTimișoara",
        "RO22222222",
    )


def test_an_organization_without_a_billing_address_is_invoiced_at_its_city():
    organization = OrganizationFactory(city="Iași", country="RO", billing_address="", vat_id="")
    membership = MembershipFactory(
        awaiting_payment=True,
        organization=organization,
        membership_type=membership_type(MembershipKind.CORPORATE),
    )

    invoice = pay(membership).invoice

    assert (invoice.buyer_address, invoice.buyer_vat_id) == ("Iași, Romania", "")


def test_invoices_are_numbered_one_after_another_and_again_from_one_each_year():
    first = pay(MembershipFactory(awaiting_payment=True)).invoice
    second = pay(MembershipFactory(awaiting_payment=True)).invoice
    new_year = datetime.date(YEAR + 1, 1, 1)
    third = issue_invoice(payment=recorded(MembershipFactory(), on=new_year), on=new_year)

    assert [first.number, second.number, third.number] == [
        f"WSCO-{YEAR}-000001",
        f"WSCO-{YEAR}-000002",
        f"WSCO-{YEAR + 1}-000001",
    ]
    assert dict(InvoiceSequence.objects.values_list("year", "last_number")) == {
        YEAR: 2,
        YEAR + 1: 1,
    }


def test_a_payment_rolled_back_gives_its_number_back():
    membership = MembershipFactory(awaiting_payment=True)

    def pay_then_fail():
        with transaction.atomic():
            pay(membership)
            raise RuntimeError("the bank bounced it")

    with pytest.raises(RuntimeError, match="the bank bounced it"):
        pay_then_fail()

    assert Invoice.objects.count() == 0
    invoice = pay(membership).invoice
    assert invoice.number == f"WSCO-{YEAR}-000001"


def test_a_refused_payment_takes_no_number():
    membership = MembershipFactory(awaiting_payment=True, fee_amount=Decimal("120.00"))
    with pytest.raises(ValidationError, match=r"120\.00 EUR; 119\.99 was entered"):
        record_payment(
            membership=membership,
            amount=Decimal("119.99"),
            currency="EUR",
            paid_on=timezone.localdate(),
            method=Payment.Method.CASH,
            by=None,
        )
    assert not InvoiceSequence.objects.filter(last_number__gt=0).exists()


def test_an_invoice_keeps_the_details_it_was_issued_with(settings):
    invoice = pay(MembershipFactory(awaiting_payment=True)).invoice
    settings.WSCO_LEGAL_NAME = "Renamed"
    settings.WSCO_VAT_RATE = Decimal("19")

    invoice.refresh_from_db()
    assert (invoice.seller_name, invoice.vat_rate) == ("WSCO Association", Decimal("21"))


# The email and the PDF -----------------------------------------------------------------------


def test_the_member_is_emailed_the_link_to_the_invoice(
    mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://wsco.example"
    membership = MembershipFactory(awaiting_payment=True)
    with django_capture_on_commit_callbacks(execute=True):
        invoice = pay(membership).invoice

    (email,) = mail_to(mailoutbox, membership.profile.user.email)
    assert f"Your invoice {invoice.number} (PDF)" in email.body
    assert f"https://wsco.example/members/invoices/{invoice.pk}/pdf/" in email.body


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_payer_downloads_the_invoice_as_a_pdf_with_its_figures(client):
    profile = ProfileFactory(name="Ana Pop")
    invoice = pay(MembershipFactory(awaiting_payment=True, profile=profile)).invoice
    client.force_login(profile.user)

    response = client.get(invoice.pdf_url())

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="{invoice.number}.pdf"' in response["Content-Disposition"]
    text = pdf_text(response.content)
    for expected in [
        invoice.number,
        "WSCO Association",
        "RO11111111",
        "Ana Pop",
        "99.17",
        "20.83",
        "120.00 EUR",
        "VAT at 21 %",
    ]:
        assert expected in text, expected


def test_the_invoice_reads_in_romanian_for_a_romanian_reader(client):
    profile = ProfileFactory()
    invoice = pay(MembershipFactory(awaiting_payment=True, profile=profile)).invoice
    client.force_login(profile.user)

    text = pdf_text(client.get(invoice.pdf_url(), headers={"accept-language": "ro"}).content)

    assert "Factură" in text
    assert "120,00 EUR" in text


def test_staff_download_any_invoice_and_other_people_none(client):
    invoice = pay(MembershipFactory(awaiting_payment=True)).invoice
    url = invoice.pdf_url()

    assert client.get(url)["Location"].startswith(reverse("account_login"))
    client.force_login(ProfileFactory().user)
    assert client.get(url).status_code == 404
    client.force_login(staff_user())
    assert client.get(url).status_code == 200


def test_the_administrator_of_an_organization_downloads_its_invoice_and_a_covered_person_not(
    client,
):
    administrator, covered = ProfileFactory(), ProfileFactory()
    membership = MembershipFactory(
        awaiting_payment=True,
        profile=administrator,
        organization=OrganizationFactory(),
        membership_type=membership_type(MembershipKind.CORPORATE),
    )
    invoice = pay(membership).invoice
    membership.seats.create(profile=covered)

    client.force_login(covered.user)
    assert client.get(invoice.pdf_url()).status_code == 404
    client.force_login(administrator.user)
    assert client.get(invoice.pdf_url()).status_code == 200


# My WSCO and the admin -------------------------------------------------------------------------


def test_my_wsco_lists_the_invoices_with_their_links(client):
    profile = ProfileFactory()
    invoice = pay(MembershipFactory(awaiting_payment=True, profile=profile)).invoice
    client.force_login(profile.user)

    page = client.get(reverse("members:home")).content.decode()

    assert invoice.number in page
    assert invoice.pdf_url() in page


def test_my_wsco_needs_the_same_queries_for_one_invoice_or_several(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request builds the whole page
    profile = ProfileFactory()
    pay(MembershipFactory(awaiting_payment=True, profile=profile))
    client.force_login(profile.user)
    client.get(reverse("members:home"))
    home_changed()  # Both pages counted are built, not read from the kept part.
    one = count_queries(lambda: client.get(reverse("members:home")))
    for _ in range(3):
        older = MembershipFactory(profile=profile)
        issue_invoice(payment=recorded(older))

    several = count_queries(lambda: client.get(reverse("members:home")))

    assert Invoice.objects.filter(payment__membership__profile=profile).count() == 4
    assert several == one


def test_the_admin_lists_invoices_and_never_lets_them_be_edited(client):
    invoice = pay(MembershipFactory(awaiting_payment=True)).invoice
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    listing = client.get(reverse("admin:members_invoice_changelist")).content.decode()
    assert invoice.number in listing
    assert invoice.pdf_url() in listing
    assert client.get(reverse("admin:members_invoice_add")).status_code == 403
    change = client.post(
        reverse("admin:members_invoice_change", args=[invoice.pk]), {"buyer_name": "Someone"}
    )
    assert change.status_code == 403
    invoice.refresh_from_db()
    assert invoice.buyer_name != "Someone"


def test_the_persons_data_names_the_invoice_of_each_payment():
    from wsco.members.personal_data import export_member_data

    profile = ProfileFactory()
    invoice = pay(MembershipFactory(awaiting_payment=True, profile=profile)).invoice
    recorded(MembershipFactory(profile=profile))

    payments = [
        payment
        for membership in export_member_data(profile.user)["memberships"]
        for payment in membership["payments"]
    ]

    assert sorted(payment["invoice"] or "" for payment in payments) == ["", invoice.number]


def test_the_admin_adds_no_payment_without_its_invoice(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(reverse("admin:members_payment_add")).status_code == 403
