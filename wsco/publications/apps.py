from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "wsco.publications"
    label = "publications"
    verbose_name = _("Publications")

    def ready(self):
        from wsco.core.dashboard import register_panel
        from wsco.core.files import register_reader
        from wsco.core.pdf import register_document
        from wsco.core.site_search import register_provider
        from wsco.core.theme_offers import register_offer
        from wsco.notifications.kinds import register_kinds
        from wsco.publications import access, dashboard, pdf, site_search, theme_offers
        from wsco.publications.models import ArticleImage, Author, Issue, Post
        from wsco.publications.notifications import KINDS

        register_panel(dashboard.PANEL)
        dashboard.connect()
        register_provider(site_search.ARTICLES)
        register_provider(site_search.POSTS)
        register_offer(theme_offers.ARTICLES)
        register_offer(theme_offers.POSTS)
        register_kinds(KINDS)
        from wsco.core import home as home_page
        from wsco.publications import home

        home.connect()
        for part in home.PARTS:
            home_page.register_part(part)
        for activity in home.ACTIVITY:
            home_page.register_activity(activity)
        register_document(pdf.ISSUE_DOCUMENT, sample=pdf.sample_issue)
        register_reader(ArticleImage, "image", access.may_read_article_image)
        register_reader(Issue, "cover", access.may_read_issue_file)
        register_reader(Issue, "pdf", access.may_read_issue_file)
        register_reader(Post, "cover", access.may_read_post_cover)
        register_reader(Author, "photo", access.may_read_author_photo)
