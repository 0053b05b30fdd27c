"""Editors write news posts: drafts stay hidden, published posts are indexed and listed."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from wsco.core.models import Theme
from wsco.publications.models import Post
from wsco.publications.queries import search as readers_search
from wsco.publications.services import unpublish_post
from wsco.publications.tests.factories import AuthorFactory, make_editor

pytestmark = pytest.mark.django_db


def cover() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 36), "navy").save(buffer, format="JPEG")
    return SimpleUploadedFile("cover.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def post_data(**changes):
    return {
        "title": "Awards: nominations open",
        "author": AuthorFactory(name="Ana Pop").pk,
        "summary": "How to nominate.",
        "body": "Nominate by **March**.",
        "themes": [Theme.objects.get(slug="water").pk],
        **changes,
    }


def test_published_post_is_listed_and_searchable(client, editor_client):
    response = editor_client.post(reverse("publications:post_new"), post_data(publish="on"))
    post = Post.objects.get()
    assert response["Location"] == post.get_absolute_url()
    assert post.is_published
    assert post.slug == "awards-nominations-open"
    assert readers_search("awards ana") == ([], [post])
    client.logout()
    assert client.get(reverse("publications:news")).context["posts"][0] == post


def test_draft_is_hidden_from_readers(client, editor_client):
    editor_client.post(reverse("publications:post_new"), post_data())
    post = Post.objects.get()
    assert post.published_at is None
    assert readers_search("awards") == ([], [])
    client.logout()
    assert client.get(post.get_absolute_url()).status_code == 404


def test_cover_needs_a_description(editor_client):
    response = editor_client.post(
        reverse("publications:post_new"), post_data(cover=cover(), cover_alt="")
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["cover_alt"]
    assert not Post.objects.exists()


def test_cover_with_description_is_kept(editor_client):
    editor_client.post(
        reverse("publications:post_new"),
        post_data(cover=cover(), cover_alt="The awards stage", publish="on"),
    )
    post = Post.objects.get()
    assert post.cover.name.startswith("news/covers/")
    assert post.cover_alt == "The awards stage"


def test_unpublished_post_leaves_the_index(editor_client):
    editor_client.post(reverse("publications:post_new"), post_data(publish="on"))
    post = Post.objects.get()
    assert readers_search("awards") == ([], [post])
    unpublish_post(post=post, by=None)
    assert readers_search("awards") == ([], [])
    assert not Post.objects.published().exists()
