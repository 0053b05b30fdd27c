"""Atom feeds of the magazine's articles and the news posts: all, per theme, per author."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wsco.core.feeds import SafeFeed, plain_text_html
from wsco.core.markdown import render_markdown
from wsco.core.models import Theme
from wsco.publications import queries
from wsco.publications.models import Article, Author
from wsco.publications.views.reading import for_readers

FEED_SIZE = 30


def absolute(path: str) -> str:
    """Return `path` on SITE_URL (syndication would otherwise use the Site row's domain)."""
    return settings.SITE_URL + path


class PublicationsFeed(SafeFeed):
    """The latest articles and posts together, newest first."""

    title = _("WSCO: Smart City Magazine and news")
    subtitle = _("Articles of the Smart City Magazine and news from WSCO.")

    def __call__(self, request, *args, **kwargs):
        # Feed readers poll: a visitor's copy comes from the page cache, as the news page does.
        build = super().__call__
        return for_readers(request, lambda extra_context: build(request, *args, **kwargs))

    def link(self, obj=None):
        return absolute(reverse("publications:news"))

    def feed_url(self, obj=None):
        return absolute(reverse("publications:feed"))

    def item_link(self, item):
        return absolute(item.get_absolute_url())

    def filter_articles(self, articles, obj):
        return articles

    def filter_posts(self, posts, obj):
        return posts

    def items(self, obj=None):
        articles = list(self.filter_articles(queries.published_articles(), obj)[:FEED_SIZE])
        posts = list(self.filter_posts(queries.published_posts(), obj)[:FEED_SIZE])
        newest_first = sorted(
            articles + posts, key=lambda item: item.published_at or item.updated_at, reverse=True
        )
        return newest_first[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # An abstract is plain text (the article page shows it with `linebreaks`); a post's
        # body is Markdown. Atom sends either as HTML.
        if isinstance(item, Article):
            return plain_text_html(item.abstract)
        return render_markdown(item.body)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        if isinstance(item, Article):
            return item.author_names()
        return item.author.name

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]


class ThemeFeed(PublicationsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Theme, slug=slug)

    def title(self, obj):
        return _("WSCO publications on %(theme)s") % {"theme": obj.name}

    def link(self, obj=None):
        return absolute(reverse("publications:theme", kwargs={"slug": obj.slug}))

    def feed_url(self, obj=None):
        return absolute(reverse("publications:theme_feed", kwargs={"slug": obj.slug}))

    def filter_articles(self, articles, obj):
        return articles.filter(themes=obj)

    def filter_posts(self, posts, obj):
        return posts.filter(themes=obj)


class AuthorFeed(PublicationsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def title(self, obj):
        return _("WSCO publications by %(author)s") % {"author": obj.name}

    def link(self, obj=None):
        return absolute(obj.get_absolute_url())

    def feed_url(self, obj=None):
        return absolute(reverse("publications:author_feed", kwargs={"slug": obj.slug}))

    def filter_articles(self, articles, obj):
        return articles.filter(bylines__author=obj)

    def filter_posts(self, posts, obj):
        return posts.filter(author=obj)
