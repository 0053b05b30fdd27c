"""Every publications URL, asked by each kind of person: the answer each one gets.

Roles: a visitor; an account without membership; a member with no link to the article; the
article's author; its reviewer; an editor. A 302 for a visitor is the redirect to the login page.
"""

import pytest
from django.urls import reverse

from wsco.members.tests.factories import MemberProfileFactory, UserFactory
from wsco.publications.models import ArticleStatus, Review
from wsco.publications.tests.factories import (
    ArticleFactory,
    IssueFactory,
    PostFactory,
    SubmittedArticleFactory,
    make_editor,
)

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "account", "member", "author", "reviewer", "editor"]


@pytest.fixture
def world():
    author = MemberProfileFactory().user
    reviewer = MemberProfileFactory().user
    published = ArticleFactory()
    submitted = SubmittedArticleFactory(submitted_by=author, status=ArticleStatus.IN_REVIEW)
    review = Review.objects.create(
        article=submitted, reviewer=reviewer, due_on=published.issue.date
    )
    return {
        "people": {
            "visitor": None,
            "account": UserFactory(),
            "member": MemberProfileFactory().user,
            "author": author,
            "reviewer": reviewer,
            "editor": make_editor(),
        },
        "published": published,
        "submitted": submitted,
        "review": review,
        "draft_issue": IssueFactory(published_at=None),
        "post": PostFactory(),
        "draft_post": PostFactory(published_at=None),
    }


def everyone(code):
    return dict.fromkeys(ROLES, code)


def editors_only(visitor=302):
    return {**everyone(403), "visitor": visitor, "editor": 200}


def signed_in(code=200):
    return {**everyone(code), "visitor": 302}


# (method, url name, kwargs from the world, expected status per role)
MATRIX = [
    ("get", "publications:magazine", {}, everyone(200)),
    ("get", "publications:news", {}, everyone(200)),
    ("get", "publications:authors", {}, everyone(200)),
    ("get", "publications:search", {}, everyone(200)),
    ("get", "publications:feed", {}, everyone(200)),
    ("get", "publications:theme", {"slug": "water"}, everyone(200)),
    ("get", "publications:theme_feed", {"slug": "water"}, everyone(200)),
    ("get", "publications:issue", {"issue": "published"}, everyone(200)),
    ("get", "publications:issue", {"issue": "draft_issue"}, {**everyone(404), "editor": 200}),
    ("get", "publications:issue_pdf", {"issue": "published"}, everyone(404)),  # no PDF yet
    ("get", "publications:article", {"article": "published"}, everyone(200)),
    (
        "get",
        "publications:article",
        {"article": "submitted"},
        {**everyone(404), "author": 200, "reviewer": 200, "editor": 200},
    ),
    ("get", "publications:post", {"post": "post"}, everyone(200)),
    ("get", "publications:post", {"post": "draft_post"}, {**everyone(404), "editor": 200}),
    ("get", "publications:author", {"author": "published"}, everyone(200)),
    ("get", "publications:author_feed", {"author": "published"}, everyone(200)),
    ("get", "publications:submissions", {}, signed_in()),
    ("get", "publications:submit", {}, {**signed_in(), "account": 403}),
    (
        "get",
        "publications:submission",
        {"pk": "submitted"},
        {**signed_in(404), "author": 200, "reviewer": 200, "editor": 200},
    ),
    (
        "get",
        "publications:revise",
        {"pk": "submitted"},
        {**signed_in(404), "author": 200, "reviewer": 403, "editor": 403},
    ),
    (
        "get",
        "publications:images",
        {"pk": "submitted"},
        {**signed_in(404), "author": 200, "reviewer": 403, "editor": 200},
    ),
    ("get", "publications:review", {"review": "review"}, {**signed_in(404), "reviewer": 200}),
    ("get", "publications:copy_edit", {"pk": "submitted"}, editors_only()),
    ("get", "publications:desk", {}, editors_only()),
    ("get", "publications:issue_new", {}, editors_only()),
    ("get", "publications:issue_edit", {"pk": "draft_issue"}, editors_only()),
    ("get", "publications:post_new", {}, editors_only()),
    ("get", "publications:post_edit", {"pk": "post"}, editors_only()),
    ("post", "publications:assign", {"pk": "submitted"}, editors_only()),  # 200: form errors
    ("post", "publications:decide", {"pk": "submitted"}, editors_only()),  # 200: form errors
    ("post", "publications:place", {"pk": "submitted"}, editors_only()),  # 200: form errors
    (
        "post",
        "publications:issue_publish",
        {"pk": "draft_issue"},
        {**editors_only(), "editor": 302},
    ),
    (
        "post",
        "publications:issue_generate_pdf",
        {"pk": "draft_issue"},
        {**editors_only(), "editor": 302},
    ),
    (
        "post",
        "publications:withdraw",
        {"pk": "submitted"},
        {**signed_in(404), "author": 302, "reviewer": 403, "editor": 403},
    ),
    # Ending the review: POST only. Last, because a reviewer who declined no longer sees the
    # submission; someone else's review is a 404 to a reviewer's action, as on the review page.
    ("get", "publications:decline_review", {"review": "review"}, everyone(405)),
    ("get", "publications:withdraw_reviewer", {"review": "review"}, everyone(405)),
    (
        "post",
        "publications:decline_review",
        {"review": "review"},
        {**signed_in(404), "reviewer": 302},
    ),
    (
        "post",
        "publications:withdraw_reviewer",
        {"review": "review"},
        {**editors_only(), "editor": 302},
    ),
]


def resolve(world, name, spec):
    """Turn the matrix's references to objects of the world into URL arguments."""
    kwargs = {}
    for key, value in spec.items():
        if key == "slug":
            kwargs["slug"] = value
        elif key == "issue":
            issue = world[value] if value == "draft_issue" else world[value].issue
            kwargs |= {"volume": issue.volume, "number": issue.number}
        elif key == "author":
            kwargs["slug"] = world[value].bylines.first().author.slug
        elif key in {"article", "post"}:
            kwargs["slug"] = world[value].slug
        else:
            kwargs["pk"] = world[value].pk
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_answer_from_every_url(client, world, role):
    person = world["people"][role]
    if person is not None:
        client.force_login(person)
    answers = {}
    for method, name, spec, expected in MATRIX:
        url = resolve(world, name, spec)
        response = getattr(client, method)(url)
        answers[f"{method} {url}"] = (response.status_code, expected[role])
    wrong = {url: got for url, got in answers.items() if got[0] != got[1]}
    assert wrong == {}, f"(got, expected) for {role}"


def test_visitors_are_sent_to_the_login_page(client, world):
    response = client.get(reverse("publications:submissions"))
    assert response["Location"].startswith(reverse("account_login"))


def test_matrix_covers_every_publications_url():
    from wsco.publications.urls import magazine_patterns, news_patterns

    covered = {name.split(":")[1] for _method, name, _spec, _expected in MATRIX}
    assert {pattern.name for pattern in [*magazine_patterns, *news_patterns]} == covered
