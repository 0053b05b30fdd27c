"""Joining WSCO: the application form, the applicant's page and the staff's decisions."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from wsco.members.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    Membership,
    MembershipKind,
    MembershipStatus,
    Organization,
    OrganizationType,
    Profile,
)
from wsco.members.services.memberships import (
    apply_for_membership,
    approve_application,
    period_end,
    run_daily_membership_jobs,
)
from wsco.members.tests.factories import (
    OrganizationFactory,
    ProfileFactory,
    UserFactory,
    membership_type,
)
from wsco.members.tests.membership_helpers import (
    STAFF_EMAIL,
    corporate,
    individual,
    mail_to,
    signed_in,
    staff_user,
)

pytestmark = pytest.mark.django_db


def newcomer_form(**changes):
    data = {
        "name": "Ioana Popescu",
        "title": "Urban planner",
        "country": "RO",
        "city": "Cluj-Napoca",
        "membership_type": individual().pk,
        "motivation": "I plan mobility projects and look for partners.",
    }
    return data | changes


def test_whole_journey_from_application_to_lapse(client, django_capture_on_commit_callbacks):
    """Apply, answer a question, get approved, pay, get reminded, lapse.

    Each step's emails are queued when its transaction commits: the test lets them go then.
    """
    staff = staff_user()
    applicant = UserFactory(email="ioana@example.org")
    staff_client = signed_in(client.__class__(), staff)
    applicant_client = signed_in(client, applicant)

    # A brand-new account is invited to apply.
    home = applicant_client.get("/members/me/")
    assert b"/members/apply/" in home.content

    with django_capture_on_commit_callbacks(execute=True):
        response = applicant_client.post("/members/apply/", newcomer_form())
    application = Application.objects.get()
    assert response.status_code == 302
    assert response.url == f"/members/applications/{application.pk}/"
    profile = Profile.objects.get(user=applicant)
    assert (profile.name, profile.country.code, profile.is_member) == ("Ioana Popescu", "RO", False)
    assert application.status == ApplicationStatus.SUBMITTED
    [received] = mail_to(mail.outbox, "ioana@example.org")
    assert "received your membership application" in received.subject
    [to_staff] = mail_to(mail.outbox, STAFF_EMAIL)
    assert "Ioana Popescu" in to_staff.subject
    assert "I plan mobility projects" in to_staff.body

    # Staff ask a question; the applicant reads it by email and on the page.
    assert b"Ioana Popescu" in staff_client.get("/members/review/").content
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            f"/members/applications/{application.pk}/request-information/",
            {"message": "Which city do you work for?"},
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.INFO_REQUESTED
    question = mail_to(mail.outbox, "ioana@example.org")[-1]
    assert "Which city do you work for?" in question.body
    page = applicant_client.get(f"/members/applications/{application.pk}/")
    assert b"Which city do you work for?" in page.content

    # The answer puts it back in the queue and tells the staff.
    with django_capture_on_commit_callbacks(execute=True):
        applicant_client.post(
            f"/members/applications/{application.pk}/answer/",
            {"answer": "Cluj-Napoca city hall."},
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert "answered" in mail_to(mail.outbox, STAFF_EMAIL)[-1].subject

    # Approval: a membership awaiting the fee of the individual type (120.00 EUR, migration 0002).
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(f"/members/applications/{application.pk}/approve/")
    membership = Membership.objects.get()
    assert membership.status == MembershipStatus.AWAITING_PAYMENT
    assert (str(membership.fee_amount), membership.fee_currency) == ("120.00", "EUR")
    approved = mail_to(mail.outbox, "ioana@example.org")[-1]
    assert "120.00 EUR" in approved.body
    assert f"WSCO-{membership.pk:06d}" in approved.body

    # Staff record the payment: active from today for 12 calendar months.
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            f"/members/review/payments/{membership.pk}/",
            {
                "amount": "120.00",
                "currency": "EUR",
                "paid_on": today.isoformat(),
                "method": "bank_transfer",
                "reference": "RO-123",
            },
        )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE
    assert membership.starts_on == today
    assert membership.ends_on == period_end(today, 12)
    profile.refresh_from_db()
    assert profile.is_member
    active = mail_to(mail.outbox, "ioana@example.org")[-1]
    assert "membership is active" in active.subject

    # Reminders 30 days before the end, on the day and 30 days after; then it lapses.
    ends_on = membership.ends_on
    for day in (ends_on - datetime.timedelta(days=30), ends_on, ends_on + datetime.timedelta(30)):
        sent_before = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            run_daily_membership_jobs(today=day)
        assert len(mail.outbox) == sent_before + 1
        assert mail.outbox[-1].to == ["ioana@example.org"]
    run_daily_membership_jobs(today=ends_on + datetime.timedelta(days=31))
    membership.refresh_from_db()
    profile.refresh_from_db()
    assert membership.status == MembershipStatus.LAPSED
    assert not profile.is_member


def test_visitor_is_sent_to_sign_in(client):
    application = Application.objects.create(
        profile=ProfileFactory(), membership_type=individual(), motivation="x"
    )
    for url in (
        "/members/me/",
        "/members/apply/",
        f"/members/applications/{application.pk}/",
        "/members/review/",
        "/members/review/payments/",
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith("/accounts/login/"), url


def test_another_member_cannot_see_an_application(client):
    application = Application.objects.create(
        profile=ProfileFactory(), membership_type=individual(), motivation="x"
    )
    signed_in(client, ProfileFactory(is_member=True).user)
    assert client.get(f"/members/applications/{application.pk}/").status_code == 404
    response = client.post(f"/members/applications/{application.pk}/withdraw/")
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_non_staff_cannot_reach_the_queue_or_decide(client):
    application = Application.objects.create(
        profile=ProfileFactory(), membership_type=individual(), motivation="x"
    )
    signed_in(client, ProfileFactory(is_member=True).user)
    assert client.get("/members/review/").status_code == 403
    assert client.get("/members/review/payments/").status_code == 403
    assert client.post(f"/members/applications/{application.pk}/approve/").status_code == 403
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert not Membership.objects.exists()


def test_staff_see_any_application(client):
    application = Application.objects.create(
        profile=ProfileFactory(name="Andrei Ionescu"), membership_type=individual(), motivation="x"
    )
    signed_in(client, staff_user())
    response = client.get(f"/members/applications/{application.pk}/")
    assert response.status_code == 200
    assert b"Andrei Ionescu" in response.content


def test_corporate_application_without_organization_saves_nothing(client):
    user = UserFactory()
    signed_in(client, user)
    response = client.post("/members/apply/", newcomer_form(membership_type=corporate().pk))
    assert response.status_code == 400
    assert b"held by an organization" in response.content
    assert not Profile.objects.exists()
    assert not Application.objects.exists()
    assert not Organization.objects.exists()
    assert mail.outbox == []


def test_institutional_membership_needs_a_public_entity(client):
    signed_in(client, UserFactory())
    company = OrganizationFactory(type=OrganizationType.COMPANY)
    institutional = membership_type(MembershipKind.INSTITUTIONAL)
    response = client.post(
        "/members/apply/",
        newcomer_form(membership_type=institutional.pk, organization=company.pk),
    )
    assert response.status_code == 400
    assert b"for public entities" in response.content
    assert not Application.objects.exists()
    assert not Profile.objects.exists()


def test_political_membership_needs_a_political_organization():
    profile = ProfileFactory()
    ngo = OrganizationFactory(type=OrganizationType.NGO)
    with pytest.raises(Exception, match="political organizations"):
        apply_for_membership(
            user=profile.user,
            membership_type=membership_type(MembershipKind.POLITICAL),
            motivation="x",
            organization=ngo,
        )
    assert not Application.objects.exists()


def test_a_new_organization_is_created_with_the_application(client):
    user = UserFactory()
    signed_in(client, user)
    OrganizationFactory(name="Smart Grid SRL", slug="smart-grid-srl")
    response = client.post(
        "/members/apply/",
        newcomer_form(
            membership_type=corporate().pk,
            new_organization_name="Smart Grid SRL",
            new_organization_type=OrganizationType.COMPANY,
            new_organization_country="RO",
            new_organization_city="Iași",
            new_organization_website="smartgrid.example",
        ),
    )
    assert response.status_code == 302
    organization = Organization.objects.get(slug="smart-grid-srl-2")
    assert (organization.city, organization.website) == ("Iași", "https://smartgrid.example")
    application = Application.objects.get()
    assert application.organization == organization
    assert Profile.objects.get(user=user).organization == organization


def test_a_new_organization_needs_its_type_and_country(client):
    signed_in(client, UserFactory())
    response = client.post(
        "/members/apply/",
        newcomer_form(membership_type=corporate().pk, new_organization_name="Nameless"),
    )
    assert response.status_code == 400
    assert response.content.count(b"Needed for a new organization.") == 2
    assert not Organization.objects.exists()
    assert not Profile.objects.exists()


def test_an_existing_profile_only_fills_in_the_application(client):
    organization = OrganizationFactory()
    profile = ProfileFactory(organization=organization)
    signed_in(client, profile.user)
    form = client.get("/members/apply/")
    assert b'name="name"' not in form.content
    response = client.post(
        "/members/apply/",
        {"membership_type": corporate().pk, "organization": organization.pk, "motivation": "x"},
    )
    assert response.status_code == 302
    assert Application.objects.get().profile == profile
    assert Profile.objects.count() == 1


def test_one_open_application_at_a_time(client):
    profile = ProfileFactory()
    Application.objects.create(profile=profile, membership_type=individual(), motivation="x")
    signed_in(client, profile.user)
    page = client.get("/members/apply/")
    assert b"already have an application in progress" in page.content
    response = client.post(
        "/members/apply/", {"membership_type": individual().pk, "motivation": "y"}
    )
    assert response.status_code == 409
    assert Application.objects.count() == 1
    with pytest.raises(Exception, match="already have an application"):
        apply_for_membership(user=profile.user, membership_type=individual(), motivation="z")


def test_applicant_withdraws_an_open_application(client):
    profile = ProfileFactory()
    application = Application.objects.create(
        profile=profile, membership_type=individual(), motivation="x"
    )
    signed_in(client, profile.user)
    client.post(f"/members/applications/{application.pk}/withdraw/")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert application.events.get().action == ApplicationEvent.Action.WITHDRAWN
    # Withdrawn, it no longer blocks a new application.
    assert b"Send my application" in client.get("/members/apply/").content


def test_rejection_needs_a_reason_and_tells_the_applicant(
    client, django_capture_on_commit_callbacks
):
    profile = ProfileFactory(user=UserFactory(email="andrei@example.org"))
    application = Application.objects.create(
        profile=profile, membership_type=individual(), motivation="x"
    )
    signed_in(client, staff_user())
    url = f"/members/applications/{application.pk}/reject/"
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": "Our members work on cities; please tell us how you do."})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    [rejected] = mail_to(mail.outbox, "andrei@example.org")
    assert "Our members work on cities" in rejected.body
    assert not Membership.objects.exists()


def test_asking_for_information_needs_a_message(client):
    application = Application.objects.create(
        profile=ProfileFactory(), membership_type=individual(), motivation="x"
    )
    signed_in(client, staff_user())
    response = client.post(
        f"/members/applications/{application.pk}/request-information/", {"message": " "}
    )
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert mail.outbox == []


def test_a_decided_application_cannot_be_decided_again(client):
    application = Application.objects.create(
        profile=ProfileFactory(), membership_type=individual(), motivation="x"
    )
    staff = staff_user()
    approve_application(application=application, by=staff)
    signed_in(client, staff)
    response = client.post(f"/members/applications/{application.pk}/approve/", follow=True)
    assert b"already approved" in response.content
    assert Membership.objects.count() == 1
