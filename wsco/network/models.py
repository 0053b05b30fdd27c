"""Introductions, connections, messages, blocks, abuse reports and stored suggestions."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Greatest, Least
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wsco.core.workflows import Workflow, step
from wsco.members.models import Profile


class IntroductionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class IntroductionQuerySet(models.QuerySet):
    def pending(self):
        """Return the introductions still waiting for an answer."""
        return self.filter(status=IntroductionStatus.PENDING)

    def between(self, first: Profile, second: Profile):
        """Return the introductions between two people, in either direction."""
        return self.filter(
            models.Q(sender=first, recipient=second) | models.Q(sender=second, recipient=first)
        )

    def involving(self, profile: Profile):
        """Return the introductions `profile` sent or received."""
        return self.filter(models.Q(sender=profile) | models.Q(recipient=profile))


class Introduction(models.Model):
    """A double opt-in request to meet: asked by a member, or made by the secretariat.

    A member's request is accepted by its sender when it is made, so only the recipient answers.
    A staff introduction (`introduced_by` set) waits for both people to accept; the connection
    exists, and contact details are shared, only once both have.
    """

    sender = models.ForeignKey(
        Profile,
        on_delete=models.CASCADE,
        related_name="introductions_sent",
        verbose_name=_("asked by"),
    )
    recipient = models.ForeignKey(
        Profile,
        on_delete=models.CASCADE,
        related_name="introductions_received",
        verbose_name=_("asked to"),
    )
    message = models.TextField(_("message"), blank=True)
    introduced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("introduced by the secretariat"),
    )
    staff_note = models.TextField(_("note from the secretariat"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=IntroductionStatus.choices,
        default=IntroductionStatus.PENDING,
    )
    sender_accepted = models.BooleanField(_("accepted by the first person"), default=True)
    recipient_accepted = models.BooleanField(_("accepted by the second person"), default=False)
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    objects = IntroductionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")
        indexes = [
            models.Index(fields=["sender", "created_at"]),
            models.Index(fields=["recipient", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(sender=models.F("recipient")),
                name="network_introduction_two_people",
            ),
            # One open introduction between the same two people, whoever asked.
            models.UniqueConstraint(
                Least("sender", "recipient"),
                Greatest("sender", "recipient"),
                condition=models.Q(status="pending"),
                name="network_one_open_introduction_per_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sender} → {self.recipient} ({self.status})"

    @property
    def is_pending(self) -> bool:
        return self.status == IntroductionStatus.PENDING

    @property
    def by_staff(self) -> bool:
        return self.introduced_by_id is not None

    def other(self, profile: Profile) -> Profile:
        """Return the person on the other side from `profile`."""
        return self.recipient if profile.pk == self.sender_id else self.sender

    def has_accepted(self, profile: Profile) -> bool:
        """Say whether `profile` has accepted this introduction."""
        return self.sender_accepted if profile.pk == self.sender_id else self.recipient_accepted


ANSWERED = _("This request has already been answered.")

INTRODUCTION_WORKFLOW = Workflow(
    Introduction,
    steps={
        # One side of a staff introduction accepts; it waits for the other.
        "accept_one_side": step([IntroductionStatus.PENDING], refusal=ANSWERED),
        "accept": step([IntroductionStatus.PENDING], IntroductionStatus.ACCEPTED, refusal=ANSWERED),
        "decline": step(
            [IntroductionStatus.PENDING], IntroductionStatus.DECLINED, refusal=ANSWERED
        ),
        "withdraw": step(
            [IntroductionStatus.PENDING], IntroductionStatus.WITHDRAWN, refusal=ANSWERED
        ),
        # A block closes the open requests between the two people.
        "close_on_block": step([IntroductionStatus.PENDING], IntroductionStatus.DECLINED),
    },
    refusal=ANSWERED,
    parties=lambda introduction: {
        introduction.sender.user_id: _("one of the two people introduced"),
        introduction.recipient.user_id: _("one of the two people introduced"),
    },
)


class ConnectionQuerySet(models.QuerySet):
    def active(self):
        """Return the connections neither person has ended by a block."""
        return self.filter(ended_at__isnull=True)

    def of(self, profile: Profile):
        """Return the live connections `profile` is part of."""
        return self.active().filter(models.Q(first=profile) | models.Q(second=profile))


class Connection(models.Model):
    """Two members who accepted to meet: each sees the other's contact details, and can write."""

    # Stored with first.pk < second.pk, so that a pair has one row whatever the order.
    first = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    introduction = models.ForeignKey(
        Introduction, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("connected at"), default=timezone.now)
    last_message_at = models.DateTimeField(_("last message at"), null=True, blank=True)
    # Set when one of the two blocks the other: the thread and contact details close.
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    objects = ConnectionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("connection")
        verbose_name_plural = _("connections")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="network_unique_connection"),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")),
                name="network_connection_ordered_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first} – {self.second}"

    def get_absolute_url(self) -> str:
        return reverse("network:thread", kwargs={"pk": self.pk})

    def other(self, profile: Profile) -> Profile:
        """Return the person on the other side from `profile`."""
        return self.second if profile.pk == self.first_id else self.first

    def includes(self, profile: Profile) -> bool:
        return profile.pk in (self.first_id, self.second_id)

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class Message(models.Model):
    """One message in the thread between two connected members."""

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="+", verbose_name=_("from")
    )
    body = models.TextField(_("message"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [models.Index(fields=["connection", "sent_at"])]

    def __str__(self) -> str:
        return f"{self.sender}: {self.body[:40]}"


class Block(models.Model):
    """A member who does not want to hear from another: no suggestions, requests or messages."""

    blocker = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="blocks_made", verbose_name=_("blocked by")
    )
    blocked = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="+", verbose_name=_("blocked person")
    )
    created_at = models.DateTimeField(_("blocked at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="network_unique_block")
        ]

    def __str__(self) -> str:
        return f"{self.blocker} blocked {self.blocked}"


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam or unwanted selling")
    HARASSMENT = "harassment", _("Harassment or abuse")
    FAKE = "fake", _("Fake or misleading profile")
    OTHER = "other", _("Something else")


class ReportQuerySet(models.QuerySet):
    def open(self):
        """Return the reports staff have not resolved yet."""
        return self.filter(resolved_at__isnull=True)


class Report(models.Model):
    """A member's report of abuse by another member, for the secretariat to look at."""

    reporter = models.ForeignKey(
        Profile,
        on_delete=models.CASCADE,
        related_name="reports_made",
        verbose_name=_("reported by"),
    )
    reported = models.ForeignKey(
        Profile,
        on_delete=models.CASCADE,
        related_name="reports_received",
        verbose_name=_("reported person"),
    )
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason.choices)
    details = models.TextField(_("what happened"), blank=True)
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    resolution = models.TextField(_("what the secretariat did"), blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("abuse report")
        verbose_name_plural = _("abuse reports")

    def __str__(self) -> str:
        return f"{self.reporter} reported {self.reported} ({self.reason})"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


REPORT_WORKFLOW = Workflow(
    Report,
    states={"open": _("Open"), "resolved": _("Resolved")},
    state=lambda report: "open" if report.resolved_at is None else "resolved",
    state_fields=("resolved_at",),
    steps={"resolve": step(["open"], "resolved", decision=True)},
    refusal=_("This report is resolved already."),
    parties=lambda report: {
        report.reporter.user_id: _("the member who reported"),
        report.reported.user_id: _("the member reported"),
    },
)


class DismissedSuggestion(models.Model):
    """A person a member said "Not interested" to: never suggested to them again."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    dismissed = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("dismissed at"), default=timezone.now)

    class Meta:
        verbose_name = _("dismissed suggestion")
        verbose_name_plural = _("dismissed suggestions")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "dismissed"], name="network_unique_dismissal"
            )
        ]

    def __str__(self) -> str:
        return f"{self.profile} is not interested in {self.dismissed}"


class Suggestion(models.Model):
    """One person a member should meet, as the matching engine ranked them, with its reasons.

    The rows are the engine's output, written by `services.refresh_suggestions` (the task worker
    and the `network_rebuild` command); pages and the API only read them.
    """

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="suggestions")
    suggested = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField(_("rank"))
    score = models.FloatField(_("score"))
    # The engine's reasons as data ({"code": ..., params}); rendered in the reader's language.
    reasons = models.JSONField(_("reasons"), default=list)
    computed_at = models.DateTimeField(_("computed at"), default=timezone.now)

    class Meta:
        ordering = ["profile", "rank"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        indexes = [models.Index(fields=["profile", "rank"])]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "suggested"], name="network_unique_suggestion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.profile} → {self.suggested} (#{self.rank})"
