"""Every publications URL, asked by each kind of person: the answer each one gets.

Roles: a visitor; an account without a profile; a profile that is not a member; an applicant; a
lapsed member; a member with no link to the articles; the articles' author; the reviewer; an
editor. A row asks with the method the URL takes, with a real body for an action, and says what
the action changes (`effect`, read before and after): the answer is then "done" when it took
place. Each request is rolled back afterwards (`wsco/core/tests/matrix.py`), so the rows do not
depend on their order. "login" is the redirect to the sign-in page, "redirect" any other.
"""

from collections.abc import Callable
from typing import NamedTuple

import pytest
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from wsco.core.tests.matrix import Request, ask
from wsco.core.tests.module_world import module_world, world_for_a_test
from wsco.members.tests.factories import (
    MemberProfileFactory,
    UserFactory,
    applicant,
    lapsed_member,
    profile_only,
)
from wsco.publications.models import (
    Article,
    ArticleImage,
    ArticleStatus,
    Issue,
    Post,
    Recommendation,
    Review,
)
from wsco.publications.tests.factories import (
    ArticleFactory,
    AuthorFactory,
    IssueFactory,
    PostFactory,
    SubmittedArticleFactory,
    make_editor,
)

pytestmark = pytest.mark.django_db

ROLES = [
    "visitor",
    "account",
    "profile",
    "applicant",
    "lapsed",
    "member",
    "author",
    "reviewer",
    "editor",
]
NOT_MEMBERS = ["account", "profile", "applicant", "lapsed"]
MEMBERS = ["member", "author", "reviewer"]


class Row(NamedTuple):
    """One row of the matrix: a request, and the answer each role gets."""

    method: str
    name: str
    spec: dict  # URL arguments, naming objects of the world
    expected: dict
    body: Callable[[dict], dict] | None = None
    effect: Callable[[dict], object] | None = None


# Built once for the module (the rows only read it: each request is rolled back); each test
# runs in a savepoint inside it.
built_world = module_world(lambda settings: build_world())


@pytest.fixture
def world(built_world, db, settings):
    return world_for_a_test(built_world, settings)


def build_world() -> dict:
    """Build the people and articles the URLs are asked about (the browser tests use it too)."""
    author = MemberProfileFactory().user
    reviewer = MemberProfileFactory().user
    published = ArticleFactory()
    submitted = SubmittedArticleFactory(submitted_by=author, status=ArticleStatus.IN_REVIEW)
    review = Review.objects.create(
        article=submitted, reviewer=reviewer, due_on=timezone.localdate()
    )
    return {
        "people": {
            "visitor": None,
            "account": UserFactory(),
            "profile": profile_only().user,
            "applicant": applicant().user,
            "lapsed": lapsed_member().user,
            "member": MemberProfileFactory().user,
            "author": author,
            "reviewer": reviewer,
            "editor": make_editor(),
        },
        "published": published,
        "submitted": submitted,
        "revising": SubmittedArticleFactory(
            submitted_by=author, status=ArticleStatus.REVISION_REQUESTED
        ),
        "accepted": SubmittedArticleFactory(submitted_by=author, status=ArticleStatus.ACCEPTED),
        "copy_edited": SubmittedArticleFactory(
            submitted_by=author, status=ArticleStatus.COPY_EDITED
        ),
        "review": review,
        "draft_issue": IssueFactory(published_at=None),
        "post": PostFactory(),
        "draft_post": PostFactory(published_at=None),
        "guest_author": AuthorFactory(),
    }


def everyone(code):
    return dict.fromkeys(ROLES, code)


def editors_only(answer=200, visitor="login"):
    return {**everyone(403), "visitor": visitor, "editor": answer}


def signed_in(code=200):
    return {**everyone(code), "visitor": "login"}


def submitters(answer="done"):
    """Current members, and editors (for guests); nobody else submits."""
    return {**signed_in(403), **dict.fromkeys([*MEMBERS, "editor"], answer)}


def status_of(key: str):
    return lambda world: Article.objects.get(pk=world[key].pk).status


def count(model):
    return lambda world: model.objects.count()


def article_text(world) -> dict:
    return {"title": "Trams at night", "abstract": "Why.", "body": "Because."}


def submission(world) -> dict:
    """An article; editors, who have no profile here, submit it for a guest author."""
    return {**article_text(world), "guest_name": "Ana Guest"}


def png() -> bytes:
    """Return a small PNG image."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return buffer.getvalue()


def image_upload(world) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    image = SimpleUploadedFile("tram.png", png(), content_type="image/png")
    return {"image": image, "alt_text": "A tram."}


MATRIX = [
    Row("get", "publications:magazine", {}, everyone(200)),
    Row("get", "publications:news", {}, everyone(200)),
    Row("get", "publications:authors", {}, everyone(200)),
    Row("get", "publications:search", {}, everyone(200)),
    Row("get", "publications:feed", {}, everyone(200)),
    Row("get", "publications:theme", {"slug": "water"}, everyone(200)),
    Row("get", "publications:theme_feed", {"slug": "water"}, everyone(200)),
    Row("get", "publications:issue", {"issue": "published"}, everyone(200)),
    Row("get", "publications:issue", {"issue": "draft_issue"}, {**everyone(404), "editor": 200}),
    Row("get", "publications:issue_pdf", {"issue": "published"}, everyone(404)),  # no PDF yet
    Row("get", "publications:article", {"article": "published"}, everyone(200)),
    Row(
        "get",
        "publications:article",
        {"article": "submitted"},
        {**everyone(404), "author": 200, "reviewer": 200, "editor": 200},
    ),
    Row("get", "publications:post", {"post": "post"}, everyone(200)),
    Row("get", "publications:post", {"post": "draft_post"}, {**everyone(404), "editor": 200}),
    Row("get", "publications:author", {"author": "published"}, everyone(200)),
    Row("get", "publications:author_feed", {"author": "published"}, everyone(200)),
    Row("get", "publications:submissions", {}, signed_in()),
    # Submitting is for current members: not an applicant, nor a lapsed member.
    Row("get", "publications:submit", {}, submitters(200)),
    Row("post", "publications:submit", {}, submitters(), submission, count(Article)),
    Row(
        "get",
        "publications:submission",
        {"pk": "submitted"},
        {**signed_in(404), "author": 200, "reviewer": 200, "editor": 200},
    ),
    Row(
        "get",
        "publications:revise",
        {"pk": "revising"},
        {**signed_in(404), "author": 200, "editor": 403},
    ),
    Row(
        "post",
        "publications:revise",
        {"pk": "revising"},
        {**signed_in(404), "author": "done", "editor": 403},
        article_text,
        status_of("revising"),
    ),
    Row(
        "get",
        "publications:images",
        {"pk": "submitted"},
        {**signed_in(404), "author": 200, "reviewer": 403, "editor": 200},
    ),
    Row(
        "post",
        "publications:images",
        {"pk": "submitted"},
        {**signed_in(404), "author": "done", "reviewer": 403, "editor": "done"},
        image_upload,
        count(ArticleImage),
    ),
    Row("get", "publications:review", {"review": "review"}, {**signed_in(404), "reviewer": 200}),
    Row(
        "post",
        "publications:review",
        {"review": "review"},
        {**signed_in(404), "reviewer": "done"},
        lambda world: {"recommendation": Recommendation.ACCEPT, "comments_for_author": "Good."},
        lambda world: Review.objects.get(pk=world["review"].pk).submitted_at,
    ),
    Row(
        "post",
        "publications:decline_review",
        {"review": "review"},
        {**signed_in(404), "reviewer": "done"},
        lambda world: {"decline-reason": "Away."},
        lambda world: Review.objects.get(pk=world["review"].pk).declined_at,
    ),
    Row(
        "post",
        "publications:withdraw_reviewer",
        {"review": "review"},
        editors_only("done"),
        None,
        lambda world: Review.objects.get(pk=world["review"].pk).withdrawn_at,
    ),
    Row(
        "post",
        "publications:withdraw",
        {"pk": "submitted"},
        {**signed_in(404), "author": "done", "reviewer": 403, "editor": 403},
        None,
        status_of("submitted"),
    ),
    # The editors' actions.
    Row("get", "publications:desk", {}, editors_only()),
    Row(
        "post",
        "publications:assign",
        {"pk": "submitted"},
        editors_only("done"),
        lambda world: {
            "reviewer": world["people"]["member"].profile.pk,
            "due_on": timezone.localdate().isoformat(),
        },
        count(Review),
    ),
    Row(
        "post",
        "publications:decide",
        {"pk": "submitted"},
        editors_only("done"),
        lambda world: {"decision": "revise", "message": "Shorter, please."},
        status_of("submitted"),
    ),
    Row("get", "publications:copy_edit", {"pk": "accepted"}, editors_only()),
    Row(
        "post",
        "publications:copy_edit",
        {"pk": "accepted"},
        editors_only("done"),
        lambda world: {**article_text(world), "done": "on"},
        status_of("accepted"),
    ),
    Row(
        "post",
        "publications:place",
        {"pk": "copy_edited"},
        editors_only("done"),
        lambda world: {"issue": world["draft_issue"].pk},
        status_of("copy_edited"),
    ),
    Row("get", "publications:issue_new", {}, editors_only()),
    Row(
        "post",
        "publications:issue_new",
        {},
        editors_only("done"),
        lambda world: {
            # A volume no issue of the world has, whatever the factories' sequences reached.
            "volume": Issue.objects.aggregate(last=Max("volume"))["last"] + 1,
            "number": 1,
            "year": 2026,
            "quarter": 1,
            "date": "2026-03-01",
        },
        count(Issue),
    ),
    Row("get", "publications:issue_edit", {"pk": "draft_issue"}, editors_only()),
    Row(
        "post",
        "publications:issue_edit",
        {"pk": "draft_issue"},
        editors_only("done"),
        lambda world: {
            "volume": world["draft_issue"].volume,
            "number": 1,
            "year": 2017,
            "quarter": 1,
            "date": "2017-03-01",
            "title": "Trams",
        },
        lambda world: Issue.objects.get(pk=world["draft_issue"].pk).title,
    ),
    Row(
        "post",
        "publications:issue_publish",
        {"pk": "draft_issue"},
        editors_only("done"),
        None,
        lambda world: Issue.objects.get(pk=world["draft_issue"].pk).published_at,
    ),
    Row(
        "post",
        "publications:issue_generate_pdf",
        {"pk": "draft_issue"},
        editors_only("done"),
        None,
        lambda world: Issue.objects.get(pk=world["draft_issue"].pk).pdf_requested_at,
    ),
    Row("get", "publications:post_new", {}, editors_only()),
    Row(
        "post",
        "publications:post_new",
        {},
        editors_only("done"),
        lambda world: {"title": "Trams", "author": world["guest_author"].pk, "body": "News."},
        count(Post),
    ),
    Row("get", "publications:post_edit", {"pk": "post"}, editors_only()),
    Row(
        "post",
        "publications:post_edit",
        {"pk": "post"},
        editors_only("done"),
        lambda world: {"title": "Trams", "author": world["post"].author_id, "body": "News."},
        lambda world: Post.objects.get(pk=world["post"].pk).title,
    ),
    # The reviewer picker's candidates (htmx), for the editors only.
    Row("get", "publications:reviewer_candidates", {"pk": "submitted"}, editors_only()),
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


def request_for(row: Row, world) -> Request:
    """Return the request a row sends."""
    return Request(
        method=row.method,
        url=resolve(world, row.name, row.spec),
        data=row.body(world) if row.body else {},
        effect=(lambda: row.effect(world)) if row.effect else None,
    )


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_answer_from_every_url(client, world, role):
    person = world["people"][role]
    if person is not None:
        client.force_login(person)
    answers = {}
    for row in (Row(*row) for row in MATRIX):
        answers[f"{row.method} {row.name} {row.spec}"] = (
            ask(client, request_for(row, world)),
            row.expected[role],
        )
    wrong = {key: got for key, got in answers.items() if got[0] != got[1]}
    assert wrong == {}, f"As {role}, (got, expected): {wrong}"


def test_every_action_says_what_it_changes():
    assert [
        row[:2] for row in (Row(*row) for row in MATRIX) if row.method != "get" and not row.effect
    ] == []
    assert [row[:3] for row in MATRIX if 405 in row[3].values()] == []
    assert [row[:3] for row in MATRIX if set(row[3]) != set(ROLES)] == []


def test_visitors_are_sent_to_the_login_page(client, world):
    response = client.get(reverse("publications:submissions"))
    assert response["Location"].startswith(reverse("account_login"))


def test_matrix_covers_every_publications_url():
    from wsco.publications.urls import magazine_patterns, news_patterns

    covered = {name.split(":")[1] for _method, name, *_rest in MATRIX}
    assert {pattern.name for pattern in [*magazine_patterns, *news_patterns]} == covered
