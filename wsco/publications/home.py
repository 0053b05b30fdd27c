"""What the publications app puts on the home page: the magazine, the news, and their latest."""

from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext

from wsco.core.home import Activity, Figure, Item, Part
from wsco.core.page_cache import mark_changed
from wsco.core.translated import localized
from wsco.publications.models import Article, ArticleImage, Author, Byline, Issue, Post

PUBLICATIONS = "publications"


def publications_changed(**signal_arguments) -> None:
    """Mark what readers see of the publications changed (a receiver of save and delete)."""
    mark_changed(PUBLICATIONS)


def connect() -> None:
    """End the cached home figures and activity, and the readers' cached pages (the magazine,
    the news, the feeds), on every write to an issue, article, post, author, byline or image."""
    for model in (Issue, Article, Post, Author, Byline, ArticleImage):
        post_save.connect(publications_changed, sender=model, dispatch_uid=f"home-{model}")
        post_delete.connect(publications_changed, sender=model, dispatch_uid=f"home-{model}")


def _published(model) -> Figure:
    """Count what readers see of `model`: its published rows."""
    labels = {
        Issue: lambda n: npgettext("home figure", "issue", "issues", n),
        Article: lambda n: npgettext("home figure", "article", "articles", n),
        Post: lambda n: npgettext("home figure", "post", "posts", n),
    }
    return Figure(lambda: model.objects.published().count(), labels[model])


PARTS = [
    Part(
        name="magazine",
        title=_("The Smart City Magazine"),
        text=_("Quarterly since December 2016: what works in smarter cities."),
        url_name="publications:magazine",
        icon="file-text",
        figures=(_published(Issue), _published(Article)),
        data_set=PUBLICATIONS,
        order=40,
    ),
    Part(
        name="news",
        title=_("News"),
        text=_("What WSCO and its members are doing."),
        url_name="publications:news",
        icon="info",
        figures=(_published(Post),),
        data_set=PUBLICATIONS,
        order=50,
    ),
]


def _items(rows, kind: str) -> list[Item]:
    """Return published articles or posts as activity, each titled in the reader's language."""
    items = []
    for row in rows:
        title = localized(row, "title")
        items.append(
            Item(
                kind=kind,
                title=title.text,
                language=title.language,
                url=row.get_absolute_url(),
                at=row.published_at,
            )
        )
    return items


def _latest_articles(limit: int) -> list[Item]:
    articles = Article.objects.published().order_by("-published_at", "position")[:limit]
    return _items(articles, str(_("Article")))


def _latest_posts(limit: int) -> list[Item]:
    return _items(Post.objects.published().order_by("-published_at")[:limit], str(_("News")))


ACTIVITY = [
    Activity(name="articles", latest=_latest_articles, data_set=PUBLICATIONS),
    Activity(name="posts", latest=_latest_posts, data_set=PUBLICATIONS),
]
