"""The platform's URLs: one include per app."""

from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from wsco.api import api
from wsco.audits.sitemaps import SITEMAPS as AUDITS_SITEMAPS
from wsco.core.sitemaps import SITEMAPS as CORE_SITEMAPS
from wsco.members.sitemaps import SITEMAPS as MEMBERS_SITEMAPS
from wsco.projects.sitemaps import SITEMAPS as PROJECTS_SITEMAPS
from wsco.publications.sitemaps import SITEMAPS

urlpatterns = [
    # First: no app's own URLs start with api/, and the API's callers skip the others' patterns.
    path("api/", api.urls),
    path("", include("wsco.core.urls")),
    path("accounts/", include("allauth.urls")),
    path("account/", include("wsco.accounts.urls")),
    path("members/", include("wsco.members.urls")),
    path("join/", include("wsco.members.join_urls")),
    path("", include("wsco.publications.urls")),
    path("network/", include("wsco.network.urls")),
    path("notifications/", include("wsco.notifications.urls")),
    path("", include("wsco.audits.urls")),
    path("", include("wsco.groups.urls")),
    path("", include("wsco.standards.urls")),
    path("", include("wsco.projects.urls")),
    path("staff/tasks/", include("wsco.tasks.urls")),
    path("", include("wsco.certificates.urls")),
    path("", include("wsco.courses.urls")),
    path("", include("wsco.awards.urls")),
    path("", include("wsco.events.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path(
        "sitemap.xml",
        sitemap,
        {
            "sitemaps": CORE_SITEMAPS
            | MEMBERS_SITEMAPS
            | SITEMAPS
            | AUDITS_SITEMAPS
            | PROJECTS_SITEMAPS
        },
        name="sitemap",
    ),
]
handler400 = "wsco.core.views.bad_request"
