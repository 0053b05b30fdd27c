"""Working groups, the problems they signal, their solutions, and meetings with decision makers.

The loop the platform keeps: a member signals a problem in a group; members endorse it; the
group analyses it and proposes solutions; the chair records the solution the group accepts; the
group presents it to decision makers at a meeting; their answer and commitments are recorded
against the problem, until it is resolved (or dismissed, with the reason). Every change of a
problem's state is a `ProblemEvent` (docs/groups.md).
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wsco.core.models import HistoryEntry, Theme, status_change_fields
from wsco.core.uploads import UploadField
from wsco.core.workflows import Workflow, step


class GroupType(models.TextChoices):
    MINISTERIAL = "ministerial", _("Ministerial")
    EXPERTS = "experts", _("Experts")
    REGIONAL = "regional", _("Regional")
    THEMATIC = "thematic", _("Thematic")
    OTHER = "other", _("Other")


class GroupVisibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Group members only")


class GroupStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class WorkingGroupQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Return the groups `user` may see: public ones, and members-only ones they belong to."""
        if user.is_authenticated and user.is_staff:
            return self
        public = models.Q(visibility=GroupVisibility.PUBLIC)
        if not user.is_authenticated:
            return self.filter(public)
        mine = models.Q(memberships__user=user, memberships__status=MemberStatus.ACTIVE)
        return self.filter(public | mine).distinct()


class WorkingGroup(models.Model):
    """A working group: its type, mandate, themes, chair and co-chairs, members and state."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    type = models.CharField(_("type"), max_length=20, choices=GroupType.choices)
    mandate = models.TextField(_("mandate"), help_text=_("What the group is for (Markdown)."))
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="working_groups", verbose_name=_("themes")
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=GroupVisibility.choices,
        default=GroupVisibility.PUBLIC,
        help_text=_(
            "A members-only group, its problems and meetings are seen by its members only."
        ),
    )
    status = models.CharField(
        _("state"), max_length=10, choices=GroupStatus.choices, default=GroupStatus.ACTIVE
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = WorkingGroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("groups:group", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.visibility == GroupVisibility.PUBLIC

    @property
    def is_active(self) -> bool:
        return self.status == GroupStatus.ACTIVE


GROUP_WORKFLOW = Workflow(
    WorkingGroup,
    steps={
        "close": step([GroupStatus.ACTIVE], GroupStatus.CLOSED),
        "reopen": step([GroupStatus.CLOSED], GroupStatus.ACTIVE),
    },
    refusal=_("This group is %(state)s."),
)


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    CO_CHAIR = "co_chair", _("Co-chair")
    MEMBER = "member", _("Member")


class MemberStatus(models.TextChoices):
    REQUESTED = "requested", _("Asked to join")
    INVITED = "invited", _("Invited")
    ACTIVE = "active", _("Member")
    DECLINED = "declined", _("Declined")
    LEFT = "left", _("Left")


LEADING_ROLES = (MemberRole.CHAIR, MemberRole.CO_CHAIR)


class GroupMembership(models.Model):
    """A person's place in a group: asked to join, invited, a member, or no longer."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships"
    )
    role = models.CharField(
        _("role"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    status = models.CharField(_("status"), max_length=10, choices=MemberStatus.choices)
    message = models.TextField(_("message"), blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["group", "role", "created_at"]
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="groups_one_place_per_person"),
            # One chair per group; co-chairs as many as the group wants.
            models.UniqueConstraint(
                fields=["group"],
                condition=models.Q(role="chair", status="active"),
                name="groups_one_chair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.group} ({self.status})"


MEMBERSHIP_WORKFLOW = Workflow(
    GroupMembership,
    steps={
        "approve": step([MemberStatus.REQUESTED], MemberStatus.ACTIVE, decision=True),
        "decline_request": step([MemberStatus.REQUESTED], MemberStatus.DECLINED, decision=True),
        "accept": step([MemberStatus.INVITED], MemberStatus.ACTIVE),
        "decline_invitation": step([MemberStatus.INVITED], MemberStatus.DECLINED),
        "leave": step([MemberStatus.ACTIVE], MemberStatus.LEFT),
        "ask_again": step([MemberStatus.DECLINED, MemberStatus.LEFT], MemberStatus.REQUESTED),
        "invite_again": step([MemberStatus.DECLINED, MemberStatus.LEFT], MemberStatus.INVITED),
    },
    refusal=_("This place in the group is %(state)s."),
    parties=lambda membership: {membership.user_id: _("the person asking to join")},
)


class Severity(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


class ProblemStatus(models.TextChoices):
    SIGNALLED = "signalled", _("Signalled")
    ANALYSED = "analysed", _("Analysed")
    SOLUTION_PROPOSED = "solution_proposed", _("Solution proposed")
    PRESENTED = "presented", _("Presented to decision makers")
    ANSWERED = "answered", _("Answered")
    RESOLVED = "resolved", _("Resolved")
    DISMISSED = "dismissed", _("Dismissed")
    MERGED = "merged", _("Merged into another")


# The register's order, the order of the chart of counts by status.
PROBLEM_STATUS_ORDER = list(ProblemStatus.values)
OPEN_STATUSES = [
    ProblemStatus.SIGNALLED,
    ProblemStatus.ANALYSED,
    ProblemStatus.SOLUTION_PROPOSED,
    ProblemStatus.PRESENTED,
]
# What the impact page lists: problems that reached a decision maker's answer or a resolution.
IMPACT_STATUSES = [ProblemStatus.ANSWERED, ProblemStatus.RESOLVED]


class ProblemQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Return the problems of the groups `user` may see."""
        return self.filter(group__in=WorkingGroup.objects.visible_to(user))

    def public(self):
        """Return the problems of public groups (feeds, the impact page, the theme registry)."""
        return self.filter(group__visibility=GroupVisibility.PUBLIC)


class Problem(models.Model):
    """A problem of the smart city industry a group signals, and where it stands."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="problems")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), help_text=_("Markdown."))
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="problems", verbose_name=_("themes")
    )
    affected = models.CharField(
        _("who is affected"),
        max_length=300,
        help_text=_("The people, cities or organizations the problem hurts."),
    )
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=ProblemStatus.choices, default=ProblemStatus.SIGNALLED
    )
    dismissal_reason = models.TextField(_("reason for dismissal"), blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_problems",
        verbose_name=_("merged into"),
    )
    signalled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("signalled at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProblemQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        indexes = [models.Index(fields=["status", "created_at"], name="groups_problem_status")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="dismissed") | ~models.Q(dismissal_reason=""),
                name="groups_dismissal_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="merged") | models.Q(merged_into__isnull=False),
                name="groups_merged_names_target",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("groups:problem", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


PROBLEM_WORKFLOW = Workflow(
    Problem,
    steps={
        "analyse": step([ProblemStatus.SIGNALLED], ProblemStatus.ANALYSED),
        # The group has accepted a solution to take to decision makers.
        "propose_solution": step(
            [ProblemStatus.SIGNALLED, ProblemStatus.ANALYSED], ProblemStatus.SOLUTION_PROPOSED
        ),
        "present": step([ProblemStatus.SOLUTION_PROPOSED], ProblemStatus.PRESENTED),
        "answer": step([ProblemStatus.PRESENTED, ProblemStatus.ANSWERED], ProblemStatus.ANSWERED),
        "resolve": step([ProblemStatus.ANSWERED], ProblemStatus.RESOLVED),
        "dismiss": step(OPEN_STATUSES, ProblemStatus.DISMISSED),
        "merge": step([ProblemStatus.SIGNALLED, ProblemStatus.ANALYSED], ProblemStatus.MERGED),
        "reopen": step([ProblemStatus.DISMISSED], ProblemStatus.SIGNALLED),
    },
    refusal=_("This problem is %(state)s."),
)


class ProblemEvent(HistoryEntry):
    """One change of a problem's state: who, when, from, to, and why; its history."""

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="events")
    from_status, to_status = status_change_fields(ProblemStatus.choices)
    comment = models.TextField(_("comment"), blank=True)

    class Meta(HistoryEntry.Meta):
        verbose_name = _("problem event")
        verbose_name_plural = _("problem events")

    def __str__(self) -> str:
        return f"{self.problem_id}: {self.from_status or '–'} → {self.to_status}"


class Evidence(models.Model):
    """A link or a file (checked by its content) behind a problem."""

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = UploadField(_("file"), kind="evidence", upload_to="groups/evidence/", blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(url="") | ~models.Q(file=""), name="groups_evidence_has_source"
            )
        ]

    def __str__(self) -> str:
        return self.title


class ProblemEndorsement(models.Model):
    """A group member's support of a problem: one each."""

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="endorsements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("endorsement of a problem")
        verbose_name_plural = _("endorsements of problems")
        constraints = [
            models.UniqueConstraint(
                fields=["problem", "user"], name="groups_one_problem_endorsement"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} + {self.problem}"


class SolutionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted by the group")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Solution(models.Model):
    """A solution proposed to a problem; the one the group accepts goes to decision makers."""

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="solutions")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("proposal"), help_text=_("Markdown."))
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="group_solutions", verbose_name=_("authors")
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SolutionStatus.choices, default=SolutionStatus.PROPOSED
    )
    votes_for = models.PositiveIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("votes against"), null=True, blank=True)
    abstentions = models.PositiveIntegerField(_("abstentions"), null=True, blank=True)
    decision_note = models.TextField(_("decision"), blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    paper = UploadField(_("position paper"), kind="pdf", upload_to="groups/papers/", blank=True)
    paper_published_at = models.DateTimeField(_("paper published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("proposed at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("solution")
        verbose_name_plural = _("solutions")
        constraints = [
            models.UniqueConstraint(
                fields=["problem"],
                condition=models.Q(status="accepted"),
                name="groups_one_accepted_solution",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.problem.get_absolute_url()}#solution-{self.pk}"

    @property
    def is_accepted(self) -> bool:
        return self.status == SolutionStatus.ACCEPTED


SOLUTION_WORKFLOW = Workflow(
    Solution,
    steps={
        "accept": step(
            [SolutionStatus.PROPOSED],
            SolutionStatus.ACCEPTED,
            refusal=_("Only a proposed solution can be accepted; this one is %(state)s."),
        ),
        "withdraw": step([SolutionStatus.PROPOSED], SolutionStatus.WITHDRAWN),
        "publish_paper": step([SolutionStatus.ACCEPTED]),
    },
    refusal=_("This solution is %(state)s."),
)


class SolutionEndorsement(models.Model):
    """A group member's support of a solution: one each."""

    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="endorsements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("endorsement of a solution")
        verbose_name_plural = _("endorsements of solutions")
        constraints = [
            models.UniqueConstraint(
                fields=["solution", "user"], name="groups_one_solution_endorsement"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} + {self.solution}"


class Comment(models.Model):
    """A group member's comment on a problem, or on one of its solutions (Markdown, sanitised)."""

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="comments")
    solution = models.ForeignKey(
        Solution, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("comment"), help_text=_("Markdown."))
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return f"{self.author} on {self.problem_id}"


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(models.Model):
    """A meeting of a group with decision makers: when, where, its agenda, minutes, decisions."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))  # UTC
    time_zone = models.CharField(
        _("time zone"), max_length=64, help_text=_("The place's time zone, e.g. Europe/Bucharest.")
    )
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"), default=90, validators=[MinValueValidator(5)]
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    link = models.URLField(_("online link"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    problems = models.ManyToManyField(
        Problem, through="AgendaItem", related_name="meetings", verbose_name=_("agenda")
    )
    minutes = models.TextField(_("minutes"), blank=True, help_text=_("Markdown."))
    minutes_published_at = models.DateTimeField(_("minutes published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sequence = models.PositiveIntegerField(default=0)  # the .ics SEQUENCE, raised by each change

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(place="") | ~models.Q(link=""), name="groups_meeting_has_place"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("groups:meeting", kwargs={"pk": self.pk})

    @property
    def minutes_are_published(self) -> bool:
        return self.minutes_published_at is not None


MEETING_WORKFLOW = Workflow(
    Meeting,
    steps={
        "hold": step([MeetingStatus.SCHEDULED], MeetingStatus.HELD),
        "cancel": step([MeetingStatus.SCHEDULED], MeetingStatus.CANCELLED),
        "edit_minutes": step([MeetingStatus.HELD]),
    },
    refusal=_("This meeting is %(state)s."),
)


class AgendaItem(models.Model):
    """A problem (and the solution the group presents) on a meeting's agenda."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="agenda_items")
    solution = models.ForeignKey(
        Solution, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "problem"], name="groups_problem_once")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} – {self.problem}"


class Attendee(models.Model):
    """Someone at a meeting: a group member, or an external decision maker without an account.

    A decision maker's email and phone are for the group's members only, never public.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    office = models.CharField(_("office"), max_length=200, blank=True)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_decision_maker = models.BooleanField(_("decision maker"), default=False)

    class Meta:
        ordering = ["-is_decision_maker", "name", "pk"]
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(name=""),
                name="groups_attendee_named",
            ),
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=models.Q(user__isnull=False),
                name="groups_member_attends_once",
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(self.user)

    @property
    def public_label(self) -> str:
        """Return the name with the office and institution, without contact details."""
        return ", ".join(part for part in (self.name, self.office, self.institution) if part)


class Decision(models.Model):
    """A decision taken at a meeting, about one of its problems or in general."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    problem = models.ForeignKey(
        Problem, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions"
    )
    text = models.TextField(_("decision"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.text[:60]


class ActionItem(models.Model):
    """Something a meeting asked someone to do by a date; the daily job reminds them."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    title = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="group_actions",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due on"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self) -> str:
        return self.title


class Answer(models.Model):
    """A decision maker's answer about a problem, the commitment made and when to follow up."""

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="answers")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="answers"
    )
    decision_maker = models.ForeignKey(
        Attendee, on_delete=models.SET_NULL, null=True, blank=True, related_name="answers"
    )
    given_by = models.CharField(
        _("given by"), max_length=300, help_text=_("Name, office and institution.")
    )
    text = models.TextField(_("answer"))
    commitment = models.TextField(_("commitment"), blank=True)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.given_by}: {self.text[:40]}"


class Reminder(models.Model):
    """A reminder sent once: of an action item due, or of an answer's follow-up date.

    `key` names what and when ("action:12:due-3"): the unique constraint makes the daily job
    safe to run twice, as two runs racing write one row and send one reminder.
    """

    key = models.CharField(max_length=100, unique=True)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")

    def __str__(self) -> str:
        return self.key
