"""Writes to applications, memberships, payments, seats and reminders.

Every function here that changes who holds a current membership ends by calling
`sync_member_status` for the people concerned, so `Profile.is_member` never drifts.
"""

import calendar
import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wsco.core.email import queue_email
from wsco.formats import money
from wsco.members import billing
from wsco.members.directory_changes import directory_changed
from wsco.members.models import (
    APPLICATION_WORKFLOW,
    AREA_OF_TYPE,
    GRACE_DAYS,
    MEMBERSHIP_WORKFLOW,
    Application,
    ApplicationEvent,
    Area,
    Membership,
    MembershipKind,
    MembershipStatus,
    MembershipType,
    Organization,
    Payment,
    Profile,
    Reminder,
    Seat,
)
from wsco.members.notifications import notify_person
from wsco.members.services import profiles as profile_services
from wsco.members.services.invoices import issue_invoice

Action = ApplicationEvent.Action

# The areas of organization a membership kind admits; None means any organization, and a kind
# that is absent needs no organization. Institutional membership is for public entities, which
# the design counts as city halls, ministries, agencies and universities.
ORGANIZATION_AREAS_FOR_KIND: dict[str, set[str] | None] = {
    MembershipKind.CORPORATE: None,
    MembershipKind.INSTITUTIONAL: {Area.PUBLIC, Area.ACADEMIA},
    MembershipKind.POLITICAL: {Area.POLITICS},
}

# Renewal reminders, in days before the end of the period: 30 days before, on the day, and
# 30 days after (the last day of the grace period; the membership lapses the next day).
REMINDER_OFFSETS = (30, 0, -GRACE_DAYS)


# Dates ------------------------------------------------------------------------------------


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Return `day` moved `months` calendar months on, clamped to the end of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def period_end(starts_on: datetime.date, months: int) -> datetime.date:
    """Return the last day of a period of `months` calendar months starting on `starts_on`.

    The period ends the day before the same date `months` later, so the next period starts on
    that date and no day is lost or counted twice: 2026-03-15 + 12 months ends on 2027-03-14.
    A start on a day the target month lacks is clamped first: 2026-01-31 + 12 months reaches
    2027-01-31 and ends on 2027-01-30; 2026-01-31 + 1 month reaches 2026-02-28 and ends on
    2026-02-27.
    """
    return add_months(starts_on, months) - datetime.timedelta(days=1)


def payment_reference(membership: Membership) -> str:
    """Return the reference a member quotes when paying for `membership`."""
    return f"WSCO-{membership.pk:06d}"


# Member status ----------------------------------------------------------------------------


def sync_member_status(*, profiles, on: datetime.date | None = None) -> None:
    """Set `is_member` on `profiles` to whether each holds a current membership on `on`.

    A person is a member through a current individual membership, or through a seat on a
    current organization membership (the administrator holds a seat too).
    """
    ids = {profile if isinstance(profile, int) else profile.pk for profile in profiles}
    ids.discard(None)  # pragma: no mutate (lookups drop None anyway, without a query)
    if not ids:
        return
    current = Membership.objects.current(on)
    individual = current.filter(
        membership_type__kind=MembershipKind.INDIVIDUAL, profile_id__in=ids
    ).values_list("profile_id", flat=True)
    seated = (
        Seat.objects.filter(profile_id__in=ids, membership__in=current)
        .exclude(membership__membership_type__kind=MembershipKind.INDIVIDUAL)
        .values_list("profile_id", flat=True)
    )
    members = set(individual) | set(seated)
    joined = Profile.objects.filter(pk__in=members, is_member=False).update(is_member=True)
    left = Profile.objects.filter(pk__in=ids - members, is_member=True).update(is_member=False)
    if joined or left:
        directory_changed()


def covered_profile_ids(memberships) -> set[int]:
    """Return the ids of everyone `memberships` may make a member: holders and seats."""
    membership_ids = [membership.pk for membership in memberships]
    holders = Membership.objects.filter(pk__in=membership_ids).values_list("profile_id", flat=True)
    seats = Seat.objects.filter(membership_id__in=membership_ids).values_list(
        "profile_id", flat=True
    )
    return {pk for pk in (*holders, *seats) if pk is not None}


# Emails -----------------------------------------------------------------------------------


def staff_emails() -> list[str]:
    """Return the addresses of the secretariat (active staff accounts)."""
    return list(
        get_user_model()
        .objects.filter(is_staff=True, is_active=True)
        .order_by("email")
        .values_list("email", flat=True)
    )


def language_for(profile: Profile) -> str | None:
    """Return the first site language the person lists among theirs (None: the site's default).

    There is no separate preference for the language of emails; the languages a person lists
    on their profile are the best guess.
    """
    site_languages = {code for code, _name in settings.LANGUAGES}
    return next((code for code in profile.languages or [] if code in site_languages), None)


def email_person(profile: Profile, template: str, **context) -> None:
    """Email `profile` in their language, from the members templates named `template`."""
    queue_email(
        to=profile.user.email,
        template=f"members/email/{template}",
        context={"profile": profile, **context},
        language=language_for(profile),
    )


def _email_applicant(application: Application, template: str, **context) -> None:
    email_person(application.profile, template, application=application, **context)


def _tell_applicant(application: Application, kind: str, *, params=None, **context) -> None:
    """Tell the applicant of a decision: their notifications, and the email if they want it."""
    notify_person(
        application.profile,
        f"members.{kind}",
        about=application,
        context={"application": application, **context},
        application=application.pk,
        **(params or {}),
    )


def _email_staff(application: Application, template: str) -> None:
    recipients = staff_emails()
    if recipients:
        queue_email(
            to=recipients,
            template=f"members/email/{template}",
            context={"application": application, "profile": application.profile},
        )


# Joining ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileBasics:
    """What an applicant without a profile tells about themselves."""

    name: str
    country: str
    title: str = ""
    city: str = ""


@dataclass(frozen=True)
class NewOrganization:
    """An organization the applicant names because it is not on the platform yet."""

    name: str
    type: str
    country: str
    city: str = ""
    website: str = ""


def check_organization_for_type(
    *, membership_type: MembershipType, organization_type: str | None
) -> None:
    """Refuse an organization (or its absence) that `membership_type` does not admit."""
    if membership_type.kind not in ORGANIZATION_AREAS_FOR_KIND:
        return
    if organization_type is None:
        message = _("A %(type)s membership is held by an organization: choose or name one.")
        raise ValidationError({"organization": message % {"type": membership_type.name}})
    areas = ORGANIZATION_AREAS_FOR_KIND[membership_type.kind]
    if areas is not None and AREA_OF_TYPE[organization_type] not in areas:
        messages = {
            MembershipKind.INSTITUTIONAL: _(
                "Institutional membership is for public entities: a city hall, ministry, "
                "public agency or university."
            ),
            MembershipKind.POLITICAL: _(
                "Political organization membership is for political organizations."
            ),
        }
        raise ValidationError({"organization": messages[membership_type.kind]})


@transaction.atomic
def apply_for_membership(
    *,
    user,
    membership_type: MembershipType,
    motivation: str,
    organization: Organization | None = None,
    new_organization: NewOrganization | None = None,
    profile_basics: ProfileBasics | None = None,
) -> Application:
    """Submit `user`'s application, creating their profile and a new organization if needed.

    Everything happens in one transaction: a refused application leaves no profile or
    organization behind.
    """
    if not membership_type.is_available:
        raise ValidationError({"membership_type": _("This membership type is not on offer.")})
    if organization is not None and new_organization is not None:
        raise ValidationError(
            {"organization": _("Choose an existing organization or name a new one, not both.")}
        )
    organization_type = (
        organization.type if organization else new_organization and new_organization.type
    )
    check_organization_for_type(
        membership_type=membership_type, organization_type=organization_type or None
    )
    profile = Profile.objects.filter(user=user).first()
    if profile is None and profile_basics is None:
        raise ValidationError(_("Tell us your name and country first."))
    # pragma: no mutate: refused sooner than by the one-open-application constraint, which
    # `_create_application` turns into the same refusal (nothing is kept either way).
    if profile is not None and Application.objects.open().filter(profile=profile).exists():
        raise ValidationError(_("You already have an application in progress."))
    if new_organization is not None:
        organization = profile_services.create_organization(
            data={
                "name": new_organization.name,
                "type": new_organization.type,
                "country": new_organization.country,
                "city": new_organization.city,
                "website": new_organization.website,
            }
        )
    if profile is None:
        profile = profile_services.create_profile(
            user=user,
            data={
                "name": profile_basics.name,
                "title": profile_basics.title,
                "country": profile_basics.country,
                "city": profile_basics.city,
            },
        )
    if profile.organization_id is None and organization is not None:
        _affiliate_applicant(profile, organization, founded=new_organization is not None)
    application = _create_application(
        profile=profile,
        membership_type=membership_type,
        organization=organization if membership_type.for_organizations else None,
        motivation=motivation,
        by=user,
    )
    _email_staff(application, "staff_new_application")
    _email_applicant(application, "application_received")
    return application


def _affiliate_applicant(profile: Profile, organization: Organization, *, founded: bool) -> None:
    """List the applicant with the organization they created, or ask to join the one named."""
    # Imported here: the affiliations module reuses this module's emails.
    from wsco.members.services import affiliations

    if founded:
        affiliations.list_founder(profile=profile, organization=organization)
    else:
        affiliations.request_to_join(profile=profile, organization=organization)


def _create_application(*, profile, membership_type, organization, motivation, by, **fields):
    try:
        with transaction.atomic():
            application = Application.objects.create(
                profile=profile,
                membership_type=membership_type,
                organization=organization,
                motivation=motivation,
                **fields,
            )
    except IntegrityError as error:
        # Two submissions racing past the check above meet the one-open-application constraint.
        raise ValidationError(_("You already have an application in progress.")) from error
    ApplicationEvent.objects.create(application=application, action=Action.SUBMITTED, by=by)
    return application


@transaction.atomic
def request_information(*, application: Application, message: str, by) -> Application:
    """Ask the applicant a question; the application waits for their answer."""
    if not message.strip():
        raise ValidationError({"message": _("Write the question for the applicant.")})
    application = APPLICATION_WORKFLOW.take(
        application, "request_information", by=by, staff_message=message
    )
    ApplicationEvent.objects.create(
        application=application, action=Action.INFO_REQUESTED, by=by, message=message
    )
    _tell_applicant(application, "application_info_requested")
    return application


@transaction.atomic
def answer_application(*, application: Application, answer: str, by) -> Application:
    """Record the applicant's answer and put the application back in the staff's queue."""
    if not answer.strip():
        raise ValidationError({"answer": _("Write your answer.")})
    application = APPLICATION_WORKFLOW.take(application, "answer", by=by)
    ApplicationEvent.objects.create(
        application=application, action=Action.RESUBMITTED, by=by, message=answer
    )
    _email_staff(application, "staff_application_answered")
    return application


@transaction.atomic
def withdraw_application(*, application: Application, by) -> Application:
    """Withdraw an open application at the applicant's request."""
    application = APPLICATION_WORKFLOW.take(
        application, "withdraw", by=by, decided_at=timezone.now()
    )
    ApplicationEvent.objects.create(application=application, action=Action.WITHDRAWN, by=by)
    return application


def _approve(application: Application, *, by, message: str = "") -> Membership:
    """Approve an open application, locked for the step, into a membership awaiting payment."""
    APPLICATION_WORKFLOW.advance(application, "approve", decided_at=timezone.now(), decided_by=by)
    ApplicationEvent.objects.create(
        application=application, action=Action.APPROVED, by=by, message=message
    )
    membership_type = application.membership_type
    # The fee is copied, so a later change of price does not change what this member owes.
    membership = Membership.objects.create(
        membership_type=membership_type,
        profile=application.profile,
        organization=application.organization,
        application=application,
        status=MembershipStatus.AWAITING_PAYMENT,
        fee_amount=membership_type.fee_amount,
        fee_currency=membership_type.fee_currency,
    )
    _tell_applicant(
        application,
        "application_approved",
        params={"renewal": application.renewal_of_id is not None},
        membership=membership,
        reference=payment_reference(membership),
        seller=billing.seller(),
    )
    return membership


@transaction.atomic
def approve_application(*, application: Application, by) -> Membership:
    """Approve an open application: it becomes a membership awaiting payment of the fee."""
    return _approve(APPLICATION_WORKFLOW.lock(application, "approve", by=by), by=by)


@transaction.atomic
def reject_application(*, application: Application, reason: str, by) -> Application:
    """Reject an open application, telling the applicant why."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the applicant the reason.")})
    application = APPLICATION_WORKFLOW.take(
        application,
        "reject",
        by=by,
        staff_message=reason,
        decided_at=timezone.now(),
        decided_by=by,
    )
    ApplicationEvent.objects.create(
        application=application, action=Action.REJECTED, by=by, message=reason
    )
    _tell_applicant(application, "application_rejected")
    return application


# Renewal ----------------------------------------------------------------------------------


# The renewal form opens this many days before a period ends (the first reminder comes at 30).
RENEWAL_OPENS_DAYS = 60
# A period is followed by another when a later one of the same holder is awaiting payment or paid.
FOLLOWING_STATUSES = (MembershipStatus.AWAITING_PAYMENT, MembershipStatus.ACTIVE)


def renewable_ids(memberships, *, on: datetime.date | None = None) -> set[int]:
    """Return the ids of those `memberships` (one holder's, all of them) that may be renewed.

    A period may be renewed once it has started and is within `RENEWAL_OPENS_DAYS` of its end
    (or past it, lapsed included), unless a later period of the same holder and organization
    already follows it.
    """
    day = on or timezone.localdate()
    memberships = list(memberships)
    renewable = set()
    for membership in memberships:
        if membership.status not in (MembershipStatus.ACTIVE, MembershipStatus.LAPSED):
            continue
        if membership.starts_on > day or membership.ends_on - day > datetime.timedelta(
            days=RENEWAL_OPENS_DAYS
        ):
            continue
        followed = any(
            other.organization_id == membership.organization_id
            and other.status in FOLLOWING_STATUSES
            and other.created_at > membership.created_at
            for other in memberships
        )
        if not followed:
            renewable.add(membership.pk)
    return renewable


def can_renew(membership: Membership, *, on: datetime.date | None = None) -> bool:
    """Say whether `membership` may be renewed now (see `renewable_ids`)."""
    if membership.profile_id is None:
        return False
    others = Membership.objects.filter(profile_id=membership.profile_id)
    return membership.pk in renewable_ids(others, on=on)


def is_in_good_standing(membership: Membership, *, on: datetime.date | None = None) -> bool:
    """Say whether `membership` is current on `on` (grace period included)."""
    return Membership.objects.current(on).filter(pk=membership.pk).exists()


@transaction.atomic
def renew_membership(
    *, membership: Membership, motivation: str, by, on: datetime.date | None = None
) -> Application:
    """Apply to renew `membership` with the same type and organization, on `on` (today).

    A member in good standing (the membership is current, grace period included) is approved
    at once: the renewal waits only for the fee. A lapsed membership's renewal goes to the
    staff's review queue like a new application.
    """
    # Locked so that two renewals at once see each other's application.
    membership = MEMBERSHIP_WORKFLOW.lock(membership)
    if membership.profile is None or membership.profile.user_id != by.pk:
        raise ValidationError(_("Only the member or the organization's administrator renews."))
    if not can_renew(membership, on=on):
        raise ValidationError(_("This membership cannot be renewed now."))
    if not membership.membership_type.is_available:
        raise ValidationError(
            _("This membership type is no longer on offer: apply for another one.")
        )
    # pragma: no mutate: refused sooner than by the constraint (see `apply_for_membership`).
    if Application.objects.open().filter(profile=membership.profile).exists():
        raise ValidationError(_("You already have an application in progress."))
    application = _create_application(
        profile=membership.profile,
        membership_type=membership.membership_type,
        organization=membership.organization,
        motivation=motivation.strip() or _("Renewal"),
        by=by,
        renewal_of=membership,
    )
    if is_in_good_standing(membership, on=on):
        application = APPLICATION_WORKFLOW.lock(application, "approve")
        _approve(application, by=None, message=_("Renewal by a member in good standing."))
    else:
        _email_staff(application, "staff_new_application")
        _email_applicant(application, "application_received")
    return application


# Payments ---------------------------------------------------------------------------------


@transaction.atomic
def record_payment(
    *,
    membership: Membership,
    amount: Decimal,
    currency: str,
    paid_on: datetime.date,
    method: str,
    reference: str = "",
    invoice_note: str = "",
    by,
) -> Payment:
    """Record the fee paid for `membership`, issue its invoice and make it active for its
    type's period.

    The period starts on the payment day, or, for the renewal of a membership still current on
    that day, on the day after the renewed period ends (so no day is lost or counted twice).
    The invoice (`issue_invoice`) is numbered in the same transaction, and emailed to the
    member with the link to download it.
    """
    membership = MEMBERSHIP_WORKFLOW.lock(membership, "pay", by=by)
    currency = currency.strip().upper()
    errors = {}
    if currency != membership.fee_currency:
        errors["currency"] = _("The fee is in %(currency)s.") % {
            "currency": membership.fee_currency
        }
    if amount != membership.fee_amount:
        errors["amount"] = _("The fee is %(amount)s %(currency)s; %(paid)s was entered.") % {
            "amount": money(membership.fee_amount),
            "currency": membership.fee_currency,
            "paid": money(amount),
        }
    if paid_on > timezone.localdate():
        errors["paid_on"] = _("The payment date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    payment = Payment.objects.create(
        membership=membership,
        amount=amount,
        currency=currency,
        paid_on=paid_on,
        method=method,
        reference=reference,
        recorded_by=by,
    )
    invoice = issue_invoice(payment=payment, note=invoice_note)
    renewed = membership.application.renewal_of if membership.application_id else None
    if renewed is not None and is_in_good_standing(renewed, on=paid_on):
        starts_on = renewed.ends_on + datetime.timedelta(days=1)
    else:
        starts_on = paid_on
    MEMBERSHIP_WORKFLOW.advance(
        membership,
        "pay",
        starts_on=starts_on,
        ends_on=period_end(starts_on, membership.membership_type.period_months),
    )
    if membership.membership_type.for_organizations:
        _seat_people(membership, renewed=renewed, by=by)
    sync_member_status(profiles=covered_profile_ids([membership]))
    if membership.profile_id is not None:
        email_person(
            membership.profile,
            "membership_active",
            membership=membership,
            payment=payment,
            invoice=invoice,
        )
    return payment


@transaction.atomic
def cancel_membership(*, membership: Membership, by) -> Membership:
    """Cancel a membership awaiting payment or active (a mistake, or the member's request)."""
    # Saved by the workflow: the save's signal marks the directory changed.
    membership = MEMBERSHIP_WORKFLOW.take(membership, "cancel", by=by)
    sync_member_status(profiles=covered_profile_ids([membership]))
    return membership


def _seat_people(membership: Membership, *, renewed: Membership | None, by) -> None:
    """Seat the administrator and, on a renewal, everyone the renewed period covered."""
    people = set() if membership.profile_id is None else {membership.profile_id}
    if renewed is not None:
        people |= set(renewed.seats.values_list("profile_id", flat=True))
    # A seat added to this period while it awaited payment (`add_seat` covers every unfinished
    # period), or meanwhile (it locks the renewed period, not this one), is the same seat: the
    # conflict is ignored, not an error.
    Seat.objects.bulk_create(
        [
            Seat(membership=membership, profile_id=profile_id, added_by=by)
            for profile_id in sorted(people)
        ],
        ignore_conflicts=True,
    )


# The daily job ----------------------------------------------------------------------------


@dataclass
class DailyReport:
    """What one run of the daily membership jobs did."""

    reminders: dict[int, int]
    lapsed: int
    synced: int

    def lines(self) -> list[str]:
        """Return the report as lines for the command's output."""
        labels = {30: "30 days before the end", 0: "on the last day", -GRACE_DAYS: "30 days after"}
        return [
            *(
                f"Reminders sent {labels[offset]}: {count}"
                for offset, count in self.reminders.items()
            ),
            f"Memberships lapsed: {self.lapsed}",
            f"Member statuses checked: {self.synced}",
        ]


def due_reminder(membership: Membership, *, sent: set[int], today: datetime.date) -> int | None:
    """Return the reminder offset to send for `membership` today, if any.

    The latest offset whose day has come is the one due; an earlier offset missed while the
    job did not run is stale and is never sent once a later one is due or already sent.
    """
    reached = [
        offset
        for offset in REMINDER_OFFSETS
        if membership.ends_on - datetime.timedelta(days=offset) <= today
    ]
    if not reached:
        return None
    offset = min(reached)
    if any(sent_offset <= offset for sent_offset in sent):
        return None
    return offset


def send_due_reminders(*, today: datetime.date) -> dict[int, int]:
    """Send each current membership the renewal reminder due today; return counts by offset."""
    counts = dict.fromkeys(REMINDER_OFFSETS, 0)
    window_end = today + datetime.timedelta(days=max(REMINDER_OFFSETS))
    memberships = (
        Membership.objects.current(today)
        .filter(ends_on__lte=window_end, profile__isnull=False)
        # A membership renewed by a paid period gets no reminder for the old one.
        .exclude(
            renewal_applications__memberships__status=MembershipStatus.ACTIVE,
        )
        .select_related("membership_type", "organization", "profile__user")
        .prefetch_related("reminders")
    )
    for membership in memberships:
        sent = {reminder.days_before_end for reminder in membership.reminders.all()}
        offset = due_reminder(membership, sent=sent, today=today)
        if offset is None:
            continue
        try:
            # The reminder's row and its queued email commit together, or neither does.
            with transaction.atomic():
                Reminder.objects.create(membership=membership, days_before_end=offset)
                notify_person(
                    membership.profile,
                    "members.renewal_reminder",
                    about=membership,
                    context={
                        "membership": membership,
                        "days_left": (membership.ends_on - today).days,
                        "grace_ends_on": membership.grace_ends_on(),
                    },
                    offset=offset,
                )
        except IntegrityError:
            continue  # Another run sent it a moment ago.
        counts[offset] += 1
    return counts


@transaction.atomic
def lapse_memberships(*, today: datetime.date) -> list[Membership]:
    """Lapse the active memberships whose grace period ended before `today`."""
    expired = list(
        Membership.objects.select_for_update().filter(
            status=MembershipStatus.ACTIVE,
            ends_on__lt=today - datetime.timedelta(days=GRACE_DAYS),
        )
    )
    MEMBERSHIP_WORKFLOW.advance_all(
        Membership.objects.filter(pk__in=[membership.pk for membership in expired]), "lapse"
    )
    # pragma: no mutate: kept in case "current" ever reads the status. Today a membership past
    # its grace period is no longer current by its dates, which the cached pages (kept for the
    # day) were built from.
    if expired:
        directory_changed()
    return expired


def run_daily_membership_jobs(*, today: datetime.date | None = None) -> DailyReport:
    """Send the due renewal reminders, lapse expired memberships and re-sync member status.

    Safe to run twice: a reminder is recorded once per membership and offset, and a lapsed
    membership is no longer active.
    """
    today = today or timezone.localdate()
    reminders = send_due_reminders(today=today)
    lapsed = lapse_memberships(today=today)
    # Periods that start today (paid renewals) may make someone a member as of today.
    starting = Membership.objects.filter(status=MembershipStatus.ACTIVE, starts_on=today)
    people = covered_profile_ids([*lapsed, *starting])
    sync_member_status(profiles=people, on=today)
    return DailyReport(reminders=reminders, lapsed=len(lapsed), synced=len(people))
