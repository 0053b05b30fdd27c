"""What the publications have on a theme (`wsco.core.theme_offers`): articles and news posts.

Only what readers see: published articles (in a published issue) and published posts, for
every viewer alike. A submission or a draft stays on the editorial pages of those who work on
it, never on a theme's page, even for its editors.
"""

from django.db.models import Count
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext

from wsco.core.theme_offers import Offer, OfferItem, everyone
from wsco.core.translated import localized
from wsco.publications.home import PUBLICATIONS
from wsco.publications.models import Article, Post
from wsco.publications.queries import published_articles, published_posts

ABSTRACT_WORDS = 30
ARTICLE_THEMES = Article.themes.through
POST_THEMES = Post.themes.through


def _themes_of(row, themes: list[str]) -> tuple[str, ...]:
    held = {theme.slug for theme in row.themes.all()}
    return tuple(slug for slug in themes if slug in held)


def find_articles(themes: list[str], *, user, limit: int) -> list[OfferItem]:
    """Return the newest published articles on any of `themes`."""
    on_themes = ARTICLE_THEMES.objects.filter(theme__slug__in=themes).values("article_id")
    items = []
    for article in published_articles().filter(pk__in=on_themes)[:limit]:
        title, lead = localized(article, "title"), article.lead_image
        items.append(
            OfferItem(
                title=title.text,
                language=title.language,
                url=article.get_absolute_url(),
                text=Truncator(localized(article, "abstract").text).words(ABSTRACT_WORDS),
                image=lead.image.url if lead else "",
                image_alt=lead.alt_text if lead else "",
                themes=_themes_of(article, themes),
                date=article.published_at,
            )
        )
    return items


def find_posts(themes: list[str], *, user, limit: int) -> list[OfferItem]:
    """Return the newest published news posts on any of `themes`."""
    on_themes = POST_THEMES.objects.filter(theme__slug__in=themes).values("post_id")
    items = []
    for post in published_posts().filter(pk__in=on_themes)[:limit]:
        title = localized(post, "title")
        items.append(
            OfferItem(
                title=title.text,
                language=title.language,
                url=post.get_absolute_url(),
                text=localized(post, "summary").text,
                image=post.cover.url if post.cover else "",
                image_alt=post.cover_alt,
                themes=_themes_of(post, themes),
                date=post.published_at,
            )
        )
    return items


def count_articles(user) -> dict[str, int]:
    """Return, per theme, how many published articles are on it."""
    return _count(ARTICLE_THEMES, "article", Article.objects.published())


def count_posts(user) -> dict[str, int]:
    """Return, per theme, how many published posts are on it."""
    return _count(POST_THEMES, "post", Post.objects.published())


def _count(through, field: str, published) -> dict[str, int]:
    rows = (
        through.objects.filter(**{f"{field}__in": published.values("pk")})
        .values("theme__slug")
        .annotate(number=Count(f"{field}_id"))
        .order_by()
    )
    return {row["theme__slug"]: row["number"] for row in rows}


def _magazine_theme(themes: list[str]) -> str:
    return reverse("publications:theme", kwargs={"slug": themes[0]}) if len(themes) == 1 else ""


ARTICLES = Offer(
    name="articles",
    title=_("From the magazine"),
    find=find_articles,
    count=count_articles,
    count_label=lambda n: npgettext("theme figure", "article", "articles", n),
    icon="file-text",
    empty=_("The magazine has published nothing on %(themes)s yet."),
    action_label=_("Submit an article"),
    action_url=lambda themes: reverse("publications:submit"),
    see_all=_magazine_theme,
    audience=everyone,
    data_set=PUBLICATIONS,
    order=30,
)
POSTS = Offer(
    name="posts",
    title=_("News"),
    find=find_posts,
    count=count_posts,
    count_label=lambda n: npgettext("theme figure", "news post", "news posts", n),
    icon="info",
    empty=_("No news on %(themes)s yet."),
    action_label=_("Read the latest news"),
    action_url=lambda themes: reverse("publications:news"),
    see_all=_magazine_theme,
    audience=everyone,
    data_set=PUBLICATIONS,
    order=40,
)
