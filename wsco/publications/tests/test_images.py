"""Images with captions: real images only, added and removed by the authors or editors."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from wsco.members.tests.factories import MemberProfileFactory
from wsco.publications.models import ArticleImage, ArticleStatus
from wsco.publications.tests.factories import ArticleFactory, SubmittedArticleFactory

pytestmark = pytest.mark.django_db


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, format="PNG")
    return SimpleUploadedFile("map.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def author_and_article(client):
    profile = MemberProfileFactory()
    article = SubmittedArticleFactory(submitted_by=profile.user)
    client.force_login(profile.user)
    return profile, article


def test_author_adds_an_image_with_its_caption_shown_on_the_article(client, author_and_article):
    _profile, article = author_and_article
    url = reverse("publications:images", kwargs={"pk": article.pk})
    response = client.post(url, {"image": png(), "caption": "The network", "alt_text": "A map"})
    assert response.status_code == 302
    image = ArticleImage.objects.get(article=article)
    assert (image.caption, image.alt_text, image.position) == ("The network", "A map", 1)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<figcaption>The network</figcaption>" in page


def test_a_file_that_is_not_an_image_is_refused(client, author_and_article):
    _profile, article = author_and_article
    fake = SimpleUploadedFile("map.png", b"<svg onload=alert(1)>", content_type="image/png")
    response = client.post(
        reverse("publications:images", kwargs={"pk": article.pk}),
        {"image": fake, "alt_text": "A map"},
    )
    assert response.status_code == 200
    assert "image" in response.context["form"].errors
    assert not ArticleImage.objects.exists()


def test_author_removes_an_image(client, author_and_article):
    _profile, article = author_and_article
    url = reverse("publications:images", kwargs={"pk": article.pk})
    client.post(url, {"image": png(), "alt_text": "A map"})
    image = ArticleImage.objects.get()
    client.post(url, {"remove": image.pk})
    assert not ArticleImage.objects.exists()


def test_authors_cannot_change_images_once_placed_in_an_issue(client):
    profile = MemberProfileFactory()
    article = ArticleFactory(status=ArticleStatus.SCHEDULED, submitted_by=profile.user)
    client.force_login(profile.user)
    response = client.get(reverse("publications:images", kwargs={"pk": article.pk}))
    assert response.status_code == 403
