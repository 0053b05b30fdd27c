"""An article's way to readers: an author submits, an editor assigns a reviewer, the reviewer
recommends, the editor accepts, copy-edits, places it in a new issue and publishes; a visitor
reads it and finds it in the Atom feed."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone

from wsco.members.tests.factories import MemberProfileFactory, member
from wsco.publications import services
from wsco.publications.models import Article, ArticleStatus
from wsco.publications.tests.factories import make_editor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Leak detection in old water networks"


def visit(page, path):
    """Open `path` once the current page has finished loading (its icon included): leaving
    earlier aborts the icon's request, which the page fixture counts as a failure."""
    page.wait_for_load_state("networkidle")
    page.goto(page.base_url + path)
    page.wait_for_load_state("networkidle")


def sign_in(page, user):
    """Replace the browser's session with `user`'s."""
    page.wait_for_load_state("networkidle")
    page.context.clear_cookies()
    if user is None:
        return
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": page.base_url}])


def test_submission_to_publication_to_reader(page, settings):
    author = MemberProfileFactory(name="Ana Pop")
    reviewer = member(name="Radu Ionescu")  # with its search document, as the services leave it
    editor = make_editor()
    page.on("dialog", lambda dialog: dialog.accept())  # the "are you sure?" confirmations
    base = page.base_url

    # The author submits.
    sign_in(page, author.user)
    visit(page, "/magazine/submit/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_abstract").fill("How a city found a third of its lost water.")
    page.locator("#id_body").fill("## The network\n\nOld pipes, **new** sensors.")
    page.get_by_label("Water", exact=True).check()
    page.get_by_role("button", name="Submit").click()
    page.wait_for_url("**/magazine/submissions/*/")
    assert page.locator("#submission-status").inner_text() == "Submitted"
    article = Article.objects.get(title=TITLE)

    # The editor assigns a reviewer.
    sign_in(page, editor)
    visit(page, article.get_submission_url())
    # The picker finds the reviewer as the editor types (htmx), with the reviews they owe.
    page.get_by_label("Find a reviewer").fill("radu")
    candidate = page.locator("#found-reviewers li", has_text="Radu Ionescu")
    candidate.wait_for()
    assert "0 open reviews" in candidate.inner_text()
    candidate.get_by_role("radio").check()
    due = timezone.localdate() + datetime.timedelta(days=14)
    page.get_by_label("Review due on").fill(due.isoformat())
    page.get_by_role("button", name="Assign").click()
    assert page.locator("#submission-status").inner_text() == "In review"
    assert any(reviewer.user.email in message.to for message in mail.outbox)

    # The reviewer recommends.
    sign_in(page, reviewer.user)
    visit(page, "/magazine/submissions/")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_label("Accept", exact=True).check()
    page.get_by_label("Comments for the author").fill("Clear; add the costs.")
    page.get_by_role("button", name="Send my review").click()
    page.wait_for_url("**/magazine/submissions/")

    # The editor accepts, copy-edits, makes an issue and places the article in it.
    sign_in(page, editor)
    visit(page, article.get_submission_url())
    page.get_by_label("Accept", exact=True).check()
    page.get_by_role("button", name="Record the decision").click()
    assert page.locator("#submission-status").inner_text() == "Accepted"
    page.get_by_role("link", name="Copy-edit").click()
    page.get_by_label("The copy-edit is finished").check()
    page.get_by_role("button", name="Save").click()
    assert page.locator("#submission-status").inner_text() == "Copy-edited"

    visit(page, "/magazine/issues/new/")
    page.get_by_label("Volume").fill("11")
    page.get_by_label("Number").fill("1")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Quarter").select_option("4")
    page.get_by_label("Date of the issue").fill("2026-12-01")
    page.locator("#id_title").fill("Water")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/magazine/11/1/")

    visit(page, article.get_submission_url())
    page.get_by_label("Issue").select_option(index=1)
    page.get_by_role("button", name="Place").click()
    assert page.locator("#submission-status").inner_text() == "Placed in an issue"

    visit(page, "/magazine/11/1/")
    page.get_by_role("button", name="Publish the issue").click()
    page.wait_for_selector("text=The issue and its articles are published.")
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED

    # The author sees every step.
    sign_in(page, author.user)
    visit(page, article.get_submission_url())
    steps = page.locator("#submission-steps").inner_text()
    for step in ["Submitted", "Reviewer assigned", "Accepted", "Copy-edited", "Published"]:
        assert step in steps
    assert "Radu Ionescu" not in page.content()

    # A visitor reads it and finds it in the feed.
    sign_in(page, None)
    visit(page, "/magazine/")
    page.get_by_role("link", name="Vol. 11, no. 1", exact=True).click()
    page.get_by_role("link", name=TITLE).click()
    assert page.locator("h1").inner_text() == TITLE
    assert page.get_by_role("heading", name="The network").is_visible()
    feed = page.request.get(base + "/news/feed/")
    assert feed.ok
    assert TITLE in feed.text()


def test_reviewer_declines_and_editor_withdraws_the_other(page):
    """Of two reviewers, one declines from their page with a reason; the editor reads it and
    withdraws the other, and the article is back among the new submissions."""
    author, first, second = (MemberProfileFactory() for _ in range(3))
    editor = make_editor()
    article = services.submit_article(by=author.user, title=TITLE, abstract="A.", body="B.")
    due = timezone.localdate() + datetime.timedelta(days=14)
    reviews = [
        services.assign_reviewer(article=article, reviewer=person.user, due_on=due, by=editor)
        for person in (first, second)
    ]
    page.on("dialog", lambda dialog: dialog.accept())

    sign_in(page, first.user)
    visit(page, reviews[0].get_absolute_url())
    page.get_by_text("I cannot review this article").click()
    page.get_by_label("Why you cannot review it").fill("I advise the city in the article.")
    page.get_by_role("button", name="Decline the review").click()
    page.wait_for_url("**/magazine/submissions/")
    assert page.get_by_text("You declined the review").is_visible()

    sign_in(page, editor)
    visit(page, article.get_submission_url())
    assert page.get_by_text("I advise the city in the article.").is_visible()
    page.get_by_role("button", name="Withdraw the reviewer").click()
    page.wait_for_selector("text=The reviewer was withdrawn")
    assert page.locator("#submission-status").inner_text() == "Submitted"
    assert page.locator("#ended-reviews li").count() == 2
    assert page.get_by_label("Find a reviewer").is_visible()  # the editor can assign again
