"""Smart City courses: their modules, lessons and quizzes, the learners' enrolments and progress.

A course is self-paced or runs as a cohort with dates and a capacity. A learner enrols (free, or
recorded as paid), marks lessons done and takes quizzes; when every required lesson is done and
every required quiz passed, the enrolment is complete and a certificate is issued through
`wsco/certificates/` (docs/courses.md).
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wsco.core.models import Theme
from wsco.core.uploads import UploadField
from wsco.core.workflows import Workflow, step
from wsco.courses.videos import embed_url
from wsco.formats import day_text


class Level(models.TextChoices):
    INTRODUCTORY = "introductory", _("Introductory")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class Mode(models.TextChoices):
    SELF_PACED = "self_paced", _("Self-paced")
    COHORT = "cohort", _("Cohort")


class CourseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class CourseQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=CourseStatus.PUBLISHED)

    def open_to(self, user):
        """Return the courses `user` may see: published ones; drafts to their instructors, staff."""
        if user.is_authenticated and user.is_staff:
            return self.exclude(status=CourseStatus.ARCHIVED)
        published = models.Q(status=CourseStatus.PUBLISHED)
        if not user.is_authenticated:
            return self.filter(published)
        return self.filter(published | models.Q(instructors=user)).distinct()


class Course(models.Model):
    """A course: what it teaches, to whom, in which language, how it runs, what it is worth."""

    title = models.CharField(_("title"), max_length=200)
    title_ro = models.CharField(_("title (Romanian)"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    summary = models.TextField(_("summary"))
    summary_ro = models.TextField(_("summary (Romanian)"), blank=True)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="courses", verbose_name=_("themes")
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        help_text=_("The language the course is taught in."),
    )
    cpd_hours = models.DecimalField(
        _("CPD hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5"))],
        help_text=_("Continuing professional development hours the course is worth."),
    )
    instructors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="courses_taught",
        verbose_name=_("instructors"),
    )
    prerequisites = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="required_by",
        verbose_name=_("prerequisites"),
        help_text=_("Courses a learner completes before enrolling."),
    )
    # The references of the standards the course teaches ("ISO 37120:2018"): the standards
    # library links its standards to courses by these (`queries.courses_teaching`).
    standards = models.JSONField(_("standards taught"), default=list, blank=True)
    mode = models.CharField(
        _("mode"),
        max_length=12,
        choices=Mode.choices,
        default=Mode.SELF_PACED,
        help_text=_("A course in cohort mode runs as cohorts, each with dates and seats."),
    )
    price = models.DecimalField(
        _("price"), max_digits=10, decimal_places=2, default=Decimal("0.00")
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    certificate_valid_months = models.PositiveIntegerField(
        _("certificate valid for (months)"),
        null=True,
        blank=True,
        help_text=_("Empty: the certificate does not expire."),
    )
    renewal_cpd_hours = models.DecimalField(
        _("CPD hours to renew"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_(
            "CPD hours earned in other courses since the certificate that renew it; "
            "empty: not renewable."
        ),
    )
    status = models.CharField(
        _("state"), max_length=10, choices=CourseStatus.choices, default=CourseStatus.DRAFT
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("courses:course", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == CourseStatus.PUBLISHED

    @property
    def is_public(self) -> bool:
        return self.is_published

    @property
    def is_free(self) -> bool:
        return self.price == 0

    @property
    def is_cohort(self) -> bool:
        return self.mode == Mode.COHORT

    @property
    def theme_slugs(self) -> list[str]:
        return [theme.slug for theme in self.themes.all()]


COURSE_WORKFLOW = Workflow(
    Course,
    steps={
        "publish": step([CourseStatus.DRAFT, CourseStatus.ARCHIVED], CourseStatus.PUBLISHED),
        "withdraw": step([CourseStatus.PUBLISHED], CourseStatus.DRAFT),
        "archive": step([CourseStatus.DRAFT, CourseStatus.PUBLISHED], CourseStatus.ARCHIVED),
    },
    refusal=_("This course is already %(state)s."),
)


class Cohort(models.Model):
    """One run of a cohort course: its dates and its seats."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="cohorts")
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Seats in the cohort; empty: no limit.")
    )
    # Kept by `services.enrol` on the locked cohort row; the constraint refuses overbooking.
    seats_taken = models.PositiveIntegerField(_("seats taken"), default=0, editable=False)

    class Meta:
        ordering = ["course", "starts_on", "pk"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True)
                | models.Q(seats_taken__lte=models.F("capacity")),
                name="cohort_not_overbooked",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="cohort_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{day_text(self.starts_on)} – {day_text(self.ends_on)}"

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The cohort ends before it starts.")})
        if self.capacity is not None and self.capacity < self.seats_taken:
            raise ValidationError(
                {"capacity": _("%(taken)s seats are already taken.") % {"taken": self.seats_taken}}
            )

    @property
    def seats_left(self) -> int | None:
        if self.capacity is None:
            return None
        return self.capacity - self.seats_taken


class Module(models.Model):
    """A part of a course: its lessons and quizzes, in order."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    title = models.CharField(_("title"), max_length=200)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["course", "position", "pk"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def __str__(self) -> str:
        return self.title


class Lesson(models.Model):
    """A lesson: Markdown text, a video from an allowed host and an attachment, all optional."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="lessons")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown."))
    video_url = models.URLField(_("video"), blank=True, help_text=_("A YouTube or Vimeo address."))
    attachment = UploadField(
        _("attachment"), kind="pdf", upload_to="courses/attachments/", blank=True
    )
    minutes = models.PositiveIntegerField(_("minutes"), default=10)
    required = models.BooleanField(_("required"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["module__position", "module", "position", "pk"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "courses:lesson", kwargs={"slug": self.module.course.slug, "lesson_id": self.pk}
        )

    def clean(self) -> None:
        if self.video_url and embed_url(self.video_url) is None:
            raise ValidationError(
                {"video_url": _("Only https links to YouTube or Vimeo videos can be embedded.")}
            )

    @property
    def video_embed_url(self) -> str | None:
        return embed_url(self.video_url) if self.video_url else None


class Quiz(models.Model):
    """A quiz closing a module: its pass mark and how many attempts a learner has."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="quizzes")
    title = models.CharField(_("title"), max_length=200)
    pass_mark = models.PositiveIntegerField(
        _("pass mark (%)"),
        default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    max_attempts = models.PositiveIntegerField(
        _("attempts allowed"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    required = models.BooleanField(_("required"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["module__position", "module", "position", "pk"]
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pass_mark__gte=1, pass_mark__lte=100),
                name="quiz_pass_mark_is_a_percentage",
            ),
            models.CheckConstraint(
                condition=models.Q(max_attempts__isnull=True) | models.Q(max_attempts__gte=1),
                name="quiz_allows_an_attempt",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("courses:quiz", kwargs={"slug": self.module.course.slug, "quiz_id": self.pk})


class Question(models.Model):
    """A question with its choices; `multiple` when several choices may be right."""

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(_("question"))
    multiple = models.BooleanField(_("several answers"), default=False)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("answer"), max_length=500)
    is_correct = models.BooleanField(_("right"), default=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return self.text


class EnrolmentStatus(models.TextChoices):
    AWAITING_PAYMENT = "awaiting_payment", _("Awaiting payment")
    ACTIVE = "active", _("Learning")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class Enrolment(models.Model):
    """A learner on a course: how they paid, where they are, when they completed it."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="enrolments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    status = models.CharField(
        _("state"), max_length=20, choices=EnrolmentStatus.choices, default=EnrolmentStatus.ACTIVE
    )
    amount_paid = models.DecimalField(
        _("amount paid"), max_digits=10, decimal_places=2, default=Decimal("0.00")
    )
    payment_reference = models.CharField(_("payment reference"), max_length=100, blank=True)
    enrolled_at = models.DateTimeField(_("enrolled at"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enrolments",
        verbose_name=_("cohort"),
    )
    last_lesson = models.ForeignKey(
        Lesson, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    certificate = models.ForeignKey(
        "certificates.Certificate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    show_on_profile = models.BooleanField(
        _("show the certificate on my public profile"), default=False
    )

    class Meta:
        ordering = ["-enrolled_at"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["course", "user"], name="one_enrolment_per_learner"),
            models.CheckConstraint(
                condition=models.Q(status="completed", completed_at__isnull=False)
                | ~models.Q(status="completed"),
                name="completed_enrolment_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.course}"

    @property
    def is_completed(self) -> bool:
        return self.status == EnrolmentStatus.COMPLETED


ENROLMENT_WORKFLOW = Workflow(
    Enrolment,
    steps={
        # Enrolling again after cancelling: at once on a free course, after payment otherwise.
        "rejoin": step([EnrolmentStatus.CANCELLED], EnrolmentStatus.ACTIVE),
        "rejoin_unpaid": step([EnrolmentStatus.CANCELLED], EnrolmentStatus.AWAITING_PAYMENT),
        "pay": step(
            [EnrolmentStatus.AWAITING_PAYMENT],
            EnrolmentStatus.ACTIVE,
            refusal=_("This enrolment is not awaiting payment."),
        ),
        "cancel": step(
            [EnrolmentStatus.ACTIVE, EnrolmentStatus.AWAITING_PAYMENT],
            EnrolmentStatus.CANCELLED,
            refusal=_("Only a current enrolment can be cancelled."),
        ),
        "complete": step([EnrolmentStatus.ACTIVE], EnrolmentStatus.COMPLETED),
    },
    refusal=_("This enrolment is %(state)s."),
)


class LessonProgress(models.Model):
    """A lesson a learner marked as done."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="progress")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="+")
    done_at = models.DateTimeField(_("done at"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="lesson_done_once")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.lesson}"


class QuizAttempt(models.Model):
    """One attempt at a quiz: the order its questions and answers were shown in, and the score.

    `layout` is `[[question_id, [choice_id, ...]], ...]` in the order shown; `answers` maps a
    question id (as text) to the chosen choice ids. The score is the share of questions answered
    exactly right, in percent.
    """

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attempts")
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveIntegerField(_("attempt"))
    layout = models.JSONField(default=list)
    answers = models.JSONField(default=dict, blank=True)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    score = models.DecimalField(
        _("score (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    passed = models.BooleanField(_("passed"), default=False)

    class Meta:
        ordering = ["quiz", "number"]
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "quiz", "number"], name="attempt_numbered_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.quiz} #{self.number}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


ATTEMPT_WORKFLOW = Workflow(
    QuizAttempt,
    states={"open": _("Open"), "submitted": _("Submitted")},
    state=lambda attempt: "submitted" if attempt.is_submitted else "open",
    state_fields=("submitted_at",),
    steps={"submit": step(["open"], "submitted")},
    refusal=_("This attempt was already submitted."),
)


class ReminderKind(models.TextChoices):
    CERTIFICATE_EXPIRING = "certificate_expiring", _("Certificate about to expire")
    COHORT_STARTING = "cohort_starting", _("Cohort starting soon")


class CourseReminder(models.Model):
    """A reminder sent to a learner, once per enrolment, kind and date (the daily job's memory)."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("kind"), max_length=30, choices=ReminderKind.choices)
    # The certificate's last valid day, or the cohort's first day: a new date is a new reminder.
    due_on = models.DateField(_("due on"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("course reminder")
        verbose_name_plural = _("course reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "kind", "due_on"], name="course_reminder_sent_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.kind} · {self.due_on}"
