"""The projects' part of the sitemap: the portfolio and the published projects only."""

from wsco.core.sitemaps import PagesSitemap, Sitemap
from wsco.projects.models import Project


class ProjectPagesSitemap(PagesSitemap):
    pages = ("projects:portfolio",)


class ProjectSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Project.objects.published().order_by("pk")

    def lastmod(self, project: Project):
        return project.updated_at


SITEMAPS = {"project-pages": ProjectPagesSitemap, "projects": ProjectSitemap}
