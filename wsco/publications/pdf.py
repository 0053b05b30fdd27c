"""The magazine issue as a PDF: its HTML from the issue and its articles, rendered by core."""

import datetime
from dataclasses import dataclass, field

from django.template.loader import render_to_string

from wsco.core.pdf import render_pdf
from wsco.publications.models import Article, Issue

ISSUE_DOCUMENT = "publications.issue"


@dataclass(frozen=True)
class Figure:
    """An image after an article's text: the stored file's path and what it shows."""

    path: str
    alt_text: str
    caption: str = ""


@dataclass(frozen=True)
class ArticlePage:
    """What the issue's PDF shows of one article."""

    title: str
    authors: list[str]
    abstract: str
    body: str
    figures: list[Figure] = field(default_factory=list)
    lead: Figure | None = None  # the lead picture, under the title


def article_pages(articles: list[Article]) -> list[ArticlePage]:
    """Return the pages of `articles` (with their bylines and images prefetched)."""
    return [
        ArticlePage(
            title=article.title,
            authors=[byline.author.name for byline in article.bylines.all()],
            abstract=article.abstract,
            body=article.body,
            figures=[_figure(image) for image in article.images.all() if not image.is_lead],
            lead=next((_figure(image) for image in article.images.all() if image.is_lead), None),
        )
        for article in articles
    ]


def _figure(image) -> Figure:
    return Figure(path=image.image.path, alt_text=image.alt_text, caption=image.caption)


def issue_pdf(*, issue: Issue, articles: list[ArticlePage]) -> bytes:
    """Return the PDF of `issue`: cover, editorial, contents, then each article."""
    html = render_to_string("publications/issue_pdf.html", {"issue": issue, "articles": articles})
    return render_pdf(html, document=ISSUE_DOCUMENT)


def sample_issue(markdown: str) -> bytes:
    """Return an issue's PDF with `markdown` in every text an editor or an author writes."""
    issue = Issue(
        volume=1,
        number=1,
        year=2017,
        quarter=1,
        date=datetime.date(2017, 3, 1),
        title=markdown[:200],
        editorial=markdown,
    )
    page = ArticlePage(
        title=markdown[:250],
        authors=[markdown[:150]],
        abstract=markdown,
        body=markdown,
        figures=[Figure(path="", alt_text=markdown[:300], caption=markdown[:300])],
        lead=Figure(path="", alt_text=markdown[:300], caption=markdown[:300]),
    )
    return issue_pdf(issue=issue, articles=[page])
