"""A city's smart-city project from vision to implementation: its team, money, gates and results.

A project moves through six stages in order (`Stage`); each ends at a gate whose checklist
its named reviewers decide on (go, rework, stop). The stage and the project's state change only
through `PROJECT_WORKFLOW` (`wsco.projects.services.gates`), which never skips a gate. Money is
`Decimal` with a currency code; totals are per currency, never added across currencies.
"""

from decimal import Decimal
from itertools import pairwise

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wsco.audits.models import Audit, City
from wsco.core.models import HistoryEntry, Theme
from wsco.core.uploads import UploadField
from wsco.core.workflows import Workflow, step
from wsco.members.models import Organization, Profile


class Stage(models.TextChoices):
    """The stages of a project, in order; each ends at a gate."""

    VISION = "vision", _("Vision")
    CONCEPT = "concept", _("Concept")
    FEASIBILITY = "feasibility", _("Feasibility")
    DESIGN = "design", _("Design and procurement")
    IMPLEMENTATION = "implementation", _("Implementation")
    OPERATION = "operation", _("Operation and evaluation")


STAGES: list[str] = [stage.value for stage in Stage]


def next_stage(stage: str) -> str | None:
    """Return the stage after `stage`, or None after the last."""
    index = STAGES.index(stage)
    return STAGES[index + 1] if index + 1 < len(STAGES) else None


class ProjectStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    STOPPED = "stopped", _("Stopped")
    COMPLETED = "completed", _("Completed")


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Private to its team")
    PUBLISHED = "published", _("Published")


class ProjectQuerySet(models.QuerySet):
    def published(self):
        return self.filter(visibility=Visibility.PUBLISHED)

    def visible_to(self, user):
        """Return the projects `user` may see: published ones, their team's, all for staff."""
        if user.is_authenticated and user.is_staff:
            return self
        if not user.is_authenticated:
            return self.published()
        mine = TeamMember.objects.filter(user=user).values("project_id")
        return self.filter(models.Q(visibility=Visibility.PUBLISHED) | models.Q(pk__in=mine))


class Project(models.Model):
    """A smart-city project owned by a city or another public entity."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    city = models.ForeignKey(
        City,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("city"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("public entity"),
        help_text=_("The public entity that owns the project, when it is not a city's."),
    )
    themes = models.ManyToManyField(Theme, related_name="projects", verbose_name=_("themes"))
    problem = models.TextField(_("problem it answers"), blank=True)
    # Indicator keys of the engine's catalogue the problem is about ("ISO37120:2018/19.1").
    problem_indicators = models.JSONField(_("weak indicators"), default=list, blank=True)
    source_audit = models.ForeignKey(
        Audit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("started from the audit"),
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default="vision")
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.ACTIVE
    )
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Title, summary and owner, folded, for the search index (`wsco.core.search`).
    search_document = models.TextField(editable=False, default="")

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "pk"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(city__isnull=False) | models.Q(organization__isnull=False),
                name="projects_project_has_owner",
            ),
        ]
        indexes = [
            models.Index(fields=["visibility", "stage"], name="projects_visibility_stage"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:project", kwargs={"slug": self.slug})

    @property
    def owner_name(self) -> str:
        return self.city.name if self.city_id else self.organization.name

    @property
    def is_published(self) -> bool:
        return self.visibility == Visibility.PUBLISHED

    @property
    def is_active(self) -> bool:
        return self.status == ProjectStatus.ACTIVE

    @property
    def stage_number(self) -> int:
        return STAGES.index(self.stage) + 1


def _project_state(project: Project) -> str:
    # A stopped or completed project keeps its stage: its state says where it ended.
    return project.stage if project.status == ProjectStatus.ACTIVE else project.status


ENDED = {
    ProjectStatus.STOPPED: _("This project is stopped."),
    ProjectStatus.COMPLETED: _("This project is completed."),
}


def _pass_gate(stage: str, to: str):
    return step([stage], to, refusal=ENDED)


# One step per gate, from its stage to the next: there is no step that skips a stage.
PROJECT_WORKFLOW = Workflow(
    Project,
    steps={
        **{f"pass_{stage}": _pass_gate(stage, following) for stage, following in pairwise(STAGES)},
        "complete": _pass_gate(Stage.OPERATION, ProjectStatus.COMPLETED),
        "stop": step(STAGES, ProjectStatus.STOPPED, refusal=ENDED),
    },
    refusal=_("The project is at the %(state)s stage."),
    states={**dict(Stage.choices), **dict(ProjectStatus.choices)},
    state=_project_state,
    state_fields=("stage", "status"),
)


class TeamRole(models.TextChoices):
    LEAD = "lead", _("Project lead")
    OFFICIAL = "official", _("City official")
    EXPERT = "expert", _("WSCO expert")
    PARTNER = "partner", _("Partner company")
    REVIEWER = "reviewer", _("Gate reviewer")


# Who runs the project: edits it, plans milestones and money, names the reviewers.
MANAGING_ROLES = [TeamRole.LEAD, TeamRole.OFFICIAL]


class TeamMember(models.Model):
    """A person on a project's team, with their role."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=TeamRole.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        ordering = ["role", "added_at", "pk"]
        verbose_name = _("project team member")
        verbose_name_plural = _("project team members")
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="projects_one_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Invitation(models.Model):
    """An invitation to a recommended member to join a project's team, with why they fit."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="invitations")
    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="project_invitations"
    )
    role = models.CharField(_("role"), max_length=20, choices=TeamRole.choices)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InvitationStatus.choices,
        default=InvitationStatus.PENDING,
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["-invited_at", "pk"]
        verbose_name = _("team invitation")
        verbose_name_plural = _("team invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "profile"],
                condition=models.Q(status="pending"),
                name="projects_one_open_invitation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.profile} → {self.project}"


INVITATION_WORKFLOW = Workflow(
    Invitation,
    steps={
        "accept": step([InvitationStatus.PENDING], InvitationStatus.ACCEPTED),
        "decline": step([InvitationStatus.PENDING], InvitationStatus.DECLINED),
    },
    refusal=_("This invitation is %(state)s."),
)


class Document(models.Model):
    """A document of a project (a study, a tender, a report): for its team and staff only."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = UploadField(_("file"), kind="evidence", upload_to="projects/documents/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        ordering = ["-uploaded_at", "pk"]
        verbose_name = _("project document")
        verbose_name_plural = _("project documents")

    def __str__(self) -> str:
        return self.title


SCALE = [MinValueValidator(1), MaxValueValidator(5)]


class Risk(models.Model):
    """A risk to a project: likelihood and impact from 1 to 5, its owner and mitigation."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="risks")
    title = models.CharField(_("risk"), max_length=200)
    likelihood = models.PositiveSmallIntegerField(_("likelihood (1-5)"), validators=SCALE)
    impact = models.PositiveSmallIntegerField(_("impact (1-5)"), validators=SCALE)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    mitigation = models.TextField(_("mitigation"), blank=True)

    class Meta:
        ordering = ["project", "pk"]
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(likelihood__gte=1, likelihood__lte=5, impact__gte=1)
                & models.Q(impact__lte=5),
                name="projects_risk_scale",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def score(self) -> int:
        """Return likelihood times impact (1 to 25): the usual risk matrix's product."""
        return self.likelihood * self.impact


AMOUNT = {"max_digits": 16, "decimal_places": 2, "validators": [MinValueValidator(Decimal(0))]}
CURRENCY_HELP = _("Three capital letters (ISO 4217), such as EUR or RON.")


class BudgetLine(models.Model):
    """One line of a project's budget for one year."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget_lines")
    label = models.CharField(_("budget line"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    amount = models.DecimalField(_("amount"), **AMOUNT)
    currency = models.CharField(_("currency"), max_length=3, help_text=CURRENCY_HELP)

    class Meta:
        ordering = ["year", "label", "pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="projects_budget_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.year}: {self.amount} {self.currency}"


class FundingKind(models.TextChoices):
    OWN_BUDGET = "own", _("Own budget")
    NATIONAL = "national", _("National programme")
    EU = "eu", _("EU funds")
    LOAN = "loan", _("Loan")
    PPP = "ppp", _("Public-private partnership")


class FundingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    APPLIED = "applied", _("Applied for")
    GRANTED = "granted", _("Granted")
    RECEIVED = "received", _("Received")


class FundingSource(models.Model):
    """Where a project's money comes from, how much, and how far it has got."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="funding")
    kind = models.CharField(_("kind"), max_length=20, choices=FundingKind.choices)
    name = models.CharField(_("source"), max_length=200)
    amount = models.DecimalField(_("amount"), **AMOUNT)
    currency = models.CharField(_("currency"), max_length=3, help_text=CURRENCY_HELP)
    status = models.CharField(
        _("status"), max_length=20, choices=FundingStatus.choices, default=FundingStatus.PLANNED
    )

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="projects_funding_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.amount} {self.currency}"


FUNDING_WORKFLOW = Workflow(
    FundingSource,
    steps={
        "apply": step([FundingStatus.PLANNED], FundingStatus.APPLIED),
        "grant": step([FundingStatus.APPLIED], FundingStatus.GRANTED),
        "receive": step([FundingStatus.GRANTED], FundingStatus.RECEIVED),
    },
    refusal=_("This funding is %(state)s."),
)


class Decision(models.TextChoices):
    GO = "go", _("Go")
    REWORK = "rework", _("Rework")
    STOP = "stop", _("Stop")


class Gate(models.Model):
    """The gate at the end of one stage of a project: its checklist, reviewers and outcome.

    `round` counts the reviews: a rework opens the next round, with the same checklist.
    `decision` is the outcome of the last finished round (go and stop are final).
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="gates")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("reviewers")
    )

    class Meta:
        ordering = ["project", "pk"]
        verbose_name = _("gate")
        verbose_name_plural = _("gates")
        constraints = [
            models.UniqueConstraint(fields=["project", "stage"], name="projects_one_gate"),
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.get_stage_display()}"

    @property
    def is_passed(self) -> bool:
        return self.decision == Decision.GO


class Criterion(models.Model):
    """One item of a gate's checklist, with the evidence that it is met."""

    gate = models.ForeignKey(Gate, on_delete=models.CASCADE, related_name="criteria")
    text = models.CharField(_("criterion"), max_length=300)
    evidence = models.TextField(_("evidence"), blank=True)
    document = models.ForeignKey(
        Document,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document"),
    )
    met = models.BooleanField(_("met"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["gate", "order", "pk"]
        verbose_name = _("gate criterion")
        verbose_name_plural = _("gate criteria")

    def __str__(self) -> str:
        return self.text


class Review(models.Model):
    """One named reviewer's decision at a gate, in one round, with their reason."""

    gate = models.ForeignKey(Gate, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    round = models.PositiveSmallIntegerField(_("round"))
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    reason = models.TextField(_("reason"))
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["gate", "round", "at", "pk"]
        verbose_name = _("gate review")
        verbose_name_plural = _("gate reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["gate", "reviewer", "round"], name="projects_one_review_per_round"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gate}: {self.decision}"


class Milestone(models.Model):
    """A milestone of one stage: its owner, planned and actual dates, and how far it is done."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    title = models.CharField(_("milestone"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="project_milestones",
        verbose_name=_("owner"),
    )
    planned_on = models.DateField(_("planned for"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )

    class Meta:
        ordering = ["planned_on", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="projects_progress_at_most_100"
            ),
            # Done means done: a date of completion goes with 100 %, and only with it.
            models.CheckConstraint(
                condition=models.Q(done_on__isnull=True, progress__lt=100)
                | models.Q(done_on__isnull=False, progress=100),
                name="projects_done_milestone_complete",
            ),
        ]
        indexes = [models.Index(fields=["planned_on"], name="projects_milestone_planned")]

    def __str__(self) -> str:
        return self.title

    def is_late(self, today=None) -> bool:
        """Say whether the milestone is past its planned date and not done (or was done late)."""
        today = today or timezone.localdate()
        if self.done_on is not None:
            return self.done_on > self.planned_on
        return today > self.planned_on

    def state(self, today=None) -> str:
        """Return "done", "late", "in_progress" or "planned"."""
        if self.done_on is not None:
            return "done"
        if self.is_late(today):
            return "late"
        return "in_progress" if self.progress else "planned"


MILESTONE_STATES = {
    "planned": _("Planned"),
    "in_progress": _("In progress"),
    "late": _("Late"),
    "done": _("Done"),
}


class MilestoneReminder(models.Model):
    """A reminder sent to a milestone's owner, once per milestone, planned date and offset."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="reminders")
    planned_on = models.DateField()
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("milestone reminder")
        verbose_name_plural = _("milestone reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["milestone", "planned_on", "days_before"],
                name="projects_one_reminder",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.milestone_id} −{self.days_before}"


class Kpi(models.Model):
    """A result the project is measured on: an indicator of the engine's catalogue.

    The baseline comes from the city's latest published audit when there is one; actuals come
    from later audits or are recorded by the team.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="kpis")
    indicator = models.CharField(_("indicator"), max_length=40)
    baseline = models.DecimalField(
        _("baseline"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    baseline_audit = models.ForeignKey(
        Audit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target = models.DecimalField(_("target"), max_digits=20, decimal_places=4)
    target_year = models.PositiveSmallIntegerField(
        _("target year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )

    class Meta:
        ordering = ["project", "indicator"]
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")
        constraints = [
            models.UniqueConstraint(fields=["project", "indicator"], name="projects_one_kpi"),
        ]

    def __str__(self) -> str:
        return self.indicator


class KpiActual(models.Model):
    """A KPI's value in one year: from a published audit, or recorded by the team."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="actuals")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    audit = models.ForeignKey(
        Audit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kpi", "year"]
        verbose_name = _("KPI actual")
        verbose_name_plural = _("KPI actuals")
        constraints = [
            models.UniqueConstraint(fields=["kpi", "year"], name="projects_one_actual_a_year"),
        ]

    def __str__(self) -> str:
        return f"{self.kpi_id} {self.year}: {self.value}"


class UpdateStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Update(models.Model):
    """News of a project from its team: a draft for the team, then published."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="updates")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Markdown."))
    status = models.CharField(
        _("status"), max_length=20, choices=UpdateStatus.choices, default=UpdateStatus.DRAFT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("project update")
        verbose_name_plural = _("project updates")
        indexes = [models.Index(fields=["status", "published_at"], name="projects_update_feed")]

    def __str__(self) -> str:
        return self.title


UPDATE_WORKFLOW = Workflow(
    Update,
    steps={"publish": step([UpdateStatus.DRAFT], UpdateStatus.PUBLISHED)},
    refusal=_("This update is %(state)s."),
)


class EventKind(models.TextChoices):
    CREATED = "created", _("Project created")
    EDITED = "edited", _("Project edited")
    PUBLISHED = "published", _("Project published")
    UNPUBLISHED = "unpublished", _("Project made private")
    REVIEW = "review", _("Gate review")
    STAGE = "stage", _("Stage changed")
    STOPPED = "stopped", _("Project stopped")
    COMPLETED = "completed", _("Project completed")
    MILESTONE = "milestone", _("Milestone")
    BUDGET = "budget", _("Budget changed")
    FUNDING = "funding", _("Funding changed")
    KPI = "kpi", _("KPI")
    TEAM = "team", _("Team changed")
    UPDATE = "update", _("Update published")


# What the public sees of a published project's timeline: its decisions and results, never
# who was invited, what a draft said or the internal figures of its budget lines.
PUBLIC_EVENT_KINDS = [
    EventKind.CREATED,
    EventKind.PUBLISHED,
    EventKind.STAGE,
    EventKind.STOPPED,
    EventKind.COMPLETED,
    EventKind.MILESTONE,
    EventKind.KPI,
    EventKind.UPDATE,
]


class TimelineEvent(HistoryEntry):
    """One thing that happened to a project: who, when, what (written by the services)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    text = models.CharField(_("what"), max_length=400)

    class Meta(HistoryEntry.Meta):
        ordering = ["-at", "-pk"]
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")

    def __str__(self) -> str:
        return f"{self.project_id} {self.kind}: {self.text}"
