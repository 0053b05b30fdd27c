"""Nothing people write in the publications runs in Chromium.

Every payload of the corpus goes into an article's and a post's Markdown body, and a few into
titles, captions and bios; each payload, had it run, would set `window.__xss` or open a dialog.
The page fixture also fails the test on any console error, which is how Chromium reports a
Content Security Policy violation.
"""

import pytest
from django.conf import settings
from django.test import Client

from wsco.core.tests.xss_payloads import XSS_PAYLOADS
from wsco.publications.services import index_article
from wsco.publications.tests.factories import (
    ArticleFactory,
    AuthorFactory,
    IssueFactory,
    PostFactory,
    make_editor,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ALERTS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">click</a>',
    "<svg/onload=alert(1)>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
]


def sign_in(page, user):
    """Put `user`'s session cookie in the browser."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": page.base_url}])


def test_no_payload_runs_on_any_publications_page(page):
    body = "\n\n".join(XSS_PAYLOADS + ALERTS)
    title = '<img src=x onerror="window.__xss=1"> <script>alert(1)</script>'
    author = AuthorFactory(name=title[:150], bio=body)
    issue = IssueFactory(title=title, editorial=body)
    article = ArticleFactory(title=title, abstract=body, body=body, issue=issue, authors=[author])
    index_article(article=article)
    post = PostFactory(title=title, summary=title, body=body, author=author)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(page, make_editor())

    for path in [
        "/",
        "/magazine/",
        issue.get_absolute_url(),
        article.get_absolute_url(),
        article.get_submission_url(),
        "/news/",
        post.get_absolute_url(),
        author.get_absolute_url(),
        "/magazine/search/?q=img",
    ]:
        page.goto(page.base_url + path)
        page.wait_for_load_state("networkidle")  # leaving earlier would abort the icon's request
        # Hover and click whatever links the user content left, as a reader would.
        for link in page.locator(".prose a").all():
            link.hover()
            link.click(no_wait_after=True)
        assert page.evaluate("window.__xss") is None, path
        assert page.evaluate("typeof parent.__xss") == "undefined", path
    assert dialogs == []
