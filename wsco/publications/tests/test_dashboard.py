"""The publications panel on a member's home page."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from wsco.core.dashboard import panels_for
from wsco.members.tests.factories import MemberProfileFactory
from wsco.publications.dashboard import PANEL, panel_context
from wsco.publications.models import ArticleStatus
from wsco.publications.tests.factories import (
    ReviewFactory,
    SubmittedArticleFactory,
    make_editor,
)

pytestmark = pytest.mark.django_db


def request_for(user):
    request = RequestFactory().get("/members/me/")
    request.user = user
    return request


def test_no_panel_for_someone_with_nothing_to_do():
    assert panel_context(request_for(MemberProfileFactory().user)) is None


def test_panel_lists_reviews_to_write_and_own_submissions():
    profile = MemberProfileFactory()
    review = ReviewFactory(reviewer=profile.user)
    article = SubmittedArticleFactory(submitted_by=profile.user)
    context = panel_context(request_for(profile.user))
    assert context["reviews"] == [review]
    assert context["submissions"] == [article]
    assert context["desk_count"] is None


def test_reviews_left_unwritten_on_a_decided_article_are_not_listed():
    profile = MemberProfileFactory()
    for status in (
        ArticleStatus.ACCEPTED,
        ArticleStatus.REVISION_REQUESTED,
        ArticleStatus.SCHEDULED,
    ):
        ReviewFactory(reviewer=profile.user, article__status=status)
    assert panel_context(request_for(profile.user)) is None


def test_editors_see_how_many_submissions_wait():
    SubmittedArticleFactory.create_batch(2)
    editor = make_editor()
    context = panel_context(request_for(editor))
    assert context["desk_count"] == 2
    assert "2 open submissions on the editors" in render_to_string(PANEL.template, context)
    names = [panel.name for panel, _context in panels_for(request_for(editor))]
    assert "publications" in names
