"""Stored files are served by one view: to whom the owning app allows, with the type their bytes
say, and never at a URL that skips the check."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from wsco.core.tests.sample_files import image_bytes, pdf_bytes
from wsco.members.models import Visibility
from wsco.members.tests.factories import MemberProfileFactory
from wsco.publications import services
from wsco.publications.models import ArticleImage
from wsco.publications.tests.factories import (
    ArticleFactory,
    IssueFactory,
    SubmittedArticleFactory,
    make_editor,
)

pytestmark = pytest.mark.django_db


def picture(name="map.png"):
    return SimpleUploadedFile(name, image_bytes((40, 30)), content_type="image/png")


def add_image(article) -> ArticleImage:
    return services.add_article_image(
        article=article, image=picture(), caption="", alt_text="A map", by=None
    )


def test_an_image_of_an_article_under_review_is_served_only_to_the_people_on_it(client):
    profile = MemberProfileFactory()
    article = SubmittedArticleFactory(submitted_by=profile.user)
    url = add_image(article).image.url
    assert url.startswith("/files/magazine/images/")
    assert client.get(url).status_code == 404
    client.force_login(MemberProfileFactory().user)
    assert client.get(url).status_code == 404
    client.force_login(profile.user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"


def test_once_published_the_same_url_serves_everyone_and_may_be_cached(client):
    url = add_image(ArticleFactory()).image.url
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"  # re-encoded: the upload was a PNG
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Content-Disposition"].startswith('inline; filename="')
    assert response["Cache-Control"] == "public, max-age=86400"
    again = client.get(url, headers={"If-None-Match": response["ETag"]})
    assert (again.status_code, again.content) == (304, b"")


def test_an_unpublished_issue_pdf_is_served_only_to_editors(client):
    issue = IssueFactory(published_at=None)
    issue.pdf.save("whatever.html", ContentFile(pdf_bytes()))
    assert issue.pdf.name.endswith(".pdf")
    assert client.get(issue.pdf.url).status_code == 404
    client.force_login(make_editor())
    response = client.get(issue.pdf.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == pdf_bytes()


def test_a_file_stored_before_the_checks_is_served_by_its_bytes_not_its_name(client, settings):
    issue = IssueFactory()
    # As the old PDF field kept it: any name, any bytes that begin with %PDF-.
    issue.pdf.storage.save("magazine/pdf/issue.html", ContentFile(b"%PDF-<html><script>x()"))
    type(issue).objects.filter(pk=issue.pk).update(pdf="magazine/pdf/issue.html")
    response = client.get("/files/magazine/pdf/issue.html")
    assert response["Content-Type"] == "application/pdf"
    issue.pdf.storage.save("magazine/pdf/page.pdf", ContentFile(b"<html><script>x()"))
    type(issue).objects.filter(pk=issue.pk).update(pdf="magazine/pdf/page.pdf")
    response = client.get("/files/magazine/pdf/page.pdf")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")


def test_a_hidden_profile_photo_is_served_to_its_owner_and_staff_only(client):
    profile = MemberProfileFactory(visibility=Visibility.HIDDEN)
    profile.photo.save("me.png", picture())
    assert client.get(profile.photo.url).status_code == 404
    client.force_login(profile.user)
    assert client.get(profile.photo.url).status_code == 200
    profile.visibility = Visibility.PUBLIC
    profile.save()
    client.logout()
    assert client.get(profile.photo.url).status_code == 200


def test_a_name_no_row_holds_is_not_served_even_if_the_file_exists(client, settings):
    ArticleFactory()
    picture_file = ContentFile(image_bytes())
    ArticleImage.image.field.storage.save("magazine/images/orphan.png", picture_file)
    assert client.get("/files/magazine/images/orphan.png").status_code == 404
    assert client.get("/files/../settings.py").status_code == 404
    assert client.get("/files/elsewhere/x.png").status_code == 404


def test_old_media_links_lead_to_the_checked_url(client):
    response = client.get("/media/magazine/images/x.png")
    assert (response.status_code, response["Location"]) == (301, "/files/magazine/images/x.png")


def test_behind_nginx_the_bytes_are_left_to_it(client, settings):
    settings.FILES_X_ACCEL_REDIRECT = "/internal-files/"
    image = add_image(ArticleFactory())
    response = client.get(image.image.url)
    assert response["X-Accel-Redirect"] == "/internal-files/" + image.image.name
    assert (response["Content-Type"], response.content) == ("image/jpeg", b"")
