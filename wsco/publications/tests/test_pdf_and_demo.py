"""The issue PDF (generated from the articles, or uploaded) and the demo data."""

import random
import types

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wsco.core.tests.sample_files import pdf_bytes
from wsco.members.tests.factories import MemberProfileFactory
from wsco.publications import demo, services
from wsco.publications.models import Article, ArticleStatus, Issue, Post
from wsco.publications.tests.factories import ArticleFactory, IssueFactory, make_editor

pytestmark = pytest.mark.django_db


def test_generated_pdf_holds_the_articles_and_is_served(client):
    article = ArticleFactory(title="Leak detection", body="## Pipes\n\nText.")
    issue = article.issue
    services.generate_issue_pdf(issue=issue)
    issue.refresh_from_db()
    assert issue.pdf_generated
    content = issue.pdf.read()
    assert content.startswith(b"%PDF-")
    response = client.get(reverse("publications:issue_pdf", args=[issue.volume, issue.number]))
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_pdf_rendering_never_fetches_outside_media():
    article = ArticleFactory(body="![x](file:///etc/passwd) ![y](https://evil.example/x.png)")
    services.generate_issue_pdf(issue=article.issue)  # refused fetches do not fail the PDF
    assert article.issue.pdf_generated


def test_editor_uploads_a_pdf_instead(client):
    editor = make_editor()
    issue = IssueFactory(published_at=None)
    client.force_login(editor)
    data = {
        "volume": issue.volume,
        "number": issue.number,
        "year": 2017,
        "quarter": 1,
        "date": "2017-03-01",
        "pdf": SimpleUploadedFile("issue.pdf", pdf_bytes(), content_type="application/pdf"),
    }
    response = client.post(reverse("publications:issue_edit", args=[issue.pk]), data)
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.pdf.read() == pdf_bytes()
    assert not issue.pdf_generated


def test_a_file_that_is_not_a_pdf_is_refused(client):
    client.force_login(make_editor())
    data = {
        "volume": 9,
        "number": 1,
        "year": 2017,
        "quarter": 2,
        "date": "2017-03-01",
        "pdf": SimpleUploadedFile("issue.pdf", b"<html>", content_type="application/pdf"),
    }
    response = client.post(reverse("publications:issue_new"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"pdf", "quarter"}
    assert not Issue.objects.exists()


def test_demo_seeds_eight_quarterly_issues_and_thirty_posts():
    profiles = MemberProfileFactory.create_batch(20)
    context = types.SimpleNamespace(
        random=random.Random(1),
        shared={"profiles": profiles},
        password="demo",
        add_account=lambda role, email: None,
        say=lambda message: None,
    )
    demo.seed(context)
    issues = list(Issue.objects.order_by("date"))
    assert len(issues) == 8
    assert (issues[0].date.isoformat(), issues[0].quarter) == ("2016-12-01", 4)
    assert [issue.date.month for issue in issues[:5]] == [12, 3, 6, 9, 12]
    assert Article.objects.published().count() == 24
    in_review = Article.objects.get(status=ArticleStatus.IN_REVIEW)
    assert (in_review.reviews.active().count(), in_review.reviews.count()) == (1, 2)
    assert Post.objects.published().count() == 30
    assert issues[-1].pdf_generated
