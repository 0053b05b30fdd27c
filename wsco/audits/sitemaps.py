"""The audits' part of the sitemap: public pages, audited cities and published audits only."""

from wsco.audits.models import Audit
from wsco.audits.public import audited_cities
from wsco.core.sitemaps import PagesSitemap, Sitemap


class AuditPagesSitemap(PagesSitemap):
    pages = ("audits:cities", "audits:rankings", "audits:data")


class CitySitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return audited_cities().order_by("pk")


class PublishedAuditSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return Audit.objects.published().order_by("pk")

    def lastmod(self, audit: Audit):
        return audit.published_at


SITEMAPS = {
    "audit-pages": AuditPagesSitemap,
    "cities": CitySitemap,
    "audits": PublishedAuditSitemap,
}
