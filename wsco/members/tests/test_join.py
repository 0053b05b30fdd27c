"""/join/: the membership types before any sign-up, and an application that continues where
signing up left off."""

import re
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from wsco.accounts.models import User
from wsco.members.models import Application, MembershipKind, MembershipType
from wsco.members.tests.factories import ProfileFactory, UserFactory, membership_type
from wsco.members.views.join import CHOSEN_TYPE_KEY

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase 42"


def corporate_with_benefits() -> MembershipType:
    corporate = membership_type(MembershipKind.CORPORATE)
    corporate.benefits = "Seats for your people\n- A listing among the organizations"
    corporate.benefits_ro = "Locuri pentru oamenii dumneavoastră"
    corporate.fee_amount = Decimal("1234.50")
    corporate.save()
    return corporate


def test_join_page_shows_every_type_on_offer_with_price_period_benefits_and_audience(client):
    corporate_with_benefits()
    closed = membership_type(MembershipKind.POLITICAL)
    closed.is_available = False
    closed.save()

    page = client.get("/join/").content.decode()

    assert "1,234.50 EUR" in page
    assert "for 12 months" in page
    assert "Seats for your people" in page
    # The Markdown-like dash of a line is not part of the benefit.
    assert "- A listing" not in page
    assert "A listing among" in page
    assert "For a company" in page
    assert "Individual" in page
    assert "120.00 EUR" in page
    assert "Political organization" not in page
    assert page.count("Join with this") == MembershipType.objects.filter(is_available=True).count()


def test_join_page_reads_the_benefits_in_romanian_and_falls_back_to_english(client):
    corporate_with_benefits()
    individual = membership_type()
    individual.benefits = "The quarterly magazine"
    individual.save()

    page = client.get("/join/", headers={"accept-language": "ro"}).content.decode()

    assert "Locuri pentru oamenii dumneavoastră" in page
    assert "Seats for your people" not in page
    assert "The quarterly magazine" in page  # no Romanian list: the English one
    assert "1.234,50 EUR" in page


def test_benefits_in_skips_blank_lines_and_list_marks():
    corporate = MembershipType(benefits="* One\n\n  - Two  \n", benefits_ro="  \n")
    assert corporate.benefits_in("en") == ["One", "Two"]
    assert corporate.benefits_in("ro") == ["One", "Two"]
    assert corporate.benefits_in(None) == ["One", "Two"]


@pytest.mark.parametrize("count", [1, 4])
def test_join_page_needs_the_same_queries_for_one_type_or_several(
    client, django_assert_num_queries, count
):
    for extra in MembershipType.objects.order_by("pk")[count:]:
        extra.is_available = False
        extra.save()
    assert MembershipType.objects.filter(is_available=True).count() == count
    client.get("/join/")  # warm the session and translation caches

    with django_assert_num_queries(1):
        assert client.get("/join/").status_code == 200


def test_header_join_link_leads_to_the_join_page(client):
    page = client.get(reverse("core:home")).content.decode()
    assert 'href="/join/"' in page
    assert f'href="{reverse("account_signup")}">Join WSCO' not in page


def test_a_type_closed_to_applications_cannot_be_chosen(client):
    closed = membership_type(MembershipKind.POLITICAL)
    closed.is_available = False
    closed.save()

    assert client.get(reverse("join:choose", args=[closed.pk])).status_code == 404
    assert CHOSEN_TYPE_KEY not in client.session


def test_signed_in_person_goes_straight_to_the_form_with_the_type_chosen(client):
    corporate = membership_type(MembershipKind.CORPORATE)
    client.force_login(ProfileFactory().user)

    response = client.get(reverse("join:choose", args=[corporate.pk]))

    assert response["Location"] == f"{reverse('members:apply')}?type={corporate.pk}"
    form = client.get(response["Location"]).content.decode()
    assert re.search(rf'value="{corporate.pk}"[^>]*checked', form)


def confirmation_path(message) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_visitor_signs_up_confirms_and_continues_with_the_chosen_type(client):
    corporate = membership_type(MembershipKind.CORPORATE)
    apply_url = f"{reverse('members:apply')}?type={corporate.pk}"

    chosen = client.get(reverse("join:choose", args=[corporate.pk]))
    assert chosen["Location"].startswith(reverse("account_signup") + "?next=")
    signup_page = client.get(chosen["Location"]).content.decode()
    assert "You chose the Corporate membership" in signup_page

    signed_up = client.post(
        chosen["Location"],
        {"email": "ana@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert signed_up["Location"] == reverse("account_email_verification_sent")
    confirmed = client.post(confirmation_path(mail.outbox[-1]))

    assert EmailAddress.objects.get(email="ana@example.org").verified
    assert confirmed["Location"] == apply_url
    form = client.get(confirmed["Location"]).content.decode()
    assert re.search(rf'value="{corporate.pk}"[^>]*checked', form)

    sent = client.post(
        apply_url,
        {
            "name": "Ana Pop",
            "country": "RO",
            "membership_type": corporate.pk,
            "new_organization_name": "Tramways Ltd",
            "new_organization_type": "company",
            "new_organization_country": "RO",
            "motivation": "Trams.",
        },
    )
    application = Application.objects.get(profile__user__email="ana@example.org")
    assert sent["Location"] == application.get_absolute_url()
    assert application.membership_type == corporate
    assert CHOSEN_TYPE_KEY not in client.session


def test_signing_up_without_the_next_parameter_still_continues_with_the_type(client):
    corporate = membership_type(MembershipKind.CORPORATE)
    client.get(reverse("join:choose", args=[corporate.pk]))
    # Signed up without the `next` parameter (the sign-up link in the header, say).
    client.post(
        reverse("account_signup"),
        {"email": "ana@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )

    confirmed = client.post(confirmation_path(mail.outbox[-1]))

    assert confirmed["Location"] == f"{reverse('members:apply')}?type={corporate.pk}"
    user = User.objects.get(email="ana@example.org")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_someone_with_an_account_signs_in_and_continues_with_the_chosen_type(client):
    user = UserFactory()
    corporate = membership_type(MembershipKind.CORPORATE)
    client.get(reverse("join:choose", args=[corporate.pk]))

    signed_in = client.post(
        reverse("account_login"),
        {"login": user.email, "password": "correct horse battery staple"},
    )

    assert signed_in["Location"] == f"{reverse('members:apply')}?type={corporate.pk}"
    # Used once: the next sign-in goes to My WSCO.
    client.logout()
    again = client.post(
        reverse("account_login"),
        {"login": user.email, "password": "correct horse battery staple"},
    )
    assert again["Location"] == reverse("members:home")


def test_sign_in_never_continues_to_another_site(client):
    user = UserFactory()
    session = client.session
    session["continue_after_sign_in"] = "https://evil.example/phish"
    session.save()

    signed_in = client.post(
        reverse("account_login"),
        {"login": user.email, "password": "correct horse battery staple"},
    )

    assert signed_in["Location"] == reverse("members:home")


def test_the_type_parameter_wins_over_the_remembered_choice(client):
    individual, corporate = membership_type(), membership_type(MembershipKind.CORPORATE)
    client.force_login(ProfileFactory().user)
    client.get(reverse("join:choose", args=[corporate.pk]))

    form = client.get(f"{reverse('members:apply')}?type={individual.pk}").content.decode()

    assert re.search(rf'value="{individual.pk}"[^>]*checked', form)
    assert not re.search(rf'value="{corporate.pk}"[^>]*checked', form)


def test_sitemap_lists_the_join_page(client, settings):
    settings.SITE_URL = "https://wsco.example"
    content = client.get("/sitemap.xml").content.decode()
    assert "<loc>https://wsco.example/join/</loc>" in content


@pytest.mark.parametrize("value", ["²", "x", "-1", ""])
def test_a_type_parameter_that_is_not_a_number_is_ignored(client, value):
    client.force_login(ProfileFactory().user)
    response = client.get(reverse("members:apply"), {"type": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<input[^>]*name="membership_type"', html)
    assert not re.search(r'<input[^>]*name="membership_type"[^>]*checked', html)
