"""The sitemap's shared parts: addresses from SITE_URL, and a section of fixed pages."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import reverse

from wsco.core.themes import THEMES


class Sitemap(DjangoSitemap):
    """A sitemap whose addresses start with SITE_URL (not the Site row's placeholder domain)."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class PagesSitemap(Sitemap):
    """Fixed pages, named by their URL names in `pages`."""

    changefreq = "weekly"
    pages: tuple[str, ...] = ()

    def items(self):
        return list(self.pages)

    def location(self, item):
        return reverse(item)


class ThemesSitemap(Sitemap):
    """The themes' list and each theme's page (`/themes/<slug>/`)."""

    changefreq = "weekly"

    def items(self):
        return [None, *(theme.slug for theme in THEMES)]

    def location(self, item):
        return reverse("core:theme", kwargs={"slug": item}) if item else reverse("core:themes")


SITEMAPS = {"themes": ThemesSitemap}
