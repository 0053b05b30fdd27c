"""The Smart City Magazine (issues, articles, their review), news posts and their authors."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wsco.core.access import parties_of
from wsco.core.models import HistoryEntry, Theme
from wsco.core.uploads import UploadField
from wsco.core.workflows import Workflow, step
from wsco.members import people
from wsco.members.models import Profile
from wsco.members.people import Person


class Author(models.Model):
    """Who signs articles and posts: a member (through their profile) or a guest author."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=170, unique=True)
    profile = models.OneToOneField(
        Profile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
        verbose_name=_("member profile"),
        help_text=_("Empty for a guest author."),
    )
    bio = models.TextField(_("bio"), blank=True, help_text=_("Markdown."))
    photo = UploadField(_("photo"), kind="photo", upload_to="authors/", blank=True)
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("publications:author", kwargs={"slug": self.slug})

    @property
    def is_guest(self) -> bool:
        return self.profile_id is None

    def shown_to(self, viewer) -> Person:
        """Return what of this author `viewer` may see (`wsco.members.people`).

        A guest author is shown with what they gave for publication. A member is named on
        their byline (publishing is agreeing to that); their photo and bio (the author's own,
        else the profile's) and the link to their profile follow their profile's visibility.
        """
        if self.profile is None:
            return people.guest(
                name=self.name,
                url=self.get_absolute_url(),
                photo=self.photo or None,
                bio=self.bio,
                website=self.website,
            )
        return people.show(
            self.profile,
            viewer,
            named=True,
            name=self.name,
            url=self.get_absolute_url(),
            photo=self.photo or None,
            bio=self.bio or None,
            bio_is_markdown=True,
            website=self.website,
        )


class IssueQuerySet(models.QuerySet):
    def published(self):
        """Return the issues readers can see."""
        return self.filter(published_at__isnull=False, published_at__lte=timezone.now())


class Quarter(models.IntegerChoices):
    Q1 = 1, _("January–March")
    Q2 = 2, _("April–June")
    Q3 = 3, _("July–September")
    Q4 = 4, _("October–December")


class Issue(models.Model):
    """One quarterly issue of the Smart City Magazine (the first came out in December 2016)."""

    volume = models.PositiveSmallIntegerField(_("volume"))
    number = models.PositiveSmallIntegerField(_("number"))
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), choices=Quarter.choices)
    date = models.DateField(_("date of the issue"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    cover = UploadField(_("cover"), kind="cover", upload_to="magazine/covers/", blank=True)
    cover_alt = models.CharField(_("cover description"), max_length=200, blank=True)
    editorial = models.TextField(_("editorial"), blank=True, help_text=_("Markdown."))
    pdf = UploadField(_("PDF of the issue"), kind="pdf", upload_to="magazine/pdf/", blank=True)
    pdf_generated = models.BooleanField(
        _("PDF generated from the articles"), default=False, editable=False
    )
    pdf_requested_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = IssueQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-number"]
        verbose_name = _("magazine issue")
        verbose_name_plural = _("magazine issues")
        constraints = [
            models.UniqueConstraint(
                fields=["volume", "number"], name="publications_unique_issue_number"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4),
                name="publications_issue_quarter_1_to_4",
            ),
        ]

    def __str__(self) -> str:
        label = _("Vol. %(volume)s, no. %(number)s (%(year)s)") % {
            "volume": self.volume,
            "number": self.number,
            "year": self.year,
        }
        return f"{label} – {self.title}" if self.title else str(label)

    def get_absolute_url(self) -> str:
        return reverse("publications:issue", kwargs={"volume": self.volume, "number": self.number})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None and self.published_at <= timezone.now()

    @property
    def lead_story(self) -> "Article | None":
        """Return the issue's lead story: its first published article in the table of contents.

        `queries.archive` prefetches it (`published_in_order`) with its themes.
        """
        articles = getattr(self, "published_in_order", None)
        if articles is None:
            articles = self.articles.filter(status=ArticleStatus.PUBLISHED).order_by(
                "position", "pk"
            )[:1]
        return next(iter(articles), None)


ISSUE_WORKFLOW = Workflow(
    Issue,
    states={"in_preparation": _("In preparation"), "published": _("Published")},
    state=lambda issue: "in_preparation" if issue.published_at is None else "published",
    state_fields=("published_at",),
    steps={"publish": step(["in_preparation"], "published")},
    refusal=_("This issue is published already."),
)


class ArticleStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    REVISION_REQUESTED = "revision_requested", _("Revision requested")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    COPY_EDITED = "copy_edited", _("Copy-edited")
    SCHEDULED = "scheduled", _("Placed in an issue")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The editor's desk shows these; the others are finished one way or another.
OPEN_ARTICLE_STATUSES = [
    ArticleStatus.SUBMITTED,
    ArticleStatus.IN_REVIEW,
    ArticleStatus.REVISION_REQUESTED,
    ArticleStatus.ACCEPTED,
    ArticleStatus.COPY_EDITED,
    ArticleStatus.SCHEDULED,
]


# Authors change their article's images until it is placed in an issue; editors always can.
AUTHOR_EDITABLE_STATUSES = [
    ArticleStatus.SUBMITTED,
    ArticleStatus.IN_REVIEW,
    ArticleStatus.REVISION_REQUESTED,
    ArticleStatus.ACCEPTED,
    ArticleStatus.COPY_EDITED,
]


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Return the articles readers can see: published, in a published issue."""
        return self.filter(
            status=ArticleStatus.PUBLISHED,
            issue__published_at__isnull=False,
            issue__published_at__lte=timezone.now(),
        )

    def with_listing(self):
        """Fetch what a list of articles shows (issue, authors, themes) in a fixed few queries."""
        return self.select_related("issue").prefetch_related(
            models.Prefetch(
                "bylines", queryset=Byline.objects.select_related("author__profile__organization")
            ),
            "themes",
            models.Prefetch(
                "images", queryset=ArticleImage.objects.filter(is_lead=True), to_attr="lead_images"
            ),
        )


class Article(models.Model):
    """A magazine article, from its submission to its publication in an issue."""

    title = models.CharField(_("title"), max_length=250)
    # The Romanian versions (wsco.core.translated): empty where the authors gave none.
    title_ro = models.CharField(_("title in Romanian"), max_length=250, blank=True)
    slug = models.SlugField(_("slug"), max_length=270, unique=True)
    abstract = models.TextField(_("abstract"), max_length=2000)
    abstract_ro = models.TextField(_("abstract in Romanian"), max_length=2000, blank=True)
    body = models.TextField(_("body"), help_text=_("Markdown: headings, lists, links, images."))
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="articles", verbose_name=_("themes")
    )
    authors = models.ManyToManyField(
        Author, through="Byline", related_name="articles", verbose_name=_("authors")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submitted_articles",
        verbose_name=_("submitted by"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ArticleStatus.choices, default=ArticleStatus.SUBMITTED
    )
    issue = models.ForeignKey(
        Issue,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("issue"),
    )
    position = models.PositiveSmallIntegerField(_("position in the issue"), default=0)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Title, abstract and authors, folded (`wsco.core.search`); kept by `services.index_article`.
    search_document = models.TextField(editable=False, default="")

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [models.Index(fields=["status", "published_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("publications:article", kwargs={"slug": self.slug})

    def get_submission_url(self) -> str:
        return reverse("publications:submission", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.status == ArticleStatus.PUBLISHED and bool(
            self.issue and self.issue.is_published
        )

    @property
    def lead_image(self) -> "ArticleImage | None":
        """Return the article's lead picture, if it has one (prefetched by `with_listing`)."""
        leads = getattr(self, "lead_images", None)
        if leads is None:
            leads = [image for image in self.images.all() if image.is_lead]
        return leads[0] if leads else None

    def author_names(self) -> str:
        """Return the authors' names, in byline order (uses the prefetched bylines)."""
        return ", ".join(byline.author.name for byline in self.bylines.all())


def _article_parties(article: Article) -> dict[int, str]:
    """The people whose work the article is: the members on its byline.

    An editor who submits a guest author's article for them is not one of them.
    """
    return {
        user_id: _("one of its authors")
        for user_id in article.bylines.values_list("author__profile__user_id", flat=True)
    }


# Accepting, asking for a revision and rejecting are taken from the same states.
DECIDABLE_STATUSES = [ArticleStatus.SUBMITTED, ArticleStatus.IN_REVIEW]
NOT_DECIDABLE = _("This article is not waiting for a decision.")

ARTICLE_WORKFLOW = Workflow(
    Article,
    steps={
        "assign_reviewer": step(
            DECIDABLE_STATUSES,
            ArticleStatus.IN_REVIEW,
            decision=True,
            refusal=_("This article is not waiting for a review."),
        ),
        # The last active reviewer declined or was withdrawn: back among the new submissions.
        "reopen": step([ArticleStatus.IN_REVIEW], ArticleStatus.SUBMITTED),
        "accept": step(
            DECIDABLE_STATUSES, ArticleStatus.ACCEPTED, decision=True, refusal=NOT_DECIDABLE
        ),
        "request_revision": step(
            DECIDABLE_STATUSES,
            ArticleStatus.REVISION_REQUESTED,
            decision=True,
            refusal=NOT_DECIDABLE,
        ),
        "reject": step(
            DECIDABLE_STATUSES, ArticleStatus.REJECTED, decision=True, refusal=NOT_DECIDABLE
        ),
        "revise": step(
            [ArticleStatus.REVISION_REQUESTED],
            ArticleStatus.SUBMITTED,
            refusal=_("No revision was asked for this article."),
        ),
        "copy_edit": step(
            [ArticleStatus.ACCEPTED, ArticleStatus.COPY_EDITED],
            decision=True,
            refusal=_("Only accepted articles are copy-edited."),
        ),
        "finish_copy_edit": step(
            [ArticleStatus.ACCEPTED],
            ArticleStatus.COPY_EDITED,
            decision=True,
            refusal=_("Only accepted articles are copy-edited."),
        ),
        "place": step(
            [ArticleStatus.COPY_EDITED, ArticleStatus.SCHEDULED],
            ArticleStatus.SCHEDULED,
            decision=True,
            refusal=_("Only copy-edited articles can be placed in an issue."),
        ),
        "publish": step([ArticleStatus.SCHEDULED], ArticleStatus.PUBLISHED),
        "withdraw": step(
            [
                ArticleStatus.SUBMITTED,
                ArticleStatus.IN_REVIEW,
                ArticleStatus.REVISION_REQUESTED,
            ],
            ArticleStatus.WITHDRAWN,
            refusal=_("This article can no longer be withdrawn."),
        ),
    },
    refusal=_("This article is %(state)s."),
    parties=_article_parties,
)


class Byline(models.Model):
    """An author of an article, in order."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="bylines")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "author"], name="publications_one_byline_per_author"
            )
        ]

    def __str__(self) -> str:
        return f"{self.article} – {self.author}"


class ArticleImage(models.Model):
    """An image of an article, with its caption; shown as a figure after the body."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="images")
    image = UploadField(_("image"), kind="figure", upload_to="magazine/images/")
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    alt_text = models.CharField(_("description for screen readers"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0)
    is_lead = models.BooleanField(
        _("lead picture"),
        default=False,
        help_text=_("Shown above the article and on its card, rather than after its text."),
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("article image")
        verbose_name_plural = _("article images")
        constraints = [
            models.UniqueConstraint(
                fields=["article"],
                condition=models.Q(is_lead=True),
                name="publications_one_lead_image_per_article",
            )
        ]

    def __str__(self) -> str:
        return self.caption or self.alt_text


class Recommendation(models.TextChoices):
    ACCEPT = "accept", _("Accept")
    REVISE = "revise", _("Accept after revision")
    REJECT = "reject", _("Reject")


class ReviewQuerySet(models.QuerySet):
    def active(self):
        """Return the reviews still in force: neither declined by the reviewer nor withdrawn."""
        return self.filter(declined_at__isnull=True, withdrawn_at__isnull=True)

    def pending(self):
        """Return the active reviews whose recommendation has not been given yet."""
        return self.active().filter(submitted_at__isnull=True)


class Review(models.Model):
    """A reviewer's assignment on an article, and, once given, their recommendation.

    An assignment ends one way: the reviewer submits it, declines it, or an editor withdraws it.
    Declined and withdrawn assignments stay as the article's history.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="article_reviews",
        verbose_name=_("reviewer"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    assigned_at = models.DateTimeField(_("assigned at"), default=timezone.now)
    due_on = models.DateField(_("due on"))
    recommendation = models.CharField(
        _("recommendation"), max_length=10, choices=Recommendation.choices, blank=True
    )
    comments_for_author = models.TextField(_("comments for the author"), blank=True)
    comments_for_editor = models.TextField(_("confidential comments for the editor"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    reminded_due_soon_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminded_overdue_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["assigned_at", "pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            # One review owed per person at a time; a revised article may be reviewed again
            # by someone who reviewed it before.
            models.UniqueConstraint(
                fields=["article", "reviewer"],
                condition=models.Q(
                    submitted_at__isnull=True, declined_at__isnull=True, withdrawn_at__isnull=True
                ),
                name="publications_one_pending_review_per_reviewer",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(submitted_at__isnull=True, declined_at__isnull=True)
                    | models.Q(submitted_at__isnull=True, withdrawn_at__isnull=True)
                    | models.Q(declined_at__isnull=True, withdrawn_at__isnull=True)
                ),
                name="publications_review_ends_one_way",
            ),
        ]
        indexes = [models.Index(fields=["submitted_at", "due_on"])]

    def __str__(self) -> str:
        return f"{self.article} – {self.reviewer}"

    def get_absolute_url(self) -> str:
        return reverse("publications:review", kwargs={"pk": self.pk})

    @property
    def is_done(self) -> bool:
        return self.submitted_at is not None

    @property
    def is_active(self) -> bool:
        """Say whether the assignment still holds (not declined, not withdrawn)."""
        return self.declined_at is None and self.withdrawn_at is None

    @property
    def is_pending(self) -> bool:
        """Say whether the reviewer still owes their recommendation."""
        return self.is_active and not self.is_done


def _review_state(review: Review) -> str:
    if review.submitted_at is not None:
        return "submitted"
    if review.declined_at is not None:
        return "declined"
    if review.withdrawn_at is not None:
        return "withdrawn"
    return "pending"


# The same refusals whichever step was tried, by the state the review is in.
REVIEW_ENDED = {
    "submitted": _("This review has been submitted already."),
    "declined": _("This review has been declined already."),
    "withdrawn": _("This reviewer has been withdrawn already."),
}

REVIEW_WORKFLOW = Workflow(
    Review,
    states={
        "pending": _("Pending"),
        "submitted": _("Submitted"),
        "declined": _("Declined"),
        "withdrawn": _("Withdrawn"),
    },
    state=_review_state,
    state_fields=("submitted_at", "declined_at", "withdrawn_at"),
    steps={
        "submit": step(["pending"], "submitted", refusal=REVIEW_ENDED),
        "decline": step(["pending"], "declined", refusal=REVIEW_ENDED),
        # The editors' decision: the article's authors may not take it.
        "withdraw": step(["pending"], "withdrawn", decision=True, refusal=REVIEW_ENDED),
    },
    refusal=_("This review is %(state)s."),
    # A review is part of the article's case: whoever is party to the article is party to it.
    parties=lambda review: parties_of(review.article),
)


class ArticleEvent(HistoryEntry):
    """One step of an article's way through the editorial workflow, shown to its author."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        REVIEWER_ASSIGNED = "reviewer_assigned", _("Reviewer assigned")
        REVIEWER_DECLINED = "reviewer_declined", _("Reviewer declined")
        REVIEWER_WITHDRAWN = "reviewer_withdrawn", _("Reviewer withdrawn")
        REVIEWED = "reviewed", _("Review received")
        ACCEPTED = "accepted", _("Accepted")
        REVISION_REQUESTED = "revision_requested", _("Revision requested")
        REVISED = "revised", _("Revised and resubmitted")
        REJECTED = "rejected", _("Rejected")
        COPY_EDITED = "copy_edited", _("Copy-edited")
        SCHEDULED = "scheduled", _("Placed in an issue")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    message = models.TextField(_("message"), blank=True)
    # False for the steps that would tell authors who reviews (a reviewer declining or being
    # withdrawn is done by, or to, that person): only editors see them in the history.
    visible_to_author = models.BooleanField(default=True)

    class Meta(HistoryEntry.Meta):
        verbose_name = _("article event")
        verbose_name_plural = _("article events")

    def __str__(self) -> str:
        return f"{self.article_id}: {self.action}"


class PostQuerySet(models.QuerySet):
    def published(self):
        """Return the posts readers can see."""
        return self.filter(published_at__isnull=False, published_at__lte=timezone.now())

    def with_listing(self):
        return self.select_related("author__profile__organization").prefetch_related("themes")


class Post(models.Model):
    """A news post."""

    title = models.CharField(_("title"), max_length=250)
    # The Romanian versions (wsco.core.translated): empty where the editors gave none.
    title_ro = models.CharField(_("title in Romanian"), max_length=250, blank=True)
    slug = models.SlugField(_("slug"), max_length=270, unique=True)
    author = models.ForeignKey(
        Author, on_delete=models.PROTECT, related_name="posts", verbose_name=_("author")
    )
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    summary_ro = models.CharField(_("summary in Romanian"), max_length=300, blank=True)
    body = models.TextField(_("body"), help_text=_("Markdown."))
    body_ro = models.TextField(_("body in Romanian"), blank=True, help_text=_("Markdown."))
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="posts", verbose_name=_("themes")
    )
    cover = UploadField(_("cover"), kind="cover", upload_to="news/covers/", blank=True)
    cover_alt = models.CharField(_("cover description"), max_length=200, blank=True)
    published_at = models.DateTimeField(
        _("published at"), null=True, blank=True, help_text=_("Empty while a draft.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Title, summary and author, folded (`wsco.core.search`); kept by `services.index_post`.
    search_document = models.TextField(editable=False, default="")

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")
        indexes = [models.Index(fields=["published_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("publications:post", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None and self.published_at <= timezone.now()


POST_WORKFLOW = Workflow(
    Post,
    states={"draft": _("Draft"), "published": _("Published")},
    state=lambda post: "draft" if post.published_at is None else "published",
    state_fields=("published_at",),
    steps={
        "publish": step(["draft"], "published"),
        "unpublish": step(["published"], "draft"),
    },
    refusal=_("This post is %(state)s."),
)
