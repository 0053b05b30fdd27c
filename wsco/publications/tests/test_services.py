"""The publications services called directly: what each step returns, stores and tells whom."""

import datetime
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from wsco.core.models import Theme
from wsco.members.tests.factories import MemberProfileFactory, UserFactory
from wsco.publications import services
from wsco.publications.access import (
    editor_required,
    may_read_author_photo,
    may_read_post_cover,
    submissions_of_author,
)
from wsco.publications.models import (
    Article,
    ArticleEvent,
    ArticleImage,
    ArticleStatus,
    Author,
    Post,
)
from wsco.publications.queries import search as readers_search
from wsco.publications.tests.factories import (
    ArticleFactory,
    AuthorFactory,
    IssueFactory,
    MemberAuthorFactory,
    PostFactory,
    ReviewFactory,
    SubmittedArticleFactory,
    make_editor,
)

pytestmark = pytest.mark.django_db
Action = ArticleEvent.Action


def png(name="photo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def themes(*slugs):
    return list(Theme.objects.filter(slug__in=slugs))


def slugs_of(instance):
    return sorted(instance.themes.values_list("slug", flat=True))


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


# Slugs and authors --------------------------------------------------------------------------


def test_a_taken_slug_gets_the_next_free_number_from_two():
    assert services.unique_slug(Author, "Heat maps") == "heat-maps"
    AuthorFactory(slug="heat-maps")
    assert services.unique_slug(Author, "Heat maps") == "heat-maps-2"
    AuthorFactory(slug="heat-maps-2")
    AuthorFactory(slug="heat-maps-4")
    # Taken: the name itself, -2 and -4; counting up by one, -3 is the first free one.
    assert services.unique_slug(Author, "Heat maps") == "heat-maps-3"


def test_a_guest_authors_photo_is_kept_and_none_is_no_photo():
    with_photo = services.create_guest_author(name="Jonas Lindqvist", photo=png())
    without = services.create_guest_author(name="Mira Stan")

    assert Author.objects.get(pk=with_photo.pk).photo.name.startswith("authors/")
    assert not Author.objects.get(pk=without.pk).photo


def test_member_authors_on_the_byline_are_told_as_well_as_the_submitter():
    editor = make_editor(email="editor@example.org")
    member = MemberAuthorFactory(profile=MemberProfileFactory(user=UserFactory(email="b@x.org")))
    guest = AuthorFactory()
    article = services.submit_article(
        by=editor, title="Heat", abstract="A.", body="B.", authors=[guest, member]
    )
    # The guest has no account; the editor submitted it; the member signs it.
    assert [person.email for person in services.author_users(article)] == [
        "b@x.org",
        "editor@example.org",
    ]


def test_someone_without_a_profile_names_the_authors():
    editor = make_editor()
    with pytest.raises(ValidationError, match="Only members with a profile can submit"):
        services.submit_article(by=editor, title="Heat", abstract="A.", body="B.")
    assert not Author.objects.exists()


# Themes -------------------------------------------------------------------------------------


def test_a_submission_a_revision_and_a_copy_edit_keep_the_themes_given():
    profile = MemberProfileFactory()
    article = services.submit_article(
        by=profile.user, title="T", abstract="A", body="B", themes=themes("water")
    )
    assert slugs_of(article) == ["water"]

    editor = make_editor()
    services.decide_article(article=article, decision="revise", message="More.", by=editor)
    services.revise_article(
        article=article,
        by=profile.user,
        title="T",
        abstract="A",
        body="B2",
        themes=themes("energy"),
    )
    assert slugs_of(article) == ["energy"]
    # Without themes, a revision keeps them.
    services.decide_article(article=article, decision="revise", message="Again.", by=editor)
    services.revise_article(article=article, by=profile.user, title="T", abstract="A", body="B3")
    assert slugs_of(article) == ["energy"]

    services.decide_article(article=article, decision="accept", message="", by=editor)
    services.copy_edit_article(
        article=article, by=editor, title="T", abstract="A", body="B", themes=themes("water")
    )
    assert slugs_of(article) == ["water"]


def test_a_post_keeps_the_themes_given():
    post = Post(title="Open data day", summary="S", body="B", author=AuthorFactory())
    services.save_post(post=post, by=make_editor(), themes=themes("water", "energy"))
    assert slugs_of(post) == ["energy", "water"]


# Reviews and decisions ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "status", [ArticleStatus.SUBMITTED, ArticleStatus.ACCEPTED, ArticleStatus.REJECTED]
)
def test_a_review_of_an_article_no_longer_in_review_is_refused(status):
    review = ReviewFactory(article__status=status)
    with pytest.raises(ValidationError, match="This article is no longer in review"):
        services.submit_review(
            review=review, recommendation="accept", comments_for_author="", by=review.reviewer
        )
    review.refresh_from_db()
    assert review.submitted_at is None


def test_a_review_needs_one_of_the_recommendations():
    review = ReviewFactory()
    with pytest.raises(ValidationError, match="Choose a recommendation"):
        services.submit_review(
            review=review, recommendation="maybe", comments_for_author="", by=review.reviewer
        )
    review.refresh_from_db()
    assert review.submitted_at is None


def test_submitting_and_withdrawing_reviews_return_them():
    review = ReviewFactory()
    submitted = services.submit_review(
        review=review, recommendation="accept", comments_for_author="Good.", by=review.reviewer
    )
    assert (submitted.pk, submitted.recommendation) == (review.pk, "accept")

    pending = ReviewFactory()
    withdrawn = services.withdraw_reviewer(review=pending, by=make_editor())
    assert withdrawn.pk == pending.pk
    assert withdrawn.withdrawn_at is not None


def test_a_decision_not_among_accept_revise_reject_is_refused():
    article = SubmittedArticleFactory()
    with pytest.raises(ValidationError, match="Choose accept, revise or reject"):
        services.decide_article(article=article, decision="publish", message="", by=make_editor())
    article.refresh_from_db()
    assert article.status == ArticleStatus.SUBMITTED
    assert not article.events.exists()


def test_a_decision_returns_the_decided_article():
    article = SubmittedArticleFactory()
    decided = services.decide_article(
        article=article, decision="reject", message="", by=make_editor()
    )
    assert (decided.pk, decided.status) == (article.pk, ArticleStatus.REJECTED)


def test_a_revision_tells_the_authors_and_the_editors_it_is_revised(
    django_capture_on_commit_callbacks,
):
    editor = make_editor(email="editor@example.org")
    article = SubmittedArticleFactory(
        title="Heat", status=ArticleStatus.REVISION_REQUESTED, submitted_by__email="a@x.org"
    )

    with django_capture_on_commit_callbacks(execute=True):
        revised = services.revise_article(
            article=article, by=article.submitted_by, title="Heat", abstract="A", body="B"
        )

    assert (revised.pk, revised.status) == (article.pk, ArticleStatus.SUBMITTED)
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert sorted(subjects) == ["a@x.org", editor.email]
    assert subjects[editor.email].endswith('Revised article: "Heat"')


# Copy-editing, placing, publishing, withdrawing ---------------------------------------------


def test_a_copy_edit_not_done_leaves_the_article_accepted_and_tells_nobody(
    django_capture_on_commit_callbacks,
):
    article = SubmittedArticleFactory(status=ArticleStatus.ACCEPTED)
    with django_capture_on_commit_callbacks(execute=True):
        saved = services.copy_edit_article(
            article=article, by=make_editor(), title="T", abstract="A", body="Edited."
        )
    assert (saved.pk, saved.status, saved.body) == (article.pk, ArticleStatus.ACCEPTED, "Edited.")
    assert not article.events.exists()
    assert mail.outbox == []


def test_each_step_after_acceptance_tells_the_authors(django_capture_on_commit_callbacks):
    editor = make_editor(email="editor@example.org")
    article = SubmittedArticleFactory(status=ArticleStatus.ACCEPTED, submitted_by__email="a@x.org")
    issue = IssueFactory(published_at=None)

    with django_capture_on_commit_callbacks(execute=True):
        services.copy_edit_article(
            article=article, by=editor, title="T", abstract="A", body="B", done=True
        )
    assert recipients() == ["a@x.org"]

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        placed = services.place_article_in_issue(article=article, issue=issue, by=editor)
    assert (placed.pk, placed.status) == (article.pk, ArticleStatus.SCHEDULED)
    assert recipients() == ["a@x.org"]

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        published = services.publish_issue(issue=issue, by=editor)
    assert published.pk == issue.pk
    assert published.published_at is not None
    assert recipients() == ["a@x.org"]


def test_a_withdrawal_tells_the_authors_and_returns_the_article(django_capture_on_commit_callbacks):
    article = SubmittedArticleFactory(submitted_by__email="a@x.org")
    with django_capture_on_commit_callbacks(execute=True):
        withdrawn = services.withdraw_article(article=article, by=article.submitted_by)
    assert (withdrawn.pk, withdrawn.status) == (article.pk, ArticleStatus.WITHDRAWN)
    assert recipients() == ["a@x.org"]


# Images and issues --------------------------------------------------------------------------


def test_removing_an_image_deletes_its_file():
    article = SubmittedArticleFactory()
    image = services.add_article_image(
        article=article, image=png("map.png"), caption="", alt_text="A map", by=article.submitted_by
    )
    storage, name = image.image.storage, image.image.name
    assert storage.exists(name)

    with CaptureQueriesContext(connection) as queries:
        services.remove_article_image(image=image, by=article.submitted_by)

    # The row is deleted, never first saved without its file.
    assert [query["sql"].split()[0] for query in queries.captured_queries] == ["DELETE"]
    assert not storage.exists(name)
    assert not ArticleImage.objects.exists()


@pytest.mark.parametrize(("uploaded", "generated"), [(True, False), (False, True)])
def test_an_uploaded_pdf_replaces_the_generated_one(uploaded, generated):
    issue = IssueFactory(pdf_generated=True)
    saved = services.save_issue(issue=issue, by=make_editor(), pdf_uploaded=uploaded)
    issue.refresh_from_db()
    assert (saved.pk, issue.pdf_generated) == (issue.pk, generated)


def issue_updates(queries):
    return [query for query in queries if query["sql"].startswith('UPDATE "publications_issue"')]


def test_generating_the_pdf_again_replaces_the_file_in_one_write():
    issue = IssueFactory()
    first = services.generate_issue_pdf(issue=issue)
    assert first.pk == issue.pk
    old_name, storage = issue.pdf.name, issue.pdf.storage
    assert storage.exists(old_name)

    with CaptureQueriesContext(connection) as queries:
        services.generate_issue_pdf(issue=issue)

    # One write of the issue's row: the file fields are saved once, at the end.
    assert len(issue_updates(queries.captured_queries)) == 1
    issue.refresh_from_db()
    assert issue.pdf_generated
    assert issue.pdf_requested_at is None
    assert issue.pdf.name != old_name
    assert not storage.exists(old_name)


# News posts ---------------------------------------------------------------------------------


def test_a_new_post_is_created_by_who_saves_it_and_keeps_its_creator_after():
    creator, other = make_editor(), make_editor()
    post = Post(title="Open data day", summary="S", body="B", author=AuthorFactory())
    services.save_post(post=post, by=creator)
    assert Post.objects.get(pk=post.pk).created_by == creator

    post.body = "Changed."
    services.save_post(post=post, by=other)
    assert Post.objects.get(pk=post.pk).created_by == creator


def test_a_post_unpublished_is_returned_and_leaves_the_readers_search():
    published = PostFactory(title="Open data day")
    services.index_post(post=published)
    assert list(readers_search("open data")[1]) == [published]
    unpublished = services.unpublish_post(post=published, by=make_editor())
    assert (unpublished.pk, unpublished.published_at) == (published.pk, None)
    assert readers_search("open data") == ([], [])


# Search -------------------------------------------------------------------------------------


def test_indexing_again_forgets_the_old_words():
    article = ArticleFactory(title="Leak detection", abstract="Pipes.")
    services.index_article(article=article)
    article.title = "Water losses"
    services.index_article(article=article)
    document = Article.objects.get(pk=article.pk).search_document
    assert "water losses" in document
    assert "pipes" in document
    assert "leak" not in document
    assert readers_search("leak") == ([], [])
    assert readers_search("losses pipes") == ([article], [])

    post = PostFactory(title="Open data day", summary="Datasets.")
    services.index_post(post=post)
    post.title = "Hackathon"
    services.index_post(post=post)
    assert readers_search("open") == ([], [])
    assert readers_search("hackathon datasets") == ([], [post])


def test_a_submission_and_a_draft_get_a_search_document_but_stay_out_of_the_readers_search():
    article = SubmittedArticleFactory(title="Leak detection", abstract="Pipes.")
    services.index_article(article=article)
    assert Article.objects.get(pk=article.pk).search_document.startswith("leak detection")

    draft = PostFactory(title="Open data day", published_at=None)
    services.index_post(post=draft)
    assert Post.objects.get(pk=draft.pk).search_document.startswith("open data day")
    assert readers_search("leak") == ([], [])
    assert readers_search("open data") == ([], [])


# Reminders ----------------------------------------------------------------------------------


def test_a_review_due_soon_is_not_called_overdue(django_capture_on_commit_callbacks):
    today = timezone.localdate()
    ReviewFactory(article__title="Heat", due_on=today + datetime.timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_review_reminders(today=today) == 1
    [reminder] = mail.outbox
    assert reminder.subject.endswith('Review due soon: "Heat"')


def test_a_reminder_another_run_sent_first_is_not_sent_again(django_capture_on_commit_callbacks):
    # What a second run meets when the first marks the review between its query and the mark.
    review = ReviewFactory(reminded_due_soon_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        sent = services._remind(
            review=review, overdue=False, marker="reminded_due_soon_at", now=timezone.now()
        )
    assert sent == 0
    assert mail.outbox == []


# Who may open what --------------------------------------------------------------------------


def ok_view(request):
    return HttpResponse("the view's answer")


def request_as(user):
    request = RequestFactory().get("/magazine/editor/")
    request.user = user
    return request


def test_editor_required_lets_editors_reach_the_view_and_refuses_others():
    view = editor_required(ok_view)

    assert view(request_as(make_editor())).content == b"the view's answer"
    with pytest.raises(PermissionDenied, match=r"^$"):
        view(request_as(MemberProfileFactory().user))
    visitor = view(request_as(AnonymousUser()))
    assert (visitor.status_code, visitor["Location"]) == (
        302,
        "/accounts/login/?next=/magazine/editor/",
    )


def test_a_visitor_is_the_author_of_nothing():
    assert list(submissions_of_author(AnonymousUser())) == []


def test_a_draft_posts_cover_is_for_editors_and_a_published_ones_for_all():
    draft, published = PostFactory(published_at=None), PostFactory()
    member = MemberProfileFactory().user
    assert may_read_post_cover(AnonymousUser(), published) is True
    assert may_read_post_cover(member, draft) is False
    assert may_read_post_cover(make_editor(), draft) is True


def test_author_photos_are_public():
    assert may_read_author_photo(AnonymousUser(), AuthorFactory()) is True
