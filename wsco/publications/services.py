"""Every write of the publications app: authors, the editorial workflow, issues, posts, search."""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wsco.accounts.models import Role, User
from wsco.core import search
from wsco.core.access import is_party
from wsco.core.email import queue_email
from wsco.core.models import Theme
from wsco.core.translated import every_version
from wsco.members.models import Profile
from wsco.notifications.services import notify
from wsco.publications.access import may_submit
from wsco.publications.models import (
    ARTICLE_WORKFLOW,
    ISSUE_WORKFLOW,
    POST_WORKFLOW,
    REVIEW_WORKFLOW,
    Article,
    ArticleEvent,
    ArticleImage,
    ArticleStatus,
    Author,
    Byline,
    Issue,
    Post,
    Recommendation,
    Review,
)

Action = ArticleEvent.Action

# What an editor's decision does: the workflow's step and the step recorded in the history.
DECISIONS = {
    "accept": ("accept", Action.ACCEPTED),
    "revise": ("request_revision", Action.REVISION_REQUESTED),
    "reject": ("reject", Action.REJECTED),
}
REMINDER_DAYS_BEFORE_DUE = 3


def unique_slug(model, text: str, *, max_length: int = 200) -> str:
    """Return a slug for `text` that no row of `model` uses yet."""
    base = slugify(text)[:max_length].strip("-") or "item"
    slug, counter = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base}-{counter}"
        counter += 1
    return slug


def editors() -> list[User]:
    """Return the active people who hold the editor role."""
    return list(User.objects.filter(is_active=True, role_grants__role=Role.EDITOR).distinct())


# Authors


def ensure_author_for_profile(*, profile: Profile) -> Author:
    """Return the author that signs for the member `profile`, creating it the first time."""
    author = Author.objects.filter(profile=profile).first()
    if author is None:
        author = Author.objects.create(
            name=profile.name, slug=unique_slug(Author, profile.name), profile=profile
        )
    elif author.name != profile.name:
        # Bylines follow the member's name as it is when they next submit.
        author.name = profile.name
        author.save(update_fields=["name"])
    return author


def create_guest_author(*, name: str, bio: str = "", website: str = "", photo=None) -> Author:
    """Create an author who is not a member (an editor submits their work for them)."""
    author = Author(name=name, slug=unique_slug(Author, name), bio=bio, website=website)
    if photo:
        author.photo = photo
    author.save()
    return author


# The editorial workflow


def _record(
    *, article: Article, action: str, by: User | None, message: str = "", visible=True
) -> ArticleEvent:
    return ArticleEvent.objects.create(
        article=article, action=action, by=by, message=message, visible_to_author=visible
    )


def author_users(article: Article) -> list[User]:
    """Return the people told about the article's steps: its submitter and its member authors."""
    people = {article.submitted_by} if article.submitted_by else set()
    for byline in article.bylines.select_related("author__profile__user"):
        profile = byline.author.profile
        if profile is not None:
            people.add(profile.user)
    return sorted(people, key=lambda person: person.email)


def _email_in_their_languages(people: Iterable[User], *, template: str, context: dict) -> None:
    """Email `people`, one message per language, each in the language they chose for emails."""
    by_language: dict[str, list[str]] = defaultdict(list)
    for person in people:
        by_language[person.language].append(person.email)
    for language, recipients in sorted(by_language.items()):
        queue_email(to=recipients, template=template, context=context, language=language)


def _email_authors(*, article: Article, event: ArticleEvent) -> None:
    """Tell the authors of the article's new step: their notifications, and the email."""
    for person in author_users(article):
        notify(
            recipient=person,
            kind="publications.article_update",
            about=f"publications.article:{article.pk}",
            article=article.pk,
            title=article.title,
            action=event.action,
            email_context={"article": article, "event": event},
        )


def _tell_reviewer(review: Review, kind: str, **params) -> None:
    """Tell the reviewer of `review` about it: their notifications, and the email."""
    notify(
        recipient=review.reviewer,
        kind=kind,
        about=f"publications.review:{review.pk}",
        review=review.pk,
        title=review.article.title,
        email_context={"article": review.article, "review": review},
        **params,
    )


def _email_editors(*, article: Article, template: str, context: dict | None = None) -> None:
    """Email the editors about `article`, each in the language they chose for emails."""
    _email_in_their_languages(
        editors(),
        template=f"publications/email/{template}",
        context={"article": article, **(context or {})},
    )


def _set_themes(instance, themes: Iterable[Theme] | None) -> None:
    if themes is not None:
        instance.themes.set(themes)


@transaction.atomic
def submit_article(
    *,
    by: User,
    title: str,
    abstract: str,
    body: str,
    themes: Iterable[Theme] = (),
    authors: list[Author] | None = None,
    title_ro: str = "",
    abstract_ro: str = "",
) -> Article:
    """Submit an article for review, signed by `authors` (by default the submitting member).

    Current members submit; editors too, for guest authors. Applicants and former members do
    not, whatever door they come through.
    """
    if not may_submit(by):
        raise ValidationError(_("Only current members submit articles."))
    if not authors:
        profile = getattr(by, "profile", None)
        if profile is None:
            raise ValidationError(_("Only members with a profile can submit an article."))
        authors = [ensure_author_for_profile(profile=profile)]
    article = Article.objects.create(
        title=title,
        title_ro=title_ro,
        slug=unique_slug(Article, title),
        abstract=abstract,
        abstract_ro=abstract_ro,
        body=body,
        submitted_by=by,
        status=ArticleStatus.SUBMITTED,
    )
    Byline.objects.bulk_create(
        Byline(article=article, author=author, position=index)
        for index, author in enumerate(authors)
    )
    # Bulk writes send no signal: the article's creation above marks the publications changed
    # (`home.PUBLICATIONS`) when the transaction commits, after the bylines too.
    _set_themes(article, themes)
    index_article(article=article)
    event = _record(article=article, action=Action.SUBMITTED, by=by)
    _email_authors(article=article, event=event)
    _email_editors(article=article, template="new_submission")
    return article


@transaction.atomic
def assign_reviewer(*, article: Article, reviewer: User, due_on: datetime.date, by: User) -> Review:
    """Ask `reviewer` to review `article` by `due_on`, and tell them and the authors."""
    article = ARTICLE_WORKFLOW.lock(article, "assign_reviewer", by=by)
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": _("The deadline cannot be in the past.")})
    if is_party(reviewer, article):
        raise ValidationError({"reviewer": _("An author cannot review their own article.")})
    # Someone who declined, whom an editor withdrew, or who gave a review (of an earlier
    # version, say) may be asked again; not someone whose review is still owed.
    if article.reviews.pending().filter(reviewer=reviewer).exists():
        raise ValidationError({"reviewer": _("This person already reviews this article.")})
    review = Review.objects.create(
        article=article, reviewer=reviewer, due_on=due_on, assigned_by=by
    )
    ARTICLE_WORKFLOW.advance(article, "assign_reviewer")
    # The authors see that a review started, not who reviews (the editors see the reviews).
    event = _record(article=article, action=Action.REVIEWER_ASSIGNED, by=by)
    _email_authors(article=article, event=event)
    _tell_reviewer(review, "publications.review_requested")
    return review


@transaction.atomic
def submit_review(
    *,
    review: Review,
    recommendation: str,
    comments_for_author: str,
    comments_for_editor: str = "",
    by: User,
) -> Review:
    """Record the reviewer's recommendation and comments, and tell the editors."""
    review = _lock_review(review, "submit", by=by)
    if review.reviewer_id != by.pk:
        raise ValidationError(_("Only the assigned reviewer can submit this review."))
    if review.article.status != ArticleStatus.IN_REVIEW:
        raise ValidationError(_("This article is no longer in review."))
    if recommendation not in Recommendation.values:
        raise ValidationError({"recommendation": _("Choose a recommendation.")})
    REVIEW_WORKFLOW.advance(
        review,
        "submit",
        recommendation=recommendation,
        comments_for_author=comments_for_author,
        comments_for_editor=comments_for_editor,
        submitted_at=timezone.now(),
    )
    event = _record(article=review.article, action=Action.REVIEWED, by=by)
    _email_authors(article=review.article, event=event)
    _email_editors(article=review.article, template="review_received", context={"review": review})
    return review


def _lock_review(review: Review, step_name: str, *, by: User) -> Review:
    """Return `review` read again under lock for the step, its article locked first.

    Whether the article stays in review depends on all its reviews: two of them ending at the
    same moment must not both see the other one still active. The article always comes first,
    as in `assign_reviewer`, so that two steps never wait for each other's rows.
    """
    article = ARTICLE_WORKFLOW.lock(review.article)
    locked = REVIEW_WORKFLOW.lock(review, step_name, by=by)
    locked.article = article
    return locked


def _reopen_if_nobody_reviews(article: Article) -> None:
    """Put an article that has no active review left back among the new submissions."""
    # SUBMITTED is where review starts: `assign_reviewer` moves an article from it to IN_REVIEW
    # (the other reviewable status, IN_REVIEW itself, only adds a reviewer), and it is both
    # reviewable and decidable, so the editors can assign someone else or decide at once. The
    # authors no longer read "In review" while nobody reviews. A submitted review counts as
    # active: with a recommendation in hand, the article stays in review for the decision.
    if article.status == ArticleStatus.IN_REVIEW and not article.reviews.active().exists():
        ARTICLE_WORKFLOW.advance(article, "reopen")


@transaction.atomic
def decline_review(*, review: Review, reason: str = "", by: User) -> Review:
    """Let the reviewer turn down the review asked of them, and tell the editors (and why)."""
    review = _lock_review(review, "decline", by=by)
    if review.reviewer_id != by.pk:
        raise ValidationError(_("Only the assigned reviewer can decline this review."))
    REVIEW_WORKFLOW.advance(
        review, "decline", declined_at=timezone.now(), decline_reason=reason.strip()
    )
    # Hidden from the authors, like who reviews. The reason stays on the review, which goes
    # with the reviewer's account, rather than in the article's history.
    _record(article=review.article, action=Action.REVIEWER_DECLINED, by=by, visible=False)
    _reopen_if_nobody_reviews(review.article)
    _email_editors(article=review.article, template="review_declined", context={"review": review})
    return review


@transaction.atomic
def withdraw_reviewer(*, review: Review, by: User) -> Review:
    """Release the reviewer from a review they have not given yet, and tell them."""
    if not by.has_role(Role.EDITOR):
        raise ValidationError(_("Only the editors can withdraw a reviewer."))
    review = _lock_review(review, "withdraw", by=by)
    REVIEW_WORKFLOW.advance(review, "withdraw", withdrawn_at=timezone.now())
    _record(article=review.article, action=Action.REVIEWER_WITHDRAWN, by=by, visible=False)
    _reopen_if_nobody_reviews(review.article)
    _tell_reviewer(review, "publications.review_withdrawn")
    return review


@transaction.atomic
def decide_article(*, article: Article, decision: str, message: str, by: User) -> Article:
    """Accept the article, ask its authors for a revision, or reject it."""
    if decision not in DECISIONS:
        raise ValidationError({"decision": _("Choose accept, revise or reject.")})
    step_name, action = DECISIONS[decision]
    article = ARTICLE_WORKFLOW.take(article, step_name, by=by)
    event = _record(article=article, action=action, by=by, message=message)
    _email_authors(article=article, event=event)
    return article


def _romanian(**versions: str | None) -> dict[str, str]:
    """Return the Romanian versions to write: those given (None keeps the article's own)."""
    return {name: text for name, text in versions.items() if text is not None}


@transaction.atomic
def revise_article(
    *,
    article: Article,
    by: User,
    title: str,
    abstract: str,
    body: str,
    themes: Iterable[Theme] | None = None,
    message: str = "",
    title_ro: str | None = None,
    abstract_ro: str | None = None,
) -> Article:
    """Resubmit the article after a revision was asked for; it goes back to the editors.

    `title_ro` and `abstract_ro`: the Romanian versions (None keeps them as they are).
    """
    article = ARTICLE_WORKFLOW.take(
        article,
        "revise",
        by=by,
        title=title,
        abstract=abstract,
        body=body,
        **_romanian(title_ro=title_ro, abstract_ro=abstract_ro),
    )
    _set_themes(article, themes)
    index_article(article=article)
    event = _record(article=article, action=Action.REVISED, by=by, message=message)
    _email_authors(article=article, event=event)
    _email_editors(article=article, template="new_submission", context={"revised": True})
    return article


@transaction.atomic
def copy_edit_article(
    *,
    article: Article,
    by: User,
    title: str,
    abstract: str,
    body: str,
    themes: Iterable[Theme] | None = None,
    done: bool = False,
    title_ro: str | None = None,
    abstract_ro: str | None = None,
) -> Article:
    """Save the editor's copy-edit of an accepted article; `done` marks it ready for an issue.

    `title_ro` and `abstract_ro`: the Romanian versions (None keeps them as they are).
    """
    article = ARTICLE_WORKFLOW.lock(article, "copy_edit", by=by)
    finishing = done and article.status == ArticleStatus.ACCEPTED
    ARTICLE_WORKFLOW.advance(
        article,
        "finish_copy_edit" if finishing else "copy_edit",
        title=title,
        abstract=abstract,
        body=body,
        **_romanian(title_ro=title_ro, abstract_ro=abstract_ro),
    )
    _set_themes(article, themes)
    index_article(article=article)
    if finishing:
        event = _record(article=article, action=Action.COPY_EDITED, by=by)
        _email_authors(article=article, event=event)
    return article


@transaction.atomic
def place_article_in_issue(
    *, article: Article, issue: Issue, by: User, position: int | None = None
) -> Article:
    """Put a copy-edited article in `issue`'s table of contents (published with the issue)."""
    # The issue first, as `publish_issue` locks it: an article placed while the issue is being
    # published waits, and then sees it published.
    issue = ISSUE_WORKFLOW.lock(issue)
    article = ARTICLE_WORKFLOW.lock(article, "place", by=by)
    if position is None:
        position = (issue.articles.aggregate(last=Max("position"))["last"] or 0) + 1
    ARTICLE_WORKFLOW.advance(article, "place", issue=issue, position=position)
    event = _record(article=article, action=Action.SCHEDULED, by=by, message=str(issue))
    _email_authors(article=article, event=event)
    if issue.is_published:
        _publish_article(article=article, at=timezone.now(), by=by)
    return article


def _publish_article(*, article: Article, at: datetime.datetime, by: User | None) -> None:
    ARTICLE_WORKFLOW.advance(article, "publish", published_at=at)
    event = _record(article=article, action=Action.PUBLISHED, by=by)
    _email_authors(article=article, event=event)
    index_article(article=article)


@transaction.atomic
def withdraw_article(*, article: Article, by: User) -> Article:
    """Withdraw a submission that is not yet placed in an issue."""
    article = ARTICLE_WORKFLOW.take(article, "withdraw", by=by)
    event = _record(article=article, action=Action.WITHDRAWN, by=by)
    _email_authors(article=article, event=event)
    return article


# Images


@transaction.atomic
def add_article_image(
    *, article: Article, image, caption: str, alt_text: str, by: User, is_lead: bool = False
) -> ArticleImage:
    """Add an image with its caption after the article's text, or as its lead picture (which
    replaces the lead picture it had: the former one stays, after the text)."""
    if is_lead:
        article.images.filter(is_lead=True).update(is_lead=False)
    position = (article.images.aggregate(last=Max("position"))["last"] or 0) + 1
    return ArticleImage.objects.create(
        article=article,
        image=image,
        caption=caption,
        alt_text=alt_text,
        position=position,
        is_lead=is_lead,
    )


def remove_article_image(*, image: ArticleImage, by: User) -> None:
    """Remove an image of an article, and its file."""
    image.image.delete(save=False)
    image.delete()


# Issues


@transaction.atomic
def save_issue(*, issue: Issue, by: User, pdf_uploaded: bool = False) -> Issue:
    """Save an issue the editor filled in; an uploaded PDF replaces a generated one."""
    if pdf_uploaded:
        issue.pdf_generated = False
    return ISSUE_WORKFLOW.save_details(issue)


@transaction.atomic
def publish_issue(*, issue: Issue, by: User, at: datetime.datetime | None = None) -> Issue:
    """Publish `issue` and every article placed in it; generate its PDF if none was uploaded."""
    when = at or timezone.now()
    issue = ISSUE_WORKFLOW.take(issue, "publish", by=by, published_at=when)
    for article in issue.articles.filter(status=ArticleStatus.SCHEDULED).order_by("pk"):
        article = ARTICLE_WORKFLOW.lock(article, "publish")
        _publish_article(article=article, at=when, by=by)
    if not issue.pdf:
        request_issue_pdf(issue=issue)
    return issue


# A request older than this is taken as lost (its task failed or never ran) and may be made again.
PDF_REQUEST_PATIENCE = datetime.timedelta(minutes=10)


def request_issue_pdf(*, issue: Issue) -> bool:
    """Queue the generation of the issue's PDF from its articles (never done in a request).

    One request at a time: while an earlier one is waiting (for less than
    `PDF_REQUEST_PATIENCE`), nothing is queued and False is returned. The conditional update
    decides it, so requests made at once queue one task.
    """
    from wsco.publications.tasks import generate_issue_pdf_task

    now = timezone.now()
    waiting = Issue.objects.filter(pk=issue.pk).exclude(
        pdf_requested_at__gt=now - PDF_REQUEST_PATIENCE
    )
    if not waiting.update(pdf_requested_at=now):
        return False
    transaction.on_commit(lambda: generate_issue_pdf_task.enqueue(issue_id=issue.pk))
    return True


def generate_issue_pdf(*, issue: Issue) -> Issue:
    """Render the issue (cover, editorial, contents, articles) to a PDF and store it."""
    from wsco.publications.pdf import article_pages, issue_pdf

    articles = list(
        issue.articles.filter(status=ArticleStatus.PUBLISHED)
        .order_by("position", "pk")
        .prefetch_related("bylines__author", "images")
    )
    pdf_bytes = issue_pdf(issue=issue, articles=article_pages(articles))
    if issue.pdf:
        issue.pdf.delete(save=False)
    issue.pdf.save("issue.pdf", ContentFile(pdf_bytes), save=False)
    issue.pdf_generated = True
    issue.pdf_requested_at = None
    issue.save(update_fields=["pdf", "pdf_generated", "pdf_requested_at"])
    return issue


# News posts


@transaction.atomic
def save_post(
    *, post: Post, by: User, themes: Iterable[Theme] | None = None, publish: bool = False
) -> Post:
    """Save a news post (new or edited); `publish` publishes a draft now."""
    if not post.slug:
        post.slug = unique_slug(Post, post.title)
    if post.created_by_id is None:
        post.created_by = by
    POST_WORKFLOW.save_details(post)
    if publish:
        # Publishing a post already published (from another window, say) changes nothing.
        post = POST_WORKFLOW.lock(post)
        if POST_WORKFLOW.allows(post, "publish"):
            POST_WORKFLOW.advance(post, "publish", published_at=timezone.now())
    _set_themes(post, themes)
    index_post(post=post)
    return post


@transaction.atomic
def unpublish_post(*, post: Post, by: User) -> Post:
    """Take a post back to draft."""
    return POST_WORKFLOW.take(post, "unpublish", by=by, published_at=None)


# Search


def article_document(article: Article, author_names: Iterable[str]) -> str:
    """Return the search document of `article` (`wsco.core.search`): title, abstract (in every
    language), authors."""
    return search.document(
        every_version(article, "title"), every_version(article, "abstract"), *author_names
    )


def post_document(post: Post) -> str:
    """Return the search document of `post`: title, summary (in every language) and author."""
    return search.document(
        every_version(post, "title"), every_version(post, "summary"), post.author.name
    )


def index_article(*, article: Article) -> None:
    """Rebuild the search document of `article` (title, abstract, authors).

    The document serves the readers' search of the publications (published articles only) and
    the site-wide search, where editors and the people working on a submission find it too.
    """
    names = [byline.author.name for byline in article.bylines.select_related("author")]
    article.search_document = article_document(article, names)
    Article.objects.filter(pk=article.pk).update(search_document=article.search_document)


def index_post(*, post: Post) -> None:
    """Rebuild the search document of `post` (title, summary, author)."""
    post.search_document = post_document(post)
    Post.objects.filter(pk=post.pk).update(search_document=post.search_document)


# Reminders


def send_review_reminders(*, today: datetime.date | None = None) -> int:
    """Remind reviewers whose review is due within three days or overdue; safe to run twice."""
    day = today or timezone.localdate()
    now = timezone.now()
    # Declined and withdrawn reviews are owed by nobody: `pending()` leaves them out.
    open_reviews = (
        Review.objects.pending()
        .filter(article__status=ArticleStatus.IN_REVIEW)
        .select_related("article", "reviewer")
    )
    due_soon = open_reviews.filter(
        due_on__gte=day,
        due_on__lte=day + datetime.timedelta(days=REMINDER_DAYS_BEFORE_DUE),
        reminded_due_soon_at__isnull=True,
    )
    overdue = open_reviews.filter(due_on__lt=day, reminded_overdue_at__isnull=True)
    sent = 0
    for review in due_soon:
        sent += _remind(review=review, overdue=False, marker="reminded_due_soon_at", now=now)
    for review in overdue:
        sent += _remind(review=review, overdue=True, marker="reminded_overdue_at", now=now)
    return sent


@transaction.atomic
def _remind(*, review: Review, overdue: bool, marker: str, now: datetime.datetime) -> int:
    """Mark `review` reminded and queue the reminder; 0 if another run marked it first."""
    # The mark is a conditional update, so two runs at once remind a reviewer once.
    marked = Review.objects.filter(pk=review.pk, **{f"{marker}__isnull": True}).update(
        **{marker: now}
    )
    if not marked:
        return 0
    _tell_reviewer(review, "publications.review_reminder", overdue=overdue)
    return 1
