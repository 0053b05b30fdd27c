"""What the publications app puts on the home page: the magazine, the news, and their latest."""

from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext

from wsco.core.home import Activity, Figure, Item, Part
from wsco.core.page_cache import mark_changed
from wsco.core.translated import localized
from wsco.publications.models import Article, Issue, Post

PUBLICATIONS = "publications"


def publications_changed(**signal_arguments) -> None:
    """Mark what readers see of the publications changed (a receiver of save and delete)."""
    mark_changed(PUBLICATIONS)


def connect() -> None:
    """End the cached home figures and activity on every write to an issue, article or post."""
    for model in (Issue, Article, Post):
        post_save.connect(publications_changed, sender=model, dispatch_uid=f"home-{model}")
        post_delete.connect(publications_changed, sender=model, dispatch_uid=f"home-{model}")


PARTS = [
    Part(
        name="magazine",
        title=_("The Smart City Magazine"),
        text=_("Quarterly since December 2016: what works in smarter cities."),
        url_name="publications:magazine",
        icon="file-text",
        figures=(
            Figure(
                lambda: Issue.objects.published().count(),
                lambda n: npgettext("home figure", "issue", "issues", n),
            ),
            Figure(
                lambda: Article.objects.published().count(),
                lambda n: npgettext("home figure", "article", "articles", n),
            ),
        ),
        data_set=PUBLICATIONS,
        order=40,
    ),
    Part(
        name="news",
        title=_("News"),
        text=_("What WSCO and its members are doing."),
        url_name="publications:news",
        icon="info",
        figures=(
            Figure(
                lambda: Post.objects.published().count(),
                lambda n: npgettext("home figure", "post", "posts", n),
            ),
        ),
        data_set=PUBLICATIONS,
        order=50,
    ),
]


def _latest_articles(limit: int) -> list[Item]:
    articles = Article.objects.published().order_by("-published_at", "position")[:limit]
    return [
        Item(
            kind=str(_("Article")),
            title=localized(article, "title").text,
            language=localized(article, "title").language,
            url=article.get_absolute_url(),
            at=article.published_at,
        )
        for article in articles
    ]


def _latest_posts(limit: int) -> list[Item]:
    posts = Post.objects.published().order_by("-published_at")[:limit]
    return [
        Item(
            kind=str(_("News")),
            title=localized(post, "title").text,
            language=localized(post, "title").language,
            url=post.get_absolute_url(),
            at=post.published_at,
        )
        for post in posts
    ]


ACTIVITY = [
    Activity(name="articles", latest=_latest_articles, data_set=PUBLICATIONS),
    Activity(name="posts", latest=_latest_posts, data_set=PUBLICATIONS),
]
