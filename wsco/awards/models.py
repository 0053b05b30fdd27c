"""The Smart City Industry Awards: editions, categories, nominations, jury, votes and results.

An edition's timetable decides what its pages offer: the phase is computed from the dates and the
clock (`Edition.phase_at`), never set by hand. A category says who or what may be nominated and
how the jury scores (weighted criteria on a 1-10 scale). Staff screen each nomination through
its workflow; jurors score the eligible ones they have no conflict with; members vote once per
category; at the announcement time the results are settled and certificates issued
(docs/awards.md).
"""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wsco.audits.models import City
from wsco.core.links import web_url
from wsco.core.models import Theme
from wsco.core.uploads import UploadField
from wsco.core.workflows import Workflow, step
from wsco.members import people
from wsco.members.models import Organization, Profile
from wsco.projects.models import Project

LOWEST_SCORE = 1
HIGHEST_SCORE = 10


def _in_language(english: str, romanian: str) -> str:
    """Return the Romanian text when the page is in Romanian and there is one."""
    return romanian if romanian and (get_language() or "").startswith("ro") else english


class Phase(models.TextChoices):
    """Where an edition stands, read from its timetable and the clock."""

    UPCOMING = "upcoming", _("Nominations not yet open")
    NOMINATIONS = "nominations", _("Nominations open")
    SCREENING = "screening", _("Screening")
    JURY = "jury", _("Jury at work")
    DELIBERATION = "deliberation", _("Results being settled")
    ANNOUNCED = "announced", _("Results announced")


class Edition(models.Model):
    """One year's awards and its timetable."""

    year = models.PositiveIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2200)]
    )
    title = models.CharField(_("title"), max_length=200)
    title_ro = models.CharField(_("title (Romanian)"), max_length=200, blank=True)
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))
    introduction_ro = models.TextField(_("introduction (Romanian)"), blank=True)
    nominations_open_at = models.DateTimeField(_("nominations open"))
    nominations_close_at = models.DateTimeField(_("nominations close"))
    screening_ends_at = models.DateTimeField(_("screening ends"))
    jury_ends_at = models.DateTimeField(_("jury ends"))
    vote_opens_at = models.DateTimeField(_("public vote opens"))
    vote_closes_at = models.DateTimeField(_("public vote closes"))
    announce_at = models.DateTimeField(_("announcement"))
    # Set once, by `services.results.announce_edition`, when the results were settled and the
    # certificates issued; pages show results only from `announce_at` and once this is set.
    announced_at = models.DateTimeField(_("results settled at"), null=True, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("awards edition")
        verbose_name_plural = _("awards editions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(nominations_close_at__gt=models.F("nominations_open_at"))
                & models.Q(screening_ends_at__gte=models.F("nominations_close_at"))
                & models.Q(jury_ends_at__gte=models.F("screening_ends_at"))
                & models.Q(vote_opens_at__gte=models.F("screening_ends_at"))
                & models.Q(vote_closes_at__gt=models.F("vote_opens_at"))
                & models.Q(announce_at__gte=models.F("jury_ends_at"))
                & models.Q(announce_at__gte=models.F("vote_closes_at")),
                name="awards_edition_timetable_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.display_title

    def get_absolute_url(self) -> str:
        return reverse("awards:edition", kwargs={"year": self.year})

    @property
    def display_title(self) -> str:
        return _in_language(self.title, self.title_ro)

    @property
    def display_introduction(self) -> str:
        return _in_language(self.introduction, self.introduction_ro)

    # The timetable in order: each date and the phase that starts at it.
    def timetable(self) -> list[tuple[str, object]]:
        """Return the timetable's dates with what happens at each, in order."""
        return [
            (_("Nominations open"), self.nominations_open_at),
            (_("Nominations close"), self.nominations_close_at),
            (_("Screening ends; the jury starts"), self.screening_ends_at),
            (_("Public vote opens"), self.vote_opens_at),
            (_("Public vote closes"), self.vote_closes_at),
            (_("Jury ends"), self.jury_ends_at),
            (_("Winners announced"), self.announce_at),
        ]

    def clean(self) -> None:
        order = [
            ("nominations_close_at", self.nominations_open_at, self.nominations_close_at),
            ("screening_ends_at", self.nominations_close_at, self.screening_ends_at),
            ("jury_ends_at", self.screening_ends_at, self.jury_ends_at),
            ("vote_opens_at", self.screening_ends_at, self.vote_opens_at),
            ("vote_closes_at", self.vote_opens_at, self.vote_closes_at),
            ("announce_at", self.jury_ends_at, self.announce_at),
            ("announce_at", self.vote_closes_at, self.announce_at),
        ]
        for field, earlier, later in order:
            if earlier and later and later < earlier:
                raise ValidationError(
                    {field: _("This date comes before the step it follows in the timetable.")}
                )

    def phase_at(self, moment) -> str:
        """Return the phase of the edition at `moment`, from its timetable."""
        if moment < self.nominations_open_at:
            return Phase.UPCOMING
        if moment < self.nominations_close_at:
            return Phase.NOMINATIONS
        if moment < self.screening_ends_at:
            return Phase.SCREENING
        if moment < self.jury_ends_at:
            return Phase.JURY
        if moment < self.announce_at:
            return Phase.DELIBERATION
        return Phase.ANNOUNCED

    @property
    def phase(self) -> str:
        return self.phase_at(timezone.now())

    @property
    def phase_label(self) -> str:
        return Phase(self.phase).label

    def nominations_open(self, moment=None) -> bool:
        return self.phase_at(moment or timezone.now()) == Phase.NOMINATIONS

    def jury_open(self, moment=None) -> bool:
        return self.phase_at(moment or timezone.now()) == Phase.JURY

    def vote_open(self, moment=None) -> bool:
        moment = moment or timezone.now()
        return self.vote_opens_at <= moment < self.vote_closes_at

    def is_announced(self, moment=None) -> bool:
        """Say whether the results are out: the time has come and they were settled."""
        moment = moment or timezone.now()
        return self.announced_at is not None and moment >= self.announce_at


class NomineeKind(models.TextChoices):
    PROJECT = "project", _("A project")
    MEMBER = "member", _("A member")
    ORGANIZATION = "organization", _("An organization")
    CITY = "city", _("A city")


# The Nomination field that holds each kind of nominee.
NOMINEE_FIELD = {
    NomineeKind.PROJECT: "project",
    NomineeKind.MEMBER: "profile",
    NomineeKind.ORGANIZATION: "organization",
    NomineeKind.CITY: "city",
}


# The pages under an edition's address that are not categories (wsco/awards/urls.py).
RESERVED_SLUGS = {"screening", "conflicts"}


class Category(models.Model):
    """An award of an edition: what it honours, who may be nominated, how the jury scores."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="categories")
    slug = models.SlugField(_("slug"), max_length=120)
    name = models.CharField(_("name"), max_length=200)
    name_ro = models.CharField(_("name (Romanian)"), max_length=200, blank=True)
    description = models.TextField(_("description"), help_text=_("Markdown."))
    description_ro = models.TextField(_("description (Romanian)"), blank=True)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="award_categories", verbose_name=_("themes")
    )
    nominee_kind = models.CharField(
        _("who or what is nominated"), max_length=20, choices=NomineeKind.choices
    )
    eligible_from = models.DateField(
        _("eligible from"),
        null=True,
        blank=True,
        help_text=_("A nominated project must have started on or after this day."),
    )
    eligible_until = models.DateField(
        _("eligible until"),
        null=True,
        blank=True,
        help_text=_("A nominated project must have started on or before this day."),
    )
    membership_required = models.BooleanField(
        _("membership required"),
        default=False,
        help_text=_("The nominee (or the project's owner) must be a current member."),
    )
    self_nomination = models.BooleanField(
        _("self-nominations allowed"),
        default=False,
        help_text=_("People may nominate themselves, their organization or their project."),
    )
    blind = models.BooleanField(
        _("blind judging"), default=False, help_text=_("Jurors do not see the nominee's name.")
    )
    calibration_minimum = models.PositiveSmallIntegerField(
        _("nominations scored before calibration"),
        default=3,
        validators=[MinValueValidator(2)],
        help_text=_("A juror's scores are standardised once they scored this many nominations."),
    )
    finalists = models.PositiveSmallIntegerField(
        _("finalists"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_("How many nominations are announced as finalists, the winner included."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    jurors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="JurorAssignment",
        through_fields=("category", "juror"),
        related_name="award_categories_judged",
        verbose_name=_("jurors"),
    )

    class Meta:
        ordering = ["edition", "position", "pk"]
        verbose_name = _("award category")
        verbose_name_plural = _("award categories")
        constraints = [
            models.UniqueConstraint(fields=["edition", "slug"], name="awards_category_slug"),
            models.CheckConstraint(
                condition=models.Q(eligible_from__isnull=True)
                | models.Q(eligible_until__isnull=True)
                | models.Q(eligible_until__gte=models.F("eligible_from")),
                name="awards_category_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.edition.year})"

    def get_absolute_url(self) -> str:
        return reverse("awards:category", kwargs={"year": self.edition.year, "slug": self.slug})

    def clean(self) -> None:
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This word is taken by a page of the edition.")})

    @property
    def display_name(self) -> str:
        return _in_language(self.name, self.name_ro)

    @property
    def display_description(self) -> str:
        return _in_language(self.description, self.description_ro)

    @property
    def nominee_field(self) -> str:
        return NOMINEE_FIELD[self.nominee_kind]


class Criterion(models.Model):
    """A line of a category's rubric: what is judged, its weight, and the scale's anchors."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=200)
    name_ro = models.CharField(_("criterion (Romanian)"), max_length=200, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    anchor_low = models.CharField(_("what a 1 means"), max_length=300)
    anchor_middle = models.CharField(_("what a 5 means"), max_length=300)
    anchor_high = models.CharField(_("what a 10 means"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["category", "position", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.CheckConstraint(condition=models.Q(weight__gte=1), name="awards_weight_positive")
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return _in_language(self.name, self.name_ro)


class NominationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting screening")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Not eligible")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Nomination(models.Model):
    """A nominee put forward in a category by a member, with a statement and material."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="nominations")
    nominator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="award_nominations",
        verbose_name=_("nominated by"),
    )
    # One nominee per nomination, in the field of the category's kind (a check says exactly one).
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, null=True, blank=True, related_name="award_nominations"
    )
    profile = models.ForeignKey(
        Profile,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_nominations",
        verbose_name=_("member"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_nominations",
    )
    city = models.ForeignKey(
        City, on_delete=models.PROTECT, null=True, blank=True, related_name="award_nominations"
    )
    statement = models.TextField(
        _("statement"), help_text=_("Why this nominee deserves the award. Markdown.")
    )
    links = models.TextField(
        _("links"), blank=True, help_text=_("Addresses of supporting material, one a line.")
    )
    material = UploadField(
        _("supporting file"),
        kind="evidence",
        upload_to="awards/material/",
        blank=True,
        help_text=_("A PDF, an image or a spreadsheet."),
    )
    status = models.CharField(
        _("state"),
        max_length=12,
        choices=NominationStatus.choices,
        default=NominationStatus.SUBMITTED,
    )
    screening_reason = models.TextField(
        _("screening reason"), blank=True, help_text=_("Shown to the nominator.")
    )
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("screened by"),
    )
    screened_at = models.DateTimeField(_("screened at"), null=True, blank=True)
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["category", "created_at", "pk"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(project__isnull=False)
                    & models.Q(profile__isnull=True, organization__isnull=True, city__isnull=True)
                )
                | (
                    models.Q(profile__isnull=False)
                    & models.Q(project__isnull=True, organization__isnull=True, city__isnull=True)
                )
                | (
                    models.Q(organization__isnull=False)
                    & models.Q(project__isnull=True, profile__isnull=True, city__isnull=True)
                )
                | (
                    models.Q(city__isnull=False)
                    & models.Q(
                        project__isnull=True, profile__isnull=True, organization__isnull=True
                    )
                ),
                name="awards_nomination_one_nominee",
            ),
            *[
                models.UniqueConstraint(
                    fields=["category", field],
                    condition=models.Q(**{f"{field}__isnull": False}),
                    name=f"awards_nominated_once_{field}",
                )
                for field in NOMINEE_FIELD.values()
            ],
        ]

    def __str__(self) -> str:
        return f"{self.nominee_name} – {self.category}"

    def get_absolute_url(self) -> str:
        return reverse("awards:nomination", kwargs={"pk": self.pk})

    @property
    def nominee(self):
        return getattr(self, NOMINEE_FIELD[self.category.nominee_kind])

    @property
    def nominee_name(self) -> str:
        nominee = self.nominee
        return str(nominee) if nominee is not None else ""

    @property
    def nominee_url(self) -> str:
        """The nominee's own page, when it has one anyone may open."""
        nominee = self.nominee
        if nominee is None:
            return ""
        if isinstance(nominee, Project) and nominee.visibility != "published":
            return ""
        if isinstance(nominee, Profile) and nominee.visibility != "public":
            return ""
        return nominee.get_absolute_url()

    def nominee_shown_to(self, viewer, *, named: bool = False) -> tuple[str, str]:
        """Return the nominee's name and page as `viewer` may see them.

        A member nominee is shown by their profile's visibility (docs/privacy.md): to a visitor,
        a hidden member is "A member". `named`: the viewer decides on the nomination (screening,
        the jury), so is shown the name, as a request's other side is.
        """
        if self.profile_id and self.category.nominee_kind == NomineeKind.MEMBER:
            person = people.show(self.profile, viewer, named=named)
            return str(person.name), person.profile_url
        return self.nominee_name, self.nominee_url

    @property
    def link_list(self) -> list[str]:
        """The supporting links that are web addresses (nothing else is ever linked to)."""
        return [url for url in (web_url(line.strip()) for line in self.links.splitlines()) if url]

    def nominee_user_ids(self) -> set[int]:
        """The accounts that are the nominee: the member, or the project's team."""
        if self.profile_id:
            return {self.profile.user_id}
        if self.project_id:
            return set(self.project.team.values_list("user_id", flat=True))
        return set()

    def order_key(self, juror_id: int) -> str:
        """The place of this nomination in `juror_id`'s own list: random, but stable.

        A hash of the juror and the nomination gives each juror a different order that stays
        the same from one visit to the next, without storing it.
        """
        return hashlib.sha256(f"awards:{juror_id}:{self.pk}".encode()).hexdigest()


def _nomination_parties(nomination: Nomination) -> dict[int, str]:
    parties = {user_id: str(_("the nominee")) for user_id in nomination.nominee_user_ids()}
    for seconder_id in nomination.secondments.values_list("seconder_id", flat=True):
        parties.setdefault(seconder_id, str(_("a seconder")))
    parties[nomination.nominator_id] = str(_("the nominator"))
    return parties


NOMINATION_WORKFLOW = Workflow(
    Nomination,
    steps={
        "declare_eligible": step(
            [NominationStatus.SUBMITTED, NominationStatus.INELIGIBLE],
            NominationStatus.ELIGIBLE,
            decision=True,
        ),
        "declare_ineligible": step(
            [NominationStatus.SUBMITTED, NominationStatus.ELIGIBLE],
            NominationStatus.INELIGIBLE,
            decision=True,
        ),
        "withdraw": step([NominationStatus.SUBMITTED], NominationStatus.WITHDRAWN),
        # Edits keep the state; the step only checks that the nomination is still open to them.
        "edit": step([NominationStatus.SUBMITTED]),
    },
    refusal=_("This nomination is %(state)s."),
    parties=_nomination_parties,
)


class Secondment(models.Model):
    """A member's support of someone else's nomination, with a short statement.

    One per person and nomination (a unique constraint); made and withdrawn only while
    nominations are open (`services.secondments`). A seconder is party to the nomination's
    screening, and a juror who seconded it is kept away from scoring it.
    """

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="secondments")
    seconder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="award_secondments",
        verbose_name=_("seconded by"),
    )
    statement = models.CharField(
        _("why you second it"),
        max_length=500,
        help_text=_("A few sentences; the nominator and staff read it."),
    )
    created_at = models.DateTimeField(_("seconded at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("secondment")
        verbose_name_plural = _("secondments")
        constraints = [
            models.UniqueConstraint(fields=["nomination", "seconder"], name="awards_seconded_once")
        ]

    def __str__(self) -> str:
        return f"{self.seconder} – {self.nomination}"


class JurorAssignment(models.Model):
    """A juror on a category's jury."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="assignments")
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="award_assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField(_("assigned at"), default=timezone.now)

    class Meta:
        ordering = ["category", "assigned_at", "pk"]
        verbose_name = _("juror assignment")
        verbose_name_plural = _("juror assignments")
        constraints = [
            models.UniqueConstraint(fields=["category", "juror"], name="awards_one_seat_per_juror")
        ]

    def __str__(self) -> str:
        return f"{self.juror} – {self.category}"


class DeclaredConflict(models.Model):
    """A conflict a juror declared with an organization or a person, for the whole edition."""

    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="award_conflicts"
    )
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="conflicts")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    reason = models.CharField(_("reason"), max_length=300)
    declared_at = models.DateTimeField(_("declared at"), default=timezone.now)

    class Meta:
        ordering = ["declared_at", "pk"]
        verbose_name = _("declared conflict")
        verbose_name_plural = _("declared conflicts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organization__isnull=False) | models.Q(person__isnull=False),
                name="awards_conflict_names_someone",
            )
        ]

    def __str__(self) -> str:
        return f"{self.juror}: {self.organization or self.person}"


class ExclusionReason(models.TextChoices):
    OWN_ORGANIZATION = "own_organization", _("The juror's own organization")
    NOMINATOR = "nominator", _("The juror nominated it")
    SECONDER = "seconder", _("The juror seconded it")
    NOMINEE = "nominee", _("The juror is the nominee")
    PROJECT_TEAM = "project_team", _("The juror works on the project")
    DECLARED = "declared", _("A conflict the juror declared")
    RECUSED = "recused", _("The juror recused themselves")


class Exclusion(models.Model):
    """A juror kept away from a nomination, automatically or by recusal, and why (the log)."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="exclusions")
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="award_exclusions"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=ExclusionReason.choices)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("logged at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("exclusion or recusal")
        verbose_name_plural = _("exclusions and recusals")
        constraints = [
            models.UniqueConstraint(fields=["nomination", "juror"], name="awards_excluded_once")
        ]

    def __str__(self) -> str:
        return f"{self.juror} – {self.nomination}: {self.get_reason_display()}"


class Score(models.Model):
    """A juror's score of a nomination on one criterion, with a comment."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="scores")
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="award_scores"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(LOWEST_SCORE), MaxValueValidator(HIGHEST_SCORE)]
    )
    comment = models.TextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["nomination", "juror", "criterion__position", "pk"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "juror", "criterion"], name="awards_one_score_per_criterion"
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=LOWEST_SCORE, value__lte=HIGHEST_SCORE),
                name="awards_score_on_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.juror} – {self.nomination} – {self.criterion}: {self.value}"


class Vote(models.Model):
    """A member's people's-choice vote in a category: one per person, changeable until the close."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="award_votes"
    )
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="votes")
    cast_at = models.DateTimeField(_("cast at"), default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            # One vote per person and category, held by the database: a vote is an upsert on it.
            models.UniqueConstraint(fields=["category", "voter"], name="awards_one_vote"),
        ]
        indexes = [models.Index(fields=["nomination"], name="awards_vote_nomination")]

    def __str__(self) -> str:
        return f"{self.voter} – {self.category}"


class Award(models.TextChoices):
    WINNER = "winner", _("Winner")
    FINALIST = "finalist", _("Finalist")


class Placement(models.Model):
    """A nomination's place in its category's results, settled at the announcement."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="placements")
    nomination = models.OneToOneField(
        Nomination, on_delete=models.CASCADE, related_name="placement"
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    award = models.CharField(_("award"), max_length=10, choices=Award.choices)
    raw_score = models.DecimalField(_("raw score"), max_digits=6, decimal_places=3)
    calibrated_score = models.DecimalField(_("calibrated score"), max_digits=6, decimal_places=3)
    votes = models.PositiveIntegerField(_("public votes"), default=0)
    tie_break = models.CharField(_("tie broken by"), max_length=40, blank=True)
    certificate = models.ForeignKey(
        "certificates.Certificate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["category", "rank"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            models.UniqueConstraint(fields=["category", "rank"], name="awards_one_per_rank"),
            models.UniqueConstraint(
                fields=["category"],
                condition=models.Q(award="winner"),
                name="awards_one_winner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.rank}. {self.nomination.nominee_name}"
