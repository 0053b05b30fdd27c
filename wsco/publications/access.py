"""The only ways views reach protected publications objects: each helper says who asks."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from wsco.accounts.models import Role
from wsco.members import people
from wsco.publications.models import (
    AUTHOR_EDITABLE_STATUSES,
    Article,
    ArticleImage,
    Issue,
    Post,
    Review,
)


def is_editor(user) -> bool:
    """Say whether `user` edits the magazine and the news."""
    return user.is_authenticated and user.has_role(Role.EDITOR)


def editor_required(view):
    """Let only editors in: visitors go to the login page, everyone else gets a 403."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not is_editor(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def may_submit(user) -> bool:
    """Say whether `user` may submit an article: current members, and editors (for guests)."""
    return user.is_authenticated and (is_editor(user) or user.has_role(Role.MEMBER))


def submissions_visible_to(user):
    """Return the articles whose submission `user` may follow.

    Editors see every submission; an author sees the ones they submitted or sign; a reviewer
    sees the ones they review, and no longer once they declined or were withdrawn (an
    unpublished manuscript is shown to the people working on it, no one else).
    """
    if not user.is_authenticated:
        return Article.objects.none()
    if is_editor(user):
        return Article.objects.all()
    reviewing = Review.objects.active().filter(reviewer=user).values("article")
    return Article.objects.filter(
        Q(submitted_by=user) | Q(bylines__author__profile__user=user) | Q(pk__in=reviewing)
    ).distinct()


def submissions_of_author(user):
    """Return the articles `user` submitted or signs (not those they only review)."""
    if not user.is_authenticated:
        return Article.objects.none()
    return Article.objects.filter(
        Q(submitted_by=user) | Q(bylines__author__profile__user=user)
    ).distinct()


def get_submission_for_user(user, pk: int) -> Article:
    """Return the submission `pk` if `user` may follow it; 404 otherwise (it does not leak)."""
    article = submissions_visible_to(user).filter(pk=pk).first()
    if article is None:
        raise Http404
    return article


def is_author_of(user, article: Article) -> bool:
    """Say whether `user` submitted or signs `article`."""
    return submissions_of_author(user).filter(pk=article.pk).exists()


def get_review_for_reviewer(user, pk: int) -> Review:
    """Return the review `pk` if `user` is its reviewer."""
    review = (
        Review.objects.select_related("article")
        .filter(pk=pk, reviewer_id=getattr(user, "pk", None))
        .first()
    )
    if review is None:
        raise Http404
    return review


def get_article_for_reader(user, slug: str) -> Article:
    """Return a published article, or one whose submission `user` follows (a preview)."""
    article = Article.objects.published().filter(slug=slug).first()
    if article is None:
        article = submissions_visible_to(user).filter(slug=slug).first()
    if article is None:
        raise Http404
    return article


def get_issue_for_reader(user, volume: int, number: int) -> Issue:
    """Return a published issue; editors also see the ones in preparation."""
    issues = Issue.objects.all() if is_editor(user) else Issue.objects.published()
    issue = issues.filter(volume=volume, number=number).first()
    if issue is None:
        raise Http404
    return issue


def get_post_for_reader(user, slug: str) -> Post:
    """Return a published post; editors also see drafts."""
    posts = Post.objects.all() if is_editor(user) else Post.objects.published()
    post = posts.select_related("author").filter(slug=slug).first()
    if post is None:
        raise Http404
    return post


def may_change_images(user, article: Article) -> bool:
    """Say whether `user` may add or remove the article's images: editors, or its authors
    until it is placed in an issue."""
    if is_editor(user):
        return True
    return article.status in AUTHOR_EDITABLE_STATUSES and is_author_of(user, article)


# Who may download the app's stored files (registered with wsco.core.files in apps.py).


def may_read_article_image(user, image: ArticleImage) -> bool:
    """Say whether `user` may see an article's image: anyone once the article is published,
    before that the people who follow its submission."""
    article = image.article
    return article.is_published or submissions_visible_to(user).filter(pk=article.pk).exists()


def may_read_issue_file(user, issue: Issue) -> bool:
    """Say whether `user` may see an issue's cover or PDF: anyone once it is published."""
    return issue.is_published or is_editor(user)


def may_read_post_cover(user, post: Post) -> bool:
    """Say whether `user` may see a post's cover: anyone once it is published."""
    return post.is_published or is_editor(user)


def may_read_author_photo(user, author) -> bool:
    """Say whether `user` may see an author's own photo: a guest author's to everyone, a
    member's to whoever their profile's visibility shows it to (`people.sees_details`)."""
    return author.profile is None or people.sees_details(user, author.profile)
