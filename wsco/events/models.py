"""Events: the annual Smart City Urban Projects event (every March) and WSCO's other events.

An event has an agenda of sessions in rooms, ticket types with their prices and seats, and the
registrations people make. Seats are counted on the event's and the ticket type's rows, kept by
`services.register` on the locked rows; check constraints refuse any overbooking a lock would
miss (docs/events.md).
"""

import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wsco.core.models import Theme
from wsco.core.workflows import Workflow, step

TIME_ZONES = sorted(zoneinfo.available_timezones())


def new_ticket_code() -> str:
    """Return a ticket code: 10 characters of an alphabet without look-alikes (0/O, 1/I/L)."""
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _index in range(10))


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class EventSeries(models.Model):
    """Events that come back, such as the Smart City Urban Projects event every March."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    month = models.PositiveSmallIntegerField(
        _("month"),
        null=True,
        blank=True,
        choices=[(number, str(number)) for number in range(1, 13)],
        help_text=_("The month every edition starts in; empty: any month."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("event series")
        verbose_name_plural = _("event series")

    def __str__(self) -> str:
        return self.name


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    REGISTRATION_OPEN = "registration_open", _("Registration open")
    CLOSED = "closed", _("Registration closed")
    HELD = "held", _("Held")
    ARCHIVED = "archived", _("Archived")


PUBLIC_STATES = [state for state in EventStatus.values if state != EventStatus.DRAFT]


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status__in=PUBLIC_STATES)

    def open_to(self, user):
        """Return the events `user` may see: published ones; drafts to staff as well."""
        if user.is_authenticated and user.is_staff:
            return self
        return self.published()


class Event(models.Model):
    """An event: when and where, what about, how many seats, and its state."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    series = models.ForeignKey(
        EventSeries,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("series"),
    )
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Bucharest",
        choices=[(name, name) for name in TIME_ZONES],
    )
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.TextField(_("venue's address"), blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="events", verbose_name=_("themes")
    )
    sponsors = models.TextField(_("sponsors"), blank=True, help_text=_("One sponsor a line."))
    capacity = models.PositiveIntegerField(_("capacity"), help_text=_("Seats for the whole event."))
    # Kept by `services.register` and `services.cancel_registration` on the locked event row:
    # confirmed registrations and offers not yet answered hold a seat.
    seats_taken = models.PositiveIntegerField(_("seats taken"), default=0, editable=False)
    cancellation_deadline = models.DateTimeField(
        _("cancellation deadline"),
        null=True,
        blank=True,
        help_text=_("Attendees cancel until then; empty: until the event starts."),
    )
    offer_hours = models.PositiveIntegerField(
        _("hours to confirm a seat offered"),
        default=48,
        help_text=_("A seat offered from the waitlist waits this long for its answer."),
    )
    status = models.CharField(
        _("state"), max_length=20, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(seats_taken__lte=models.F("capacity")),
                name="event_not_overbooked",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The event must end after it starts.")})
        if self.series_id and self.series.month and self.starts_at:
            local = timezone.localtime(self.starts_at, self.zone)
            if local.month != self.series.month:
                raise ValidationError(
                    {
                        "starts_at": _("Every edition of %(series)s starts in month %(month)s.")
                        % {"series": self.series.name, "month": self.series.month}
                    }
                )

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATES

    @property
    def registration_is_open(self) -> bool:
        return self.status == EventStatus.REGISTRATION_OPEN

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.seats_taken, 0)

    def sponsor_list(self) -> list[str]:
        return [line.strip() for line in self.sponsors.splitlines() if line.strip()]

    def theme_slugs(self) -> list[str]:
        return [theme.slug for theme in self.themes.all()]


EVENT_WORKFLOW = Workflow(
    Event,
    steps={
        "publish": step([EventStatus.DRAFT], EventStatus.PUBLISHED),
        "open_registration": step(
            [EventStatus.PUBLISHED, EventStatus.CLOSED], EventStatus.REGISTRATION_OPEN
        ),
        "close_registration": step([EventStatus.REGISTRATION_OPEN], EventStatus.CLOSED),
        "mark_held": step(
            [EventStatus.PUBLISHED, EventStatus.REGISTRATION_OPEN, EventStatus.CLOSED],
            EventStatus.HELD,
        ),
        "archive": step([EventStatus.HELD], EventStatus.ARCHIVED),
        # Seats taken and given back: the state stays, the event row is locked.
        "count_seats": step(EventStatus.values),
    },
    refusal=_("This event is %(state)s."),
)


class SessionType(models.TextChoices):
    TALK = "talk", _("Talk")
    PANEL = "panel", _("Panel")
    PITCH = "pitch", _("Project pitch")
    WORKSHOP = "workshop", _("Workshop")


class Session(models.Model):
    """One item of an event's agenda, in a room, between two times, with its speakers."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("event")
    )
    title = models.CharField(_("title"), max_length=200)
    abstract = models.TextField(_("abstract"), blank=True)
    session_type = models.CharField(
        _("type"), max_length=10, choices=SessionType.choices, default=SessionType.TALK
    )
    room = models.CharField(_("room"), max_length=100)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    speakers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="event_sessions",
        verbose_name=_("speakers (members)"),
    )
    guest_speakers = models.TextField(
        _("guest speakers"), blank=True, help_text=_("One guest a line: name, then role.")
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="event_sessions", verbose_name=_("themes")
    )

    class Meta:
        ordering = ["starts_at", "room"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="events_session_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def guest_list(self) -> list[str]:
        return [line.strip() for line in self.guest_speakers.splitlines() if line.strip()]

    def guest_names(self) -> set[str]:
        """The guests' names, without their roles, folded for comparison."""
        return {line.split(",")[0].strip().casefold() for line in self.guest_list()}


class TicketKind(models.TextChoices):
    MEMBER = "member", _("Member")
    NON_MEMBER = "non_member", _("Non-member")
    SPEAKER = "speaker", _("Speaker")
    PRESS = "press", _("Press")
    CITY_OFFICIAL = "city_official", _("City official")


class TicketType(models.Model):
    """A kind of ticket to an event, its price and its own seats."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="ticket_types", verbose_name=_("event")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=TicketKind.choices)
    price = models.DecimalField(_("price"), max_digits=10, decimal_places=2, default=0)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    capacity = models.PositiveIntegerField(_("capacity"))
    seats_taken = models.PositiveIntegerField(_("seats taken"), default=0, editable=False)

    class Meta:
        ordering = ["event", "price", "kind"]
        verbose_name = _("ticket type")
        verbose_name_plural = _("ticket types")
        constraints = [
            models.UniqueConstraint(fields=["event", "kind"], name="events_one_ticket_per_kind"),
            models.CheckConstraint(
                condition=models.Q(seats_taken__lte=models.F("capacity")),
                name="ticket_type_not_overbooked",
            ),
            models.CheckConstraint(
                condition=models.Q(price__gte=0), name="events_ticket_price_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event}: {self.get_kind_display()}"

    @property
    def is_free(self) -> bool:
        return self.price == 0

    @property
    def label(self) -> str:
        """The ticket's kind and price, for a choice ("Member: 120.00 EUR", "Press: free")."""
        if self.is_free:
            return _("%(kind)s: free") % {"kind": self.get_kind_display()}
        return f"{self.get_kind_display()}: {self.price} {self.currency}"


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waitlist")
    OFFERED = "offered", _("Seat offered")
    CANCELLED = "cancelled", _("Cancelled")


# The states that hold a seat on the event and on the ticket type.
HOLDS_SEAT = [RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED]
ACTIVE = [*HOLDS_SEAT, RegistrationStatus.WAITLISTED]


class Registration(models.Model):
    """A person's registration to an event, with its ticket, its payment and its check-in."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    ticket_type = models.ForeignKey(
        TicketType,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("ticket type"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_registrations",
        verbose_name=_("attendee"),
    )
    status = models.CharField(_("state"), max_length=12, choices=RegistrationStatus.choices)
    ticket_code = models.CharField(
        _("ticket code"), max_length=12, unique=True, default=new_ticket_code, editable=False
    )
    calendar_token = models.CharField(
        _("calendar token"), max_length=40, unique=True, default=new_calendar_token, editable=False
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    offer_expires_at = models.DateTimeField(_("offer expires at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )
    amount_paid = models.DecimalField(
        _("amount paid"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    payment_reference = models.CharField(_("payment reference"), max_length=100, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    invoice = models.OneToOneField(
        "members.Invoice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="event_registration",
        verbose_name=_("invoice"),
    )

    class Meta:
        ordering = ["registered_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            # One registration per person and event, whatever happens to it; a cancelled one
            # is taken up again by registering anew.
            models.UniqueConstraint(fields=["event", "user"], name="events_one_registration"),
            models.CheckConstraint(
                condition=~models.Q(status=RegistrationStatus.OFFERED)
                | models.Q(offer_expires_at__isnull=False),
                name="events_offer_has_deadline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.event}"

    @property
    def holds_seat(self) -> bool:
        return self.status in HOLDS_SEAT

    @property
    def awaits_payment(self) -> bool:
        return (
            self.status == RegistrationStatus.CONFIRMED
            and not self.ticket_type.is_free
            and self.paid_at is None
        )


REGISTRATION_WORKFLOW = Workflow(
    Registration,
    steps={
        "rejoin": step([RegistrationStatus.CANCELLED], RegistrationStatus.CONFIRMED),
        "rejoin_waitlist": step([RegistrationStatus.CANCELLED], RegistrationStatus.WAITLISTED),
        "offer": step([RegistrationStatus.WAITLISTED], RegistrationStatus.OFFERED),
        "accept_offer": step(
            [RegistrationStatus.OFFERED],
            RegistrationStatus.CONFIRMED,
            refusal=_("No seat is offered to you: your registration is %(state)s."),
        ),
        "cancel": step(ACTIVE, RegistrationStatus.CANCELLED),
        "expire_offer": step([RegistrationStatus.OFFERED], RegistrationStatus.CANCELLED),
        "check_in": step(
            [RegistrationStatus.CONFIRMED],
            refusal=_("This ticket is %(state)s: it does not let anyone in."),
        ),
        "pay": step(
            [RegistrationStatus.CONFIRMED],
            decision=True,
            refusal=_("This registration is %(state)s."),
        ),
    },
    refusal=_("This registration is %(state)s."),
    parties=lambda registration: {registration.user_id: _("the attendee")},
)


class Meeting(models.Model):
    """A meeting one attendee asks another for, in a slot of the event; both must accept."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("event")
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_meetings_asked",
        verbose_name=_("asked by"),
    )
    invitee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_meetings_received",
        verbose_name=_("asked"),
    )
    starts_at = models.DateTimeField(_("starts at"))
    message = models.CharField(_("message"), max_length=500, blank=True)
    status = models.CharField(
        _("state"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(requester=models.F("invitee")),
                name="events_meeting_two_people",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester} / {self.invitee}"


MEETING_WORKFLOW = Workflow(
    Meeting,
    steps={
        "accept": step([Meeting.Status.REQUESTED], Meeting.Status.ACCEPTED),
        "decline": step([Meeting.Status.REQUESTED], Meeting.Status.DECLINED),
        "cancel": step(
            [Meeting.Status.REQUESTED, Meeting.Status.ACCEPTED], Meeting.Status.CANCELLED
        ),
    },
    refusal=_("This meeting is %(state)s."),
)


class SlotBooking(models.Model):
    """One person taken in one meeting slot: the unique constraint keeps anyone from being
    booked twice in a slot, whichever two requests race for it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="bookings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    starts_at = models.DateTimeField(_("starts at"))

    class Meta:
        verbose_name = _("slot booking")
        verbose_name_plural = _("slot bookings")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user", "starts_at"], name="events_one_meeting_per_slot"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.starts_at:%Y-%m-%d %H:%M}"


class Feedback(models.Model):
    """An attendee's rating and comment on a session after it."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("session")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("by")
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), choices=[(number, str(number)) for number in range(1, 6)]
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("session feedback")
        verbose_name_plural = _("session feedback")
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="events_one_feedback"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="events_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session}: {self.rating}/5"


class Reminder(models.Model):
    """A reminder sent to an attendee; one per registration and offset, so the daily run is
    idempotent."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="reminders"
    )
    days_before = models.SmallIntegerField(_("days before"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("event reminder")
        verbose_name_plural = _("event reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "days_before"], name="events_one_reminder_per_offset"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration}: {self.days_before}"


class ProjectCall(models.Model):
    """An event's call for projects: while open, cities and companies submit programme
    projects to pitch; reviewers score them on the stated criteria."""

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, related_name="call", verbose_name=_("event")
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    criteria = models.TextField(
        _("criteria"), help_text=_("One criterion a line; reviewers score each from 1 to 5.")
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("call for projects")
        verbose_name_plural = _("calls for projects")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="events_call_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event}: {self._meta.verbose_name}"

    def criteria_list(self) -> list[str]:
        return [line.strip() for line in self.criteria.splitlines() if line.strip()]

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Submission(models.Model):
    """A programme project submitted to an event's call, with its pitch; staff decide."""

    call = models.ForeignKey(
        ProjectCall, on_delete=models.CASCADE, related_name="submissions", verbose_name=_("call")
    )
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        related_name="event_submissions",
        verbose_name=_("project"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="event_submissions",
        verbose_name=_("submitted by"),
    )
    pitch = models.TextField(_("pitch"))
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="event_submissions", verbose_name=_("themes")
    )
    status = models.CharField(
        _("state"),
        max_length=10,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.SUBMITTED,
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_message = models.TextField(_("message"), blank=True)
    session = models.OneToOneField(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submission",
        verbose_name=_("pitch session"),
    )

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("project submission")
        verbose_name_plural = _("project submissions")
        constraints = [
            models.UniqueConstraint(fields=["call", "project"], name="events_one_submission"),
        ]

    def __str__(self) -> str:
        return str(self.project)


def _submission_parties(submission: Submission) -> dict:
    """The submitter and the project's team: none of them reviews or decides it."""
    parties = {
        user_id: _("on the project's team")
        for user_id in submission.project.team.values_list("user_id", flat=True)
    }
    parties[submission.submitted_by_id] = _("the submitter")
    return parties


SUBMISSION_WORKFLOW = Workflow(
    Submission,
    steps={
        "accept": step([SubmissionStatus.SUBMITTED], SubmissionStatus.ACCEPTED, decision=True),
        "decline": step([SubmissionStatus.SUBMITTED], SubmissionStatus.DECLINED, decision=True),
        "review": step([SubmissionStatus.SUBMITTED], decision=True),
    },
    refusal=_("This submission is %(state)s already."),
    parties=_submission_parties,
)


class SubmissionReview(models.Model):
    """A reviewer assigned to a submission, their deadline and, once given, their scores."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("submission")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="event_submission_reviews",
        verbose_name=_("reviewer"),
    )
    due_on = models.DateField(_("due on"))
    # Criterion (as the call states it) to its score, 1 to 5.
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    scored_at = models.DateTimeField(_("scored at"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("submission review")
        verbose_name_plural = _("submission reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "reviewer"], name="events_one_review_per_reviewer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.submission}: {self.reviewer}"

    @property
    def average(self):
        values = [int(value) for value in self.scores.values()]
        return round(sum(values) / len(values), 2) if values else None
