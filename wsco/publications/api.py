"""The publications API: published issues, articles and posts (read-only, paginated)."""

import datetime

from ninja import Field, Router, Schema
from ninja.pagination import paginate

from wsco.accounts.auth import optional_auth
from wsco.core.markdown import render_markdown
from wsco.core.paging import Pages
from wsco.core.text import CleanText
from wsco.publications import queries

router = Router(tags=["publications"], auth=optional_auth)


class AuthorOut(Schema):
    """An author as the caller may see them (`wsco.members.people`): a member's byline names
    them; the link to their profile follows their profile's visibility."""

    name: str
    slug: str
    url: str
    profile_url: str | None = Field(
        None, description="The author's member profile, when it is open to the caller."
    )


def _author(author, context) -> dict:
    """Return `author` as the request's caller may see them."""
    person = author.shown_to(context["request"].user)
    return {
        "name": person.name,
        "slug": author.slug,
        "url": author.get_absolute_url(),
        "profile_url": person.profile_url or None,
    }


class IssueOut(Schema):
    id: int
    volume: int
    number: int
    year: int
    quarter: int
    date: datetime.date
    title: str
    url: str
    pdf_url: str | None
    article_count: int

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_pdf_url(obj) -> str | None:
        return obj.pdf.url if obj.pdf else None


class ArticleOut(Schema):
    """An article; `title_ro` and `abstract_ro` are its Romanian versions ("" when none)."""

    id: int
    title: str
    title_ro: str
    slug: str
    abstract: str
    abstract_ro: str
    url: str
    published_at: datetime.datetime | None
    issue: str
    authors: list[AuthorOut]
    themes: list[str]

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_issue(obj) -> str:
        return str(obj.issue)

    @staticmethod
    def resolve_authors(obj, context) -> list:
        return [_author(byline.author, context) for byline in obj.bylines.all()]

    @staticmethod
    def resolve_themes(obj) -> list[str]:
        return [theme.slug for theme in obj.themes.all()]


class PostOut(Schema):
    """A news post; the `_ro` fields are its Romanian versions ("" when none)."""

    id: int
    title: str
    title_ro: str
    slug: str
    summary: str
    summary_ro: str
    body_html: str
    body_ro_html: str
    url: str
    published_at: datetime.datetime
    author: AuthorOut
    themes: list[str]

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_body_html(obj) -> str:
        return str(render_markdown(obj.body))

    @staticmethod
    def resolve_body_ro_html(obj) -> str:
        return str(render_markdown(obj.body_ro)) if obj.body_ro else ""

    @staticmethod
    def resolve_author(obj, context) -> dict:
        return _author(obj.author, context)

    @staticmethod
    def resolve_themes(obj) -> list[str]:
        return [theme.slug for theme in obj.themes.all()]


@router.get("/issues", response=list[IssueOut])
@paginate(Pages)
def list_issues(request):
    """The published issues of the Smart City Magazine, newest first."""
    return queries.issues_with_article_counts()


@router.get("/articles", response=list[ArticleOut])
@paginate(Pages)
def list_articles(request, theme: CleanText | None = None):
    """The published articles, newest first; `theme` filters by a theme's slug."""
    articles = queries.published_articles()
    if theme:
        articles = articles.filter(themes__slug=theme)
    return articles


@router.get("/posts", response=list[PostOut])
@paginate(Pages)
def list_posts(request, theme: CleanText | None = None):
    """The published news posts, newest first; `theme` filters by a theme's slug."""
    posts = queries.published_posts()
    if theme:
        posts = posts.filter(themes__slug=theme)
    return posts
