"""Cached pages: a change ends them at once, messages and CSRF tokens stay each visitor's own."""

import pytest
from django.contrib.messages import add_message, get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import _does_token_match
from django.test import RequestFactory

from wsco.core.page_cache import CSRF_PLACEHOLDER, cached_response, mark_changed

pytestmark = pytest.mark.django_db


class Page:
    """A view body that counts how often it is built and puts the CSRF token in its page."""

    def __init__(self):
        self.builds = 0

    def __call__(self, extra_context: dict) -> HttpResponse:
        self.builds += 1
        return HttpResponse(f"build {self.builds} token={extra_context.get('csrf_token', '-')}")


def request_for(path: str = "/list/", *, message: str = ""):
    request = RequestFactory().get(path)
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    if message:
        add_message(request, 20, message)
    return request


def serve(page: Page, request) -> str:
    return cached_response(
        request, data_set="things", variant="visitor", render=page
    ).content.decode()


def test_a_page_is_built_once_then_served_until_its_data_changes():
    page = Page()
    assert serve(page, request_for()).startswith("build 1")
    assert serve(page, request_for()).startswith("build 1")
    mark_changed("things")
    assert serve(page, request_for()).startswith("build 2")
    assert page.builds == 2


def test_each_path_and_variant_is_its_own_page():
    page = Page()
    serve(page, request_for("/list/?q=water"))
    serve(page, request_for("/list/?q=energy"))
    cached_response(request_for("/list/?q=water"), data_set="things", variant="staff", render=page)
    assert page.builds == 3


def test_a_change_ends_the_pages_at_once_and_again_when_it_commits(
    django_capture_on_commit_callbacks,
):
    page = Page()
    serve(page, request_for())
    with django_capture_on_commit_callbacks() as callbacks:
        mark_changed("things")
        # Read before the commit, so perhaps the old data: served until the commit only.
        assert serve(page, request_for()).startswith("build 2")
        assert serve(page, request_for()).startswith("build 2")
    for callback in callbacks:
        callback()
    assert serve(page, request_for()).startswith("build 3")


def test_an_evicted_token_never_brings_back_the_pages_stored_under_it():
    page = Page()
    serve(page, request_for())
    cache.delete("page-cache:token:things")
    assert serve(page, request_for()).startswith("build 2")
    assert serve(page, request_for()).startswith("build 2")


def test_without_a_shared_cache_every_page_is_built(settings):
    settings.PAGE_CACHE_SECONDS = 0
    page = Page()
    serve(page, request_for())
    mark_changed("things")
    serve(page, request_for())
    assert page.builds == 2
    assert "page-cache:token:things" not in cache


def test_a_request_with_messages_is_neither_served_from_nor_stored_in_the_cache():
    page = Page()
    serve(page, request_for())
    with_message = request_for(message="Your profile is saved.")
    assert serve(page, with_message).startswith("build 2")
    assert len(get_messages(with_message)) == 1  # Still there for the template to show.
    assert serve(page, request_for()).startswith("build 1")


def test_every_visitor_gets_a_token_of_their_own_and_never_the_placeholder():
    page = Page()
    first, second = request_for(), request_for()
    served = [serve(page, first), serve(page, second)]
    assert page.builds == 1
    for request, content in zip([first, second], served, strict=True):
        assert CSRF_PLACEHOLDER not in content
        token = content.split("token=")[1]
        assert _does_token_match(token, request.META["CSRF_COOKIE"])
    assert first.META["CSRF_COOKIE"] != second.META["CSRF_COOKIE"]


def test_a_failed_page_is_not_stored():
    builds = []

    def missing(extra_context):
        builds.append(1)
        return HttpResponse("gone", status=404)

    for _ in range(2):
        response = cached_response(request_for(), data_set="things", variant="v", render=missing)
        assert response.status_code == 404
    assert len(builds) == 2


def test_a_data_set_marked_several_times_in_a_transaction_changes_once_at_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks:
        mark_changed("things")
        mark_changed("things")
        mark_changed("others")
    assert sorted(callback.page_cache_name for callback in callbacks) == ["others", "things"]
