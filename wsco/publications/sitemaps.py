"""Sitemaps of the published issues, articles, posts and authors."""

from django.urls import reverse

from wsco.core.sitemaps import Sitemap
from wsco.publications.models import Article, Issue, Post
from wsco.publications.queries import published_authors


class IssueSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return Issue.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.published_at


class ArticleSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.7

    def items(self):
        return Article.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class PostSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Post.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class AuthorSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return published_authors().order_by("pk")


class PublicationPagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["publications:magazine", "publications:news"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "magazine": PublicationPagesSitemap,
    "issues": IssueSitemap,
    "articles": ArticleSitemap,
    "posts": PostSitemap,
    "authors": AuthorSitemap,
}
