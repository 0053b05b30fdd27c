"""Every text field people write is rendered without anything executable surviving.

Each payload of the shared corpus goes into every rendered text field at once (titles, abstracts,
bodies, bios, captions, alt texts, editorials, review comments, reasons for declining a review,
event messages), then every page, the feeds and the API that show them are checked.
"""

import pytest
from django.urls import reverse

from wsco.core.tests.html_safety import executable_feed_markup, executable_markup
from wsco.core.tests.xss_payloads import XSS_PAYLOADS
from wsco.core.tests.xss_sweep import icon_sprite_url
from wsco.members.tests.factories import UserFactory
from wsco.publications.models import ArticleEvent, ArticleImage, Review
from wsco.publications.services import index_article, index_post
from wsco.publications.tests.factories import (
    ArticleFactory,
    AuthorFactory,
    IssueFactory,
    PostFactory,
    make_editor,
)

pytestmark = pytest.mark.django_db

PAGE_SCRIPTS = ("/static/core/htmx.min.js", "/static/core/wsco.js")
# The site's own forms (language, sign-out, editors' actions); payload forms are checked by URL.
PAGE_FORM_TAGS = ("form", "input", "button", "textarea", "select")


def _with_payload(payload: str):
    author = AuthorFactory(name=payload[:150], bio=payload, website="javascript:window.__xss=1")
    issue = IssueFactory(title=payload[:200], editorial=payload, cover_alt=payload[:200])
    article = ArticleFactory(
        title=payload, abstract=payload, body=payload, issue=issue, authors=[author]
    )
    ArticleImage.objects.create(
        article=article, image="magazine/images/x.png", caption=payload, alt_text=payload
    )
    editor = make_editor()
    Review.objects.create(
        article=article,
        reviewer=editor,
        due_on=issue.date,
        recommendation="accept",
        comments_for_author=payload,
        comments_for_editor=payload,
        submitted_at=issue.published_at,
    )
    Review.objects.create(
        article=article,
        reviewer=UserFactory(),
        due_on=issue.date,
        declined_at=issue.published_at,
        decline_reason=payload,
    )
    ArticleEvent.objects.create(article=article, action="accepted", message=payload)
    post = PostFactory(
        title=payload, summary=payload[:300], body=payload, author=author, cover_alt=payload
    )
    index_article(article=article)
    index_post(post=post)
    return editor, author, issue, article, post


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_page_runs_what_people_wrote(client, payload):
    editor, author, issue, article, post = _with_payload(payload)
    client.force_login(editor)
    pages = [
        reverse("core:home"),
        reverse("publications:magazine"),
        issue.get_absolute_url(),
        article.get_absolute_url(),
        article.get_submission_url(),
        reverse("publications:news"),
        post.get_absolute_url(),
        author.get_absolute_url(),
        reverse("publications:authors"),
        reverse("publications:desk"),
        reverse("publications:submissions"),
        reverse("publications:search") + "?q=xss",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        problems = executable_markup(
            response.content.decode(),
            allowed_script_sources=PAGE_SCRIPTS,
            allowed_tags=PAGE_FORM_TAGS,
            icon_sprite=icon_sprite_url(),
        )
        assert problems == [], f"{url}: {problems}"


@pytest.mark.parametrize("payload", XSS_PAYLOADS[:12])
def test_feeds_and_api_carry_only_sanitised_html(client, payload):
    _editor, author, _issue, _article, _post = _with_payload(payload)
    feed = client.get(reverse("publications:author_feed", kwargs={"slug": author.slug}))
    assert feed.status_code == 200
    assert executable_feed_markup(feed.content) == []
    posts = client.get("/api/v1/publications/posts").json()
    # Titles and names are plain text in JSON (clients escape them); HTML is sanitised.
    assert executable_markup(posts["items"][0]["body_html"]) == []
