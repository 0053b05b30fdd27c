"""An author who is a member is named on their byline; the rest follows their visibility.

The issue this answers: author pages showed the bio and photo of hidden and members-only
profiles to everyone (docs/privacy.md, "Showing a person").
"""

import pytest
from django.core.files.base import ContentFile

from wsco.core.tests.sample_files import image_bytes
from wsco.members.models import Visibility
from wsco.members.tests.factories import UserFactory, current_member
from wsco.publications.tests.factories import ArticleFactory, MemberAuthorFactory

pytestmark = pytest.mark.django_db


def published_author(visibility):
    profile = current_member(name="Ioana Pop", visibility=visibility, bio="Twenty years of trams.")
    profile.photo.save("face.png", ContentFile(image_bytes()), save=True)
    author = MemberAuthorFactory(profile=profile, bio="")
    article = ArticleFactory(authors=[author])
    return author, article


def seen(client, url, user=None) -> str:
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("visibility", [Visibility.HIDDEN, Visibility.MEMBERS])
def test_a_visitor_sees_the_name_of_a_private_author_and_nothing_else(client, visibility):
    author, article = published_author(visibility)
    photo = author.profile.photo.url
    for url in (author.get_absolute_url(), article.get_absolute_url()):
        page = seen(client, url)
        assert "Ioana Pop" in page
        assert "Twenty years of trams." not in page
        assert photo not in page
        assert author.profile.get_absolute_url() not in page
        # The generated placeholder, not an image the visitor could not open.
        assert 'class="avatar avatar-initial' in page
    assert client.get(photo).status_code == 404


def test_a_member_sees_a_members_only_authors_bio_photo_and_profile(client):
    author, _article = published_author(Visibility.MEMBERS)
    page = seen(client, author.get_absolute_url(), current_member().user)
    assert "Twenty years of trams." in page
    assert author.profile.photo.url in page
    assert author.profile.get_absolute_url() in page
    assert client.get(author.profile.photo.url).status_code == 200


def test_a_hidden_authors_details_are_for_staff_and_never_link_to_a_profile(client):
    author, _article = published_author(Visibility.HIDDEN)
    assert "Twenty years of trams." not in seen(
        client, author.get_absolute_url(), current_member().user
    )
    page = seen(client, author.get_absolute_url(), UserFactory(is_staff=True))
    assert "Twenty years of trams." in page
    assert author.profile.get_absolute_url() not in page  # staff see hidden ones in the admin


def test_an_authors_own_photo_follows_their_profiles_visibility(client):
    author, _article = published_author(Visibility.HIDDEN)
    author.photo.save("own.png", ContentFile(image_bytes()), save=True)
    assert client.get(author.photo.url).status_code == 404
    client.force_login(author.profile.user)
    assert client.get(author.photo.url).status_code == 200
    assert author.photo.url in seen(client, author.get_absolute_url())


def test_the_api_names_a_hidden_author_without_their_profile(client):
    author, _article = published_author(Visibility.HIDDEN)
    (item,) = client.get("/api/v1/publications/articles").json()["items"]
    assert item["authors"] == [
        {
            "name": "Ioana Pop",
            "slug": author.slug,
            "url": author.get_absolute_url(),
            "profile_url": None,
        }
    ]
    client.force_login(author.profile.user)
    (item,) = client.get("/api/v1/publications/articles").json()["items"]
    assert item["authors"][0]["profile_url"] == author.profile.get_absolute_url()
