"""What the site-wide search (`wsco.core.site_search`) finds in the publications.

Readers find the published articles and posts. An unpublished article is found only by those
who may follow its submission (`access.submissions_visible_to`: editors, its authors, its
reviewers), and opens on its submission page; draft posts only by the editors, on their form.
"""

from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wsco.core.search import Query
from wsco.core.site_search import Provider, Result, excerpt, first_matches, list_url
from wsco.publications import access
from wsco.publications.models import Article, Post


def articles_for(user):
    """Return the articles `user` may find: the published ones and the submissions they follow."""
    published = Article.objects.published()
    if access.is_editor(user):
        return Article.objects.all()
    if not user.is_authenticated:
        return published
    followed = access.submissions_visible_to(user).values("pk")
    return Article.objects.filter(Q(pk__in=published.values("pk")) | Q(pk__in=followed))


def posts_for(user):
    """Return the posts `user` may find: the published ones; drafts too for the editors."""
    return Post.objects.all() if access.is_editor(user) else Post.objects.published()


def find_articles(user, query: Query, limit: int) -> tuple[list[Result], int]:
    """Return the articles `user` may find whose title, abstract or authors hold `query`."""
    articles = articles_for(user).with_listing()
    # Newest first; submissions not yet published after the published ones.
    ordered = articles.order_by(F("published_at").desc(nulls_last=True), "-submitted_at", "pk")
    found, total = first_matches(ordered, query, limit)
    results = []
    for article in found:
        published = article.is_published
        status = "" if published else article.get_status_display()
        results.append(
            Result(
                title=article.title,
                url=article.get_absolute_url() if published else article.get_submission_url(),
                meta=" · ".join(part for part in (article.author_names(), status) if part),
                snippet=excerpt(article.abstract, query),
                date=article.published_at if published else article.submitted_at,
            )
        )
    return results, total


def find_posts(user, query: Query, limit: int) -> tuple[list[Result], int]:
    """Return the posts `user` may find whose title, summary or author hold `query`."""
    posts = (
        posts_for(user)
        .select_related("author")
        .order_by(F("published_at").desc(nulls_first=True), "-created_at", "pk")
    )
    found, total = first_matches(posts, query, limit)
    results = [
        Result(
            title=post.title,
            url=(
                post.get_absolute_url()
                if post.is_published
                else reverse("publications:post_edit", kwargs={"pk": post.pk})
            ),
            meta=post.author.name if post.is_published else f"{post.author.name} · {_('Draft')}",
            snippet=excerpt(post.summary, query),
            date=post.published_at,
        )
        for post in found
    ]
    return results, total


ARTICLES = Provider(
    kind="articles",
    label=_("Articles"),
    icon="file-text",
    find=find_articles,
    see_all=list_url("publications:search"),
    order=30,
)
POSTS = Provider(
    kind="posts",
    label=_("News posts"),
    icon="globe",
    find=find_posts,
    see_all=list_url("publications:search"),
    order=40,
)
