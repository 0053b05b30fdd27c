"""The editorial workflow: submission, review, decision, copy-edit, issue, publication."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from wsco.members.tests.factories import NOT_MEMBERS, PEOPLE, MemberProfileFactory
from wsco.publications import services
from wsco.publications.models import (
    Article,
    ArticleEvent,
    ArticleStatus,
    Issue,
    Review,
)
from wsco.publications.queries import search as readers_search
from wsco.publications.tests.factories import (
    IssueFactory,
    MemberAuthorFactory,
    ReviewFactory,
    SubmittedArticleFactory,
    make_editor,
)

pytestmark = pytest.mark.django_db
Action = ArticleEvent.Action
IN_THREE_WEEKS = timezone.localdate() + datetime.timedelta(days=21)


def actions(article):
    return list(article.events.values_list("action", flat=True))


def test_member_submission_is_signed_by_them_recorded_and_emailed(
    django_capture_on_commit_callbacks,
):
    profile = MemberProfileFactory(name="Ana Pop")
    editor = make_editor()
    with django_capture_on_commit_callbacks(execute=True):
        article = services.submit_article(
            by=profile.user, title="Curb space", abstract="Why.", body="Text."
        )
    assert article.status == ArticleStatus.SUBMITTED
    assert [b.author.profile for b in article.bylines.all()] == [profile]
    assert actions(article) == [Action.SUBMITTED]
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([profile.user.email, editor.email])


def test_each_editor_is_emailed_in_their_own_language(django_capture_on_commit_callbacks):
    english, romanian = make_editor(language="en"), make_editor(language="ro")
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_article(
            by=MemberProfileFactory().user, title="Curb space", abstract="Why.", body="Text."
        )
    subjects = {tuple(m.to): m.subject for m in mail.outbox}
    # The Romanian subject is the catalogue's translation in locale/ro/LC_MESSAGES/django.po.
    assert subjects[(romanian.email,)].endswith("Articol nou propus: „Curb space”")
    assert subjects[(english.email,)].endswith('New article submitted: "Curb space"')


def test_editor_submits_for_a_guest_author():
    editor = make_editor()
    guest = services.create_guest_author(name="Jonas Lindqvist", bio="Energy.")
    article = services.submit_article(
        by=editor, title="Heat", abstract="A.", body="B.", authors=[guest]
    )
    assert list(article.authors.all()) == [guest]
    assert guest.is_guest


def test_assigning_a_reviewer_starts_the_review_and_emails_reviewer_and_author(
    django_capture_on_commit_callbacks,
):
    editor = make_editor()
    reviewer = MemberProfileFactory().user
    article = SubmittedArticleFactory()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        review = services.assign_reviewer(
            article=article, reviewer=reviewer, due_on=IN_THREE_WEEKS, by=editor
        )
    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_REVIEW
    assert review.due_on == IN_THREE_WEEKS
    assert actions(article) == [Action.REVIEWER_ASSIGNED]
    assert {tuple(m.to) for m in mail.outbox} == {
        (reviewer.email,),
        (article.submitted_by.email,),
    }


def test_an_author_cannot_review_their_own_article():
    profile = MemberProfileFactory()
    article = services.submit_article(by=profile.user, title="T", abstract="A", body="B")
    with pytest.raises(ValidationError, match="An author cannot review their own article"):
        services.assign_reviewer(
            article=article, reviewer=profile.user, due_on=IN_THREE_WEEKS, by=make_editor()
        )
    assert not Review.objects.exists()


def test_review_recommendation_is_recorded_and_editors_are_told(django_capture_on_commit_callbacks):
    editor = make_editor()
    review = ReviewFactory()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_review(
            review=review,
            recommendation="revise",
            comments_for_author="Add data.",
            by=review.reviewer,
        )
    review.refresh_from_db()
    assert review.recommendation == "revise"
    assert review.submitted_at is not None
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [editor.email, review.article.submitted_by.email]
    )
    with pytest.raises(ValidationError, match="This review has been submitted already"):
        services.submit_review(
            review=review, recommendation="accept", comments_for_author="", by=review.reviewer
        )


def test_only_the_reviewer_submits_their_review():
    review = ReviewFactory()
    with pytest.raises(ValidationError, match="Only the assigned reviewer can submit"):
        services.submit_review(
            review=review, recommendation="accept", comments_for_author="", by=make_editor()
        )


def test_revision_goes_back_to_the_editors_with_the_new_text():
    editor = make_editor()
    article = SubmittedArticleFactory()
    services.decide_article(article=article, decision="revise", message="More data.", by=editor)
    assert article.status == ArticleStatus.REVISION_REQUESTED
    services.revise_article(
        article=article, by=article.submitted_by, title="New", abstract="A2", body="B2"
    )
    article.refresh_from_db()
    assert (article.status, article.title, article.body) == (ArticleStatus.SUBMITTED, "New", "B2")
    assert actions(article) == [Action.REVISION_REQUESTED, Action.REVISED]


def test_rejected_article_cannot_be_placed_in_an_issue():
    editor = make_editor()
    article = SubmittedArticleFactory()
    services.decide_article(article=article, decision="reject", message="Off topic.", by=editor)
    with pytest.raises(ValidationError, match="Only copy-edited articles can be placed"):
        services.place_article_in_issue(article=article, issue=IssueFactory(), by=editor)
    article.refresh_from_db()
    assert article.issue is None


def test_accepted_article_is_copy_edited_placed_and_published_with_its_issue(
    django_capture_on_commit_callbacks,
):
    editor = make_editor()
    article = SubmittedArticleFactory(title="Leak detection")
    issue = IssueFactory(published_at=None)
    services.decide_article(article=article, decision="accept", message="", by=editor)
    services.copy_edit_article(
        article=article, by=editor, title="Leak detection", abstract="A", body="Edited.", done=True
    )
    services.place_article_in_issue(article=article, issue=issue, by=editor)
    article.refresh_from_db()
    assert (article.status, article.issue, article.position) == (ArticleStatus.SCHEDULED, issue, 1)
    assert not Article.objects.published().exists()

    with django_capture_on_commit_callbacks(execute=True):
        services.publish_issue(issue=issue, by=editor)
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    assert list(Article.objects.published()) == [article]
    assert actions(article) == [
        Action.ACCEPTED,
        Action.COPY_EDITED,
        Action.SCHEDULED,
        Action.PUBLISHED,
    ]
    assert readers_search("leak detection") == ([article], [])
    issue.refresh_from_db()
    # The queued task rendered it from the articles.
    assert issue.pdf
    assert issue.pdf_generated


def test_second_article_goes_after_the_first_in_the_table_of_contents():
    editor = make_editor()
    issue = IssueFactory(published_at=None)
    articles = [SubmittedArticleFactory(status=ArticleStatus.COPY_EDITED) for _ in range(2)]
    for article in articles:
        services.place_article_in_issue(article=article, issue=issue, by=editor)
    assert [a.position for a in articles] == [1, 2]


def test_each_step_is_shown_to_the_author(client):
    profile = MemberProfileFactory()
    article = services.submit_article(by=profile.user, title="T", abstract="A", body="B")
    services.assign_reviewer(
        article=article,
        reviewer=MemberProfileFactory(name="Secret Reviewer").user,
        due_on=IN_THREE_WEEKS,
        by=make_editor(),
    )
    client.force_login(profile.user)
    page = client.get(reverse("publications:submission", kwargs={"pk": article.pk}))
    content = page.content.decode()
    assert "Reviewer assigned" in content
    assert "Secret Reviewer" not in content  # reviewers stay anonymous to authors


def test_decision_needs_a_message_when_revising(client):
    editor = make_editor()
    article = SubmittedArticleFactory()
    client.force_login(editor)
    response = client.post(
        reverse("publications:decide", kwargs={"pk": article.pk}), {"decision": "revise"}
    )
    assert response.status_code == 200
    assert list(response.context["decision_form"].errors) == ["message"]
    article.refresh_from_db()
    assert article.status == ArticleStatus.SUBMITTED


def test_submit_form_creates_the_article(client):
    profile = MemberProfileFactory()
    client.force_login(profile.user)
    response = client.post(
        reverse("publications:submit"),
        {"title": "Bus lanes", "abstract": "Before and after.", "body": "## Data", "themes": []},
    )
    article = Article.objects.get(title="Bus lanes")
    assert response.status_code == 302
    assert response["Location"] == article.get_submission_url()


def test_submit_form_shows_errors_next_to_the_fields(client):
    client.force_login(MemberProfileFactory().user)
    response = client.post(
        reverse("publications:submit"), {"title": "", "abstract": "", "body": ""}
    )
    assert response.status_code == 200
    assert response.content.decode().count('class="errorlist"') == 3
    assert not Article.objects.exists()


def test_withdrawn_article_keeps_its_history():
    profile = MemberProfileFactory()
    article = services.submit_article(by=profile.user, title="T", abstract="A", body="B")
    services.withdraw_article(article=article, by=profile.user)
    assert article.status == ArticleStatus.WITHDRAWN
    assert actions(article) == [Action.SUBMITTED, Action.WITHDRAWN]


def test_placing_in_a_published_issue_publishes_at_once():
    editor = make_editor()
    article = SubmittedArticleFactory(status=ArticleStatus.COPY_EDITED)
    services.place_article_in_issue(article=article, issue=IssueFactory(), by=editor)
    assert article.status == ArticleStatus.PUBLISHED
    assert list(Article.objects.published()) == [article]


def test_a_members_byline_follows_their_new_name():
    profile = MemberProfileFactory(name="Ana Pop")
    author = services.ensure_author_for_profile(profile=profile)
    profile.name = "Ana Pop-Ionescu"
    profile.save()
    assert services.ensure_author_for_profile(profile=profile) == author
    author.refresh_from_db()
    assert author.name == "Ana Pop-Ionescu"


# Who may do what, on both sides of each rule ------------------------------------------------


@pytest.mark.parametrize("person", list(PEOPLE))
def test_only_current_members_submit_an_article(client, person):
    profile = PEOPLE[person]()
    client.force_login(profile.user)
    fields = {"title": "Bus lanes", "abstract": "Before and after.", "body": "## Data"}
    page = client.get(reverse("publications:submit"))
    response = client.post(reverse("publications:submit"), fields)
    if person in NOT_MEMBERS:
        assert (page.status_code, response.status_code) == (403, 403)
        with pytest.raises(ValidationError, match="Only current members submit articles"):
            services.submit_article(by=profile.user, **fields)
        assert not Article.objects.exists()
    else:
        assert (page.status_code, response.status_code) == (200, 302)
        assert Article.objects.get().submitted_by == profile.user


# The statuses an editor's decision is taken from: a submission, in review or not yet; never one
# waiting for its authors' revision, nor one decided already.
DECIDABLE = {ArticleStatus.SUBMITTED, ArticleStatus.IN_REVIEW}


@pytest.mark.parametrize("status", list(ArticleStatus))
def test_an_editor_decides_only_an_article_waiting_for_a_decision(status):
    article = SubmittedArticleFactory(status=status)
    editor = make_editor()
    if status in DECIDABLE:
        services.decide_article(article=article, decision="accept", message="", by=editor)
        assert Article.objects.get(pk=article.pk).status == ArticleStatus.ACCEPTED
    else:
        with pytest.raises(ValidationError, match="not waiting for a decision"):
            services.decide_article(article=article, decision="accept", message="", by=editor)
        assert Article.objects.get(pk=article.pk).status == status


def test_an_article_awaiting_its_revision_cannot_be_accepted_from_its_page(client):
    article = SubmittedArticleFactory(status=ArticleStatus.REVISION_REQUESTED)
    client.force_login(make_editor())
    response = client.post(
        reverse("publications:decide", kwargs={"pk": article.pk}),
        {"decision": "accept"},
        follow=True,
    )
    # The page no longer offers a decision, so the refusal is said above it.
    assert response.redirect_chain == [(article.get_submission_url(), 302)]
    assert "This article is not waiting for a decision." in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.REVISION_REQUESTED
    assert not article.events.exists()


@pytest.mark.parametrize("position", [0, 1], ids=["first author", "co-author"])
def test_nobody_on_the_byline_reviews_the_article(position):
    first, second = MemberProfileFactory(), MemberProfileFactory()
    authors = [MemberAuthorFactory(profile=first), MemberAuthorFactory(profile=second)]
    article = SubmittedArticleFactory(authors=authors, submitted_by=first.user)
    author = [first, second][position]
    with pytest.raises(ValidationError, match="An author cannot review their own article"):
        services.assign_reviewer(
            article=article, reviewer=author.user, due_on=IN_THREE_WEEKS, by=make_editor()
        )
    assert not Review.objects.exists()
    # Someone off the byline may.
    outsider = MemberProfileFactory().user
    services.assign_reviewer(
        article=article, reviewer=outsider, due_on=IN_THREE_WEEKS, by=make_editor()
    )
    assert list(Review.objects.values_list("reviewer", flat=True)) == [outsider.pk]


# An author withdraws an article until it is accepted; from then on it is the magazine's.
WITHDRAWABLE = {
    ArticleStatus.SUBMITTED,
    ArticleStatus.IN_REVIEW,
    ArticleStatus.REVISION_REQUESTED,
}


@pytest.mark.parametrize("status", list(ArticleStatus))
def test_an_author_withdraws_only_an_article_not_yet_accepted(status):
    profile = MemberProfileFactory()
    article = SubmittedArticleFactory(status=status, submitted_by=profile.user)
    if status in WITHDRAWABLE:
        services.withdraw_article(article=article, by=profile.user)
        assert Article.objects.get(pk=article.pk).status == ArticleStatus.WITHDRAWN
    else:
        with pytest.raises(ValidationError, match="can no longer be withdrawn"):
            services.withdraw_article(article=article, by=profile.user)
        assert Article.objects.get(pk=article.pk).status == status


@pytest.mark.parametrize(("due_in", "accepted"), [(0, True), (-1, False)])
def test_a_review_is_due_today_at_the_earliest(due_in, accepted):
    article = SubmittedArticleFactory()
    due_on = timezone.localdate() + datetime.timedelta(days=due_in)
    reviewer, editor = MemberProfileFactory().user, make_editor()
    if accepted:
        services.assign_reviewer(article=article, reviewer=reviewer, due_on=due_on, by=editor)
    else:
        with pytest.raises(ValidationError, match="The deadline cannot be in the past"):
            services.assign_reviewer(article=article, reviewer=reviewer, due_on=due_on, by=editor)
    assert Review.objects.filter(article=article).exists() is accepted


def test_the_pdf_is_asked_for_again_only_once_the_earlier_request_is_ten_minutes_old(
    client, django_capture_on_commit_callbacks
):
    editor = make_editor()
    issue = IssueFactory()
    client.force_login(editor)
    url = reverse("publications:issue_generate_pdf", args=[issue.pk])
    with django_capture_on_commit_callbacks() as queued:
        first = client.post(url, follow=True)
        again = client.post(url, follow=True)
    assert len(queued) == 1
    assert "still being generated" in again.content.decode()
    assert "being generated; it appears" in first.content.decode()
    # The request waited 10 minutes less one second, then 10 minutes and one second.
    requested = timezone.now()
    for age, queues in ((599, False), (601, True)):
        Issue.objects.filter(pk=issue.pk).update(
            pdf_requested_at=requested - datetime.timedelta(seconds=age)
        )
        with django_capture_on_commit_callbacks() as queued:
            assert services.request_issue_pdf(issue=issue) is queues
        assert len(queued) == int(queues)
