"""The issue PDF (generated from the articles, or uploaded) and the demo data."""

import datetime
import random
import types

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from wsco.core.tests.sample_files import pdf_bytes
from wsco.members.tests.factories import MemberProfileFactory
from wsco.publications import demo, services
from wsco.publications.models import Article, ArticleImage, ArticleStatus, Issue, Post
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


def test_the_magazine_runs_quarterly_from_december_2016_to_the_current_quarter():
    # By hand: December 2016 is one issue; 2017 to 2026 are ten years of four, 40; 41 in all.
    issues = demo.quarterly_issues(datetime.date(2026, 12, 6))
    assert len(issues) == 41
    assert issues[0] == (2016, 12, 1, 1)
    assert issues[1:5] == [(2017, 3, 2, 1), (2017, 6, 2, 2), (2017, 9, 2, 3), (2017, 12, 2, 4)]
    assert issues[-1] == (2026, 12, 11, 4)
    # Early in a quarter its issue is already planned (in preparation); the day before, not.
    assert len(demo.quarterly_issues(datetime.date(2026, 10, 1))) == 41
    assert len(demo.quarterly_issues(datetime.date(2026, 9, 30))) == 40


def test_demo_seeds_the_quarterly_magazine_and_thirty_posts(settings):
    profiles = MemberProfileFactory.create_batch(20)
    accounts = {}
    context = types.SimpleNamespace(
        random=random.Random(1),
        shared={"profiles": profiles},
        password="demo",
        add_account=lambda role, email, can="": accounts.update({role: email}),
        say=lambda message: None,
    )
    demo.seed(context)
    issues = list(Issue.objects.order_by("date"))
    expected = demo.quarterly_issues(timezone.localdate())
    assert len(issues) == len(expected) >= 41
    assert (issues[0].date.isoformat(), issues[0].quarter) == ("2016-12-01", 4)
    assert [issue.date.month for issue in issues[:5]] == [12, 3, 6, 9, 12]
    # Three articles in each of the first eight issues, a lead story and one more after.
    articles = Article.objects.filter(issue__isnull=False)
    assert articles.count() == 8 * 3 + (len(issues) - 8) * 2
    titles = list(articles.values_list("title", flat=True))
    assert len(titles) == len(set(titles))
    assert all(issue.articles.filter(position=1).exists() for issue in issues)
    in_review = Article.objects.get(status=ArticleStatus.IN_REVIEW)
    assert (in_review.reviews.active().count(), in_review.reviews.count()) == (1, 2)
    assert accounts["reviewer"] == in_review.reviews.active().get().reviewer.email
    assert Post.objects.published().count() == 30
    with_pictures = Post.objects.exclude(cover="")
    assert with_pictures.count() == len(demo.POSTS_WITH_PICTURES)
    assert not with_pictures.filter(cover_alt="").exists()
    # Some texts in both languages, the others in English only.
    assert Post.objects.exclude(title_ro="").count() == len(demo.POST_TITLES_RO)
    assert Article.objects.exclude(abstract_ro="").exists()
    leads = ArticleImage.objects.filter(is_lead=True)
    assert leads.count() == demo.LEAD_PICTURES
    assert {image.article.position for image in leads} == {1}
    assert Issue.objects.published().order_by("-date").first().pdf_generated
