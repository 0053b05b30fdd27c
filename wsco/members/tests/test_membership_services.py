"""The membership services called directly: each refusal by name, and the state each step leaves."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone

from wsco.members.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    JoinRequest,
    JoinRequestStatus,
    Membership,
    MembershipStatus,
    MembershipType,
    Organization,
    Profile,
)
from wsco.members.services.memberships import (
    NewOrganization,
    ProfileBasics,
    _create_application,
    answer_application,
    apply_for_membership,
    can_renew,
    cancel_membership,
    due_reminder,
    language_for,
    record_payment,
    reject_application,
    renew_membership,
    request_information,
    sync_member_status,
    withdraw_application,
)
from wsco.members.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    ProfileFactory,
    UserFactory,
)
from wsco.members.tests.membership_helpers import (
    STAFF_EMAIL,
    corporate,
    individual,
    mail_to,
    staff_user,
)

pytestmark = pytest.mark.django_db

Action = ApplicationEvent.Action
BASICS = ProfileBasics(name="Ioana Popescu", country="RO")


# Applying -----------------------------------------------------------------------------------


def test_a_type_no_longer_on_offer_is_refused_and_nothing_is_saved():
    closed = individual()
    MembershipType.objects.filter(pk=closed.pk).update(is_available=False)
    closed.refresh_from_db()
    user = UserFactory()

    with pytest.raises(ValidationError, match="This membership type is not on offer"):
        apply_for_membership(
            user=user, membership_type=closed, motivation="x", profile_basics=BASICS
        )

    assert not Profile.objects.filter(user=user).exists()
    assert not Application.objects.exists()


def test_an_existing_and_a_new_organization_together_are_refused():
    user = UserFactory()
    with pytest.raises(ValidationError, match="Choose an existing organization or name a new one"):
        apply_for_membership(
            user=user,
            membership_type=corporate(),
            motivation="x",
            organization=OrganizationFactory(),
            new_organization=NewOrganization(name="Grid SRL", type="company", country="RO"),
            profile_basics=BASICS,
        )
    assert not Organization.objects.filter(name="Grid SRL").exists()
    assert not Profile.objects.filter(user=user).exists()


def test_someone_without_a_profile_gives_their_name_and_country_first():
    user = UserFactory()
    with pytest.raises(ValidationError, match="Tell us your name and country first"):
        apply_for_membership(user=user, membership_type=individual(), motivation="x")
    assert not Profile.objects.filter(user=user).exists()
    assert not Application.objects.exists()


def test_the_service_refuses_a_second_open_application():
    profile = ProfileFactory()
    first = apply_for_membership(user=profile.user, membership_type=individual(), motivation="x")

    with pytest.raises(ValidationError, match="You already have an application in progress"):
        apply_for_membership(user=profile.user, membership_type=individual(), motivation="y")

    assert list(Application.objects.values_list("pk", flat=True)) == [first.pk]


def test_two_applications_racing_past_the_check_meet_the_same_refusal():
    # What the second of two submissions at once meets: the one-open-application constraint.
    profile = ProfileFactory()
    Application.objects.create(profile=profile, membership_type=individual(), motivation="x")

    with pytest.raises(ValidationError, match="You already have an application in progress"):
        _create_application(
            profile=profile,
            membership_type=individual(),
            organization=None,
            motivation="y",
            by=profile.user,
        )
    assert Application.objects.count() == 1


def test_a_profile_without_an_organization_asks_to_join_the_one_it_applies_with():
    profile = ProfileFactory(name="Ana Admin")
    organization = OrganizationFactory(name="Smart Grid SRL")

    application = apply_for_membership(
        user=profile.user, membership_type=corporate(), motivation="x", organization=organization
    )

    # An existing organization lists the person once its administrator approves: not before.
    stored = Profile.objects.get(pk=profile.pk)
    assert stored.organization is None
    assert application.organization == organization
    assert list(JoinRequest.objects.values_list("profile", "organization", "status")) == [
        (profile.pk, organization.pk, JoinRequestStatus.PENDING)
    ]
    assert "smart grid srl" not in stored.search_document.splitlines()


def test_a_profile_listed_with_an_organization_keeps_it_when_applying_for_another():
    mine, other = OrganizationFactory(name="Mine SRL"), OrganizationFactory(name="Other SRL")
    profile = ProfileFactory(organization=mine)

    application = apply_for_membership(
        user=profile.user, membership_type=corporate(), motivation="x", organization=other
    )

    assert Profile.objects.get(pk=profile.pk).organization == mine
    assert application.organization == other


def test_an_individual_application_keeps_no_organization_and_changes_no_profile():
    profile = ProfileFactory()
    before = Profile.objects.get(pk=profile.pk).updated_at

    application = apply_for_membership(
        user=profile.user, membership_type=individual(), motivation="x"
    )

    assert application.organization is None
    assert Profile.objects.get(pk=profile.pk).updated_at == before


def test_an_application_records_who_submitted_it():
    profile = ProfileFactory()

    application = apply_for_membership(
        user=profile.user, membership_type=individual(), motivation="x"
    )

    events = application.events.values_list("action", "by", "message")
    assert list(events) == [(Action.SUBMITTED, profile.user.pk, "")]


# The secretariat's questions and decisions --------------------------------------------------


def open_application() -> Application:
    return Application.objects.create(
        profile=ProfileFactory(), membership_type=individual(), motivation="x"
    )


def test_a_question_and_its_answer_are_recorded_and_the_application_returned(
    django_capture_on_commit_callbacks,
):
    application = open_application()
    staff = staff_user()

    asked = request_information(application=application, message="Which city?", by=staff)
    assert (asked.pk, asked.status) == (application.pk, ApplicationStatus.INFO_REQUESTED)

    applicant = application.profile.user
    with django_capture_on_commit_callbacks(execute=True):
        answered = answer_application(application=asked, answer="  Cluj  ", by=applicant)

    assert (answered.pk, answered.status) == (application.pk, ApplicationStatus.SUBMITTED)
    assert list(application.events.order_by("pk").values_list("action", "by", "message")) == [
        (Action.INFO_REQUESTED, staff.pk, "Which city?"),
        (Action.RESUBMITTED, applicant.pk, "  Cluj  "),
    ]
    # The secretariat hears of the answer.
    assert len(mail_to(mail.outbox, STAFF_EMAIL)) == 1


@pytest.mark.parametrize("answer", ["", "   "])
def test_an_empty_answer_is_refused(answer):
    application = open_application()
    request_information(application=application, message="Which city?", by=staff_user())

    with pytest.raises(ValidationError, match="Write your answer"):
        answer_application(application=application, answer=answer, by=application.profile.user)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.INFO_REQUESTED
    assert not application.events.filter(action=Action.RESUBMITTED).exists()


def test_a_withdrawal_returns_the_withdrawn_application():
    application = open_application()

    withdrawn = withdraw_application(application=application, by=application.profile.user)

    assert (withdrawn.pk, withdrawn.status) == (application.pk, ApplicationStatus.WITHDRAWN)
    assert withdrawn.decided_at is not None


def test_a_rejection_records_its_reason_and_returns_the_application():
    application = open_application()
    staff = staff_user()

    rejected = reject_application(application=application, reason="Out of scope.", by=staff)

    assert (rejected.pk, rejected.status) == (application.pk, ApplicationStatus.REJECTED)
    assert list(application.events.values_list("action", "by", "message")) == [
        (Action.REJECTED, staff.pk, "Out of scope.")
    ]


# Renewals and payments ----------------------------------------------------------------------


def renewable_membership(**fields) -> Membership:
    """Return a membership ending in 10 days: inside the 60-day renewal window."""
    today = timezone.localdate()
    return MembershipFactory(
        starts_on=today - datetime.timedelta(days=355),
        ends_on=today + datetime.timedelta(days=10),
        **fields,
    )


def test_a_membership_nobody_holds_any_more_is_not_renewable():
    membership = renewable_membership(profile=None)
    assert can_renew(membership) is False
    # The same period with a holder is (the refusal above is about the missing holder).
    assert can_renew(renewable_membership()) is True


def test_a_renewal_of_a_type_no_longer_on_offer_is_refused():
    membership = renewable_membership()
    MembershipType.objects.filter(pk=membership.membership_type_id).update(is_available=False)
    membership.membership_type.refresh_from_db()

    with pytest.raises(ValidationError, match="no longer on offer: apply for another one"):
        renew_membership(membership=membership, motivation="x", by=membership.profile.user)
    assert not Application.objects.exists()


def test_a_renewal_is_refused_while_another_application_is_open():
    membership = renewable_membership()
    Application.objects.create(
        profile=membership.profile, membership_type=individual(), motivation="x"
    )

    with pytest.raises(ValidationError, match="You already have an application in progress"):
        renew_membership(membership=membership, motivation="x", by=membership.profile.user)
    assert not Application.objects.filter(renewal_of=membership).exists()


@pytest.mark.parametrize(
    ("motivation", "stored"), [("", "Renewal"), ("   ", "Renewal"), ("  Still here ", "Still here")]
)
def test_a_renewal_without_a_motivation_says_renewal(motivation, stored):
    membership = renewable_membership()

    application = renew_membership(
        membership=membership, motivation=motivation, by=membership.profile.user
    )

    assert application.motivation == stored


def test_a_lapsed_members_renewal_tells_the_secretariat_and_the_member(
    django_capture_on_commit_callbacks,
):
    staff_user()
    membership = MembershipFactory(lapsed=True)
    holder = membership.profile.user

    with django_capture_on_commit_callbacks(execute=True):
        application = renew_membership(membership=membership, motivation="Back", by=holder)

    assert application.status == ApplicationStatus.SUBMITTED
    [to_staff] = mail_to(mail.outbox, STAFF_EMAIL)
    assert "New application: " in to_staff.subject
    [to_member] = mail_to(mail.outbox, holder.email)
    assert to_member.subject == "[WSCO] We received your renewal application"


def test_recording_a_payment_returns_it():
    membership = MembershipFactory(awaiting_payment=True)
    paid_on = timezone.localdate()

    payment = record_payment(
        membership=membership,
        amount=Decimal("120.00"),
        currency="eur",
        paid_on=paid_on,
        method="card",
        by=None,
    )

    assert payment.pk is not None
    assert (payment.membership, payment.amount, payment.currency, payment.paid_on) == (
        membership,
        Decimal("120.00"),
        "EUR",
        paid_on,
    )


def test_cancelling_returns_the_cancelled_membership_and_ends_member_status():
    membership = MembershipFactory()
    Profile.objects.filter(pk=membership.profile_id).update(is_member=True)

    cancelled = cancel_membership(membership=membership, by=None)

    assert (cancelled.pk, cancelled.status) == (membership.pk, MembershipStatus.CANCELLED)
    assert Profile.objects.get(pk=membership.profile_id).is_member is False


# Reminders ----------------------------------------------------------------------------------

ENDS_ON = datetime.date(2026, 6, 30)


@pytest.mark.parametrize(
    ("today", "sent", "due"),
    [
        # 30 days before the end is 2026-05-31; the day before, nothing is due yet.
        ("2026-05-30", set(), None),
        ("2026-05-31", set(), 30),
        # Once sent, the same reminder is not due again.
        ("2026-05-31", {30}, None),
        ("2026-06-30", {30}, 0),
        ("2026-06-30", {0}, None),
        # The last day of grace is 30 days after the end: 2026-07-30.
        ("2026-07-30", {30, 0}, -30),
        ("2026-07-30", {-30}, None),
    ],
)
def test_each_reminder_is_due_once_from_its_day(today, sent, due):
    membership = Membership(ends_on=ENDS_ON)
    assert due_reminder(membership, sent=sent, today=datetime.date.fromisoformat(today)) == due


# Member status and the directory ------------------------------------------------------------

DIRECTORY_TOKEN = "page-cache:token:members:directory"


def test_a_person_who_becomes_a_member_changes_the_directory_and_nothing_else_does():
    membership = MembershipFactory()  # current, and its holder not yet marked a member
    before = cache.get(DIRECTORY_TOKEN)

    sync_member_status(profiles=[membership.profile])

    assert Profile.objects.get(pk=membership.profile_id).is_member is True
    changed = cache.get(DIRECTORY_TOKEN)
    assert changed != before
    # Nothing changes the second time: the cached pages stay.
    sync_member_status(profiles=[membership.profile])
    assert cache.get(DIRECTORY_TOKEN) == changed


def test_checking_nobody_costs_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        sync_member_status(profiles=[])
        sync_member_status(profiles=[Profile()])  # not saved yet: no id


@pytest.mark.parametrize(
    ("languages", "language"),
    [(["fr", "ro", "en"], "ro"), (["en", "ro"], "en"), (["fr"], None), ([], None), (None, None)],
)
def test_emails_go_in_the_first_site_language_the_person_lists(languages, language):
    # The site's languages are English and Romanian (settings.LANGUAGES).
    assert language_for(Profile(languages=languages)) == language


@pytest.mark.parametrize("message", ["", "  "])
def test_a_question_without_words_is_refused(message):
    application = open_application()

    with pytest.raises(ValidationError, match="Write the question for the applicant"):
        request_information(application=application, message=message, by=staff_user())

    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert not application.events.exists()
