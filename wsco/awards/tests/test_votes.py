"""The people's choice: one vote per verified account and category, exact under load."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from wsco.awards.models import Edition, Phase, Vote
from wsco.awards.queries import vote_counts
from wsco.awards.services.results import announce_edition
from wsco.awards.services.votes import cast_vote, withdraw_vote
from wsco.awards.tests.factories import category, edition, nomination
from wsco.core.tests.race import in_thread, run_at_once, sqlite_file
from wsco.members.tests.factories import UserFactory
from wsco.projects.tests.factories import project

HOUR = datetime.timedelta(hours=1)


def _ballot(phase=Phase.JURY, nominees=2):
    made_category = category(edition(phase))
    return made_category, [nomination(made_category, project()) for _ in range(nominees)]


@pytest.mark.django_db
def test_one_vote_per_person_and_category_changeable_until_the_close():
    made_category, (first, second) = _ballot()
    voter = UserFactory()
    cast_vote(nomination=first, voter=voter)
    cast_vote(nomination=second, voter=voter)
    assert list(Vote.objects.values_list("voter", "nomination")) == [(voter.pk, second.pk)]
    assert withdraw_vote(category=made_category, voter=voter) == 1
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_an_unverified_account_does_not_vote():
    _made, (first, _second) = _ballot()
    with pytest.raises(PermissionDenied, match="Confirm your email"):
        cast_vote(nomination=first, voter=UserFactory(verified=False))
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_the_clock_closes_the_vote():
    made_category, (first, _second) = _ballot()
    edition_made = made_category.edition
    # Just inside: a moment before the close; just outside: the close itself.
    before = edition_made.vote_closes_at - edition_made.vote_closes_at.resolution
    cast_vote(nomination=first, voter=UserFactory(), now=before)
    with pytest.raises(ValidationError, match="not open"):
        cast_vote(nomination=first, voter=UserFactory(), now=edition_made.vote_closes_at)
    with pytest.raises(ValidationError, match="not open"):
        cast_vote(
            nomination=first,
            voter=UserFactory(),
            now=edition_made.vote_opens_at - before.resolution,
        )
    assert Vote.objects.count() == 1


@pytest.mark.django_db
def test_only_eligible_nominations_are_on_the_ballot():
    made_category, _nominees = _ballot()
    waiting = nomination(made_category, project(), status="submitted")
    with pytest.raises(ValidationError, match="Only eligible"):
        cast_vote(nomination=waiting, voter=UserFactory())


@pytest.mark.django_db
def test_counts_are_hidden_until_the_announcement(client):
    made_category, (first, second) = _ballot()
    made_edition = made_category.edition
    # The votes are cast an hour after the vote opened (a day ago); the vote then closes an
    # hour later and the results are announced an hour after that, all in the past.
    cast_at = made_edition.vote_opens_at + HOUR
    for voter_number in range(3):
        cast_vote(nomination=first if voter_number else second, voter=UserFactory(), now=cast_at)
    page = client.get(made_category.get_absolute_url()).content.decode()
    assert "2 votes" not in page
    assert "1 vote" not in page
    Edition.objects.filter(pk=made_edition.pk).update(
        vote_closes_at=cast_at + HOUR, jury_ends_at=cast_at + HOUR, announce_at=cast_at + 2 * HOUR
    )
    made_edition.refresh_from_db()
    # The time has come but nothing is settled yet: still hidden.
    assert "2 votes" not in client.get(made_category.get_absolute_url()).content.decode()
    announce_edition(made_edition)
    page = client.get(made_category.get_absolute_url()).content.decode()
    assert "2 votes" in page
    assert "1 vote" in page


@pytest.mark.django_db
def test_votes_are_rate_limited_per_account(client):
    made_category, (first, second) = _ballot()
    voter = UserFactory()
    client.force_login(voter)
    url = reverse(
        "awards:vote", kwargs={"year": made_category.edition.year, "slug": made_category.slug}
    )
    # 20 a minute (wsco/awards/limits.py): the 20th is counted, the 21st refused.
    for number in range(20):
        response = client.post(url, {"nomination": (first, second)[number % 2].pk})
        assert response.status_code == 302
    assert Vote.objects.get(voter=voter).nomination == second
    assert client.post(url, {"nomination": first.pk}).status_code == 429
    assert Vote.objects.get(voter=voter).nomination == second


VOTERS = 40


@pytest.mark.django_db(transaction=True)
def test_concurrent_votes_are_counted_exactly_with_no_double_vote():
    """Every voter votes twice at once, from two threads each with its own connection.

    Expected by hand: 40 voters, each with one row in the end (80 requests, 40 rows), and each
    row holds one of the two nominations its voter chose; the counts add up to 40.
    """
    made_category, (first, second) = _ballot()
    voters = [UserFactory() for _ in range(VOTERS)]
    with sqlite_file():
        outcomes = run_at_once(
            [
                lambda voter=voter, choice=choice: cast_vote(nomination=choice, voter=voter)
                for voter in voters
                for choice in (first, second)
            ],
            at_once=VOTERS * 2,
        )
        rows, distinct_voters, counts = in_thread(
            lambda: (
                Vote.objects.count(),
                Vote.objects.values("voter").distinct().count(),
                vote_counts(made_category),
            )
        )
    errors = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert errors == []
    assert rows == VOTERS
    assert distinct_voters == VOTERS
    assert sum(counts.values()) == VOTERS
    assert set(counts) <= {first.pk, second.pk}
