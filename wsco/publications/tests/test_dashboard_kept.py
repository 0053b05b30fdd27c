"""The publications panel of My WSCO, kept per person until what it shows changes: a review
asked, given, declined or withdrawn, an article decided, submitted or signed, the editor's role
given or taken away."""

import datetime

import pytest
from django.utils import timezone

from wsco.accounts.models import Role
from wsco.accounts.services import grant_role, revoke_role
from wsco.members.tests.factories import MemberProfileFactory, UserFactory, current_member
from wsco.members.tests.my_wsco import my_wsco, panel_of, queries_of
from wsco.publications import services
from wsco.publications.models import ArticleStatus, Byline
from wsco.publications.tests.factories import (
    MemberAuthorFactory,
    ReviewFactory,
    SubmittedArticleFactory,
    make_editor,
)

pytestmark = pytest.mark.django_db

# The tables the panel reads: its rows, and the roles that make an editor.
TABLES = ('"publications_', '"accounts_rolegrant"')


def in_two_weeks() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=14)


def test_the_panel_is_read_once_then_kept(client):
    person = MemberProfileFactory().user
    ReviewFactory(reviewer=person, article__title="Heat islands")
    SubmittedArticleFactory(submitted_by=person, title="Green roofs")
    client.force_login(person)
    assert queries_of(client, TABLES) != []
    assert queries_of(client, TABLES) == []
    shown = panel_of(client, "publications")
    assert "Heat islands" in shown
    assert "Green roofs" in shown


def test_an_editors_panel_is_kept_too(client):
    SubmittedArticleFactory.create_batch(2)
    editor = make_editor()
    client.force_login(editor)
    assert queries_of(client, TABLES) != []
    assert queries_of(client, TABLES) == []
    assert "2 open submissions on the editors" in my_wsco(client)


def test_a_person_with_nothing_to_do_asks_nothing_the_second_time(client):
    client.force_login(MemberProfileFactory().user)
    my_wsco(client)
    assert queries_of(client, TABLES) == []
    assert panel_of(client, "publications") == ""


# Each change: what it does to the person's world, and a text the panel shows after it (True)
# or no longer shows (False). The world: the person reviews "Heat islands" and submitted
# "Green roofs" (in review); "Cool streets" is someone else's submission.


def _assign(world):
    article = SubmittedArticleFactory(title="Shade trees")
    services.assign_reviewer(
        article=article, reviewer=world["person"], due_on=in_two_weeks(), by=world["editor"]
    )


def _submit_review(world):
    services.submit_review(
        review=world["review"],
        recommendation="accept",
        comments_for_author="Fine.",
        by=world["person"],
    )


def _decline(world):
    services.decline_review(review=world["review"], reason="Too busy.", by=world["person"])


def _withdraw(world):
    services.withdraw_reviewer(review=world["review"], by=world["editor"])


def _decide_reviewed(world):
    services.decide_article(
        article=world["review"].article, decision="accept", message="", by=world["editor"]
    )


def _decide_own(world):
    services.decide_article(
        article=world["own"], decision="revise", message="More.", by=world["editor"]
    )


def _submit(world):
    services.submit_article(by=world["person"], title="Rain gardens", abstract="A.", body="B.")


def _sign(world):
    Byline.objects.create(
        article=world["other"],
        author=MemberAuthorFactory(profile=world["person"].profile),
        position=1,
    )


def _submit_with(world):
    co_author = MemberAuthorFactory(profile=world["person"].profile)
    services.submit_article(
        by=current_member().user,
        title="Rain gardens",
        abstract="A.",
        body="B.",
        authors=[co_author],
    )


def _give_review_to_someone_else(world):
    review = world["review"]
    review.reviewer = UserFactory()
    review.save()


def _grant_editor(world):
    grant_role(user=world["person"], role=Role.EDITOR, by=world["staff"])


CHANGES = {
    "review assigned": (_assign, "Shade trees", True),
    "review submitted": (_submit_review, "Heat islands", False),
    "review declined": (_decline, "Heat islands", False),
    "reviewer withdrawn": (_withdraw, "Heat islands", False),
    "reviewed article decided": (_decide_reviewed, "Heat islands", False),
    "own article decided": (_decide_own, "Revision requested", True),
    "review given to someone else": (_give_review_to_someone_else, "Heat islands", False),
    "submission made": (_submit, "Rain gardens", True),
    "submission made with the person on the byline": (_submit_with, "Rain gardens", True),
    "byline added": (_sign, "Cool streets", True),
    "editor role granted": (_grant_editor, "open submissions on the editors", True),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_to_what_the_panel_shows_shows_at_once(client, change):
    person = current_member().user
    world = {
        "person": person,
        "editor": make_editor(),
        "staff": UserFactory(is_staff=True),
        "review": ReviewFactory(reviewer=person, article__title="Heat islands"),
        "own": SubmittedArticleFactory(
            submitted_by=person, title="Green roofs", status=ArticleStatus.IN_REVIEW
        ),
        "other": SubmittedArticleFactory(title="Cool streets"),
    }
    client.force_login(person)
    before = panel_of(client, "publications")
    do, text, shown = CHANGES[change]
    assert (text in before) is not shown
    assert queries_of(client, TABLES) == []

    do(world)

    assert (text in panel_of(client, "publications")) is shown


def test_an_editor_whose_role_is_taken_away_no_longer_sees_the_desk(client):
    SubmittedArticleFactory()
    editor = make_editor()
    client.force_login(editor)
    assert "1 open submission on the editors" in my_wsco(client)
    revoke_role(user=editor, role=Role.EDITOR, by=UserFactory(is_staff=True))
    assert "open submission" not in panel_of(client, "publications")


def test_a_new_submission_raises_the_editors_count_at_once(client):
    SubmittedArticleFactory()
    editor = make_editor()
    client.force_login(editor)
    assert "1 open submission on the editors" in my_wsco(client)
    services.submit_article(by=current_member().user, title="T", abstract="A.", body="B.")
    assert "2 open submissions on the editors" in my_wsco(client)


def test_another_persons_change_leaves_the_kept_panel(client):
    person = MemberProfileFactory().user
    ReviewFactory(reviewer=person)
    client.force_login(person)
    my_wsco(client)
    grant_role(user=UserFactory(), role=Role.EDITOR, by=UserFactory(is_staff=True))
    assert queries_of(client, TABLES) == []
