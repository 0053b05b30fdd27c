"""The members app's public pages in the sitemap."""

from wsco.core.sitemaps import PagesSitemap


class JoinSitemap(PagesSitemap):
    pages = ("join:types", "members:directory", "members:organizations")


SITEMAPS = {"join": JoinSitemap}
