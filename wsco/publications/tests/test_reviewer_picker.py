"""The reviewer picker: found by name, organization and theme, suggested by the network's
matching engine, each with their load; namesakes told apart; nobody shown by email."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wsco.core.models import Theme
from wsco.core.tests.html_safety import injected_markup
from wsco.core.tests.xss_payloads import XSS_PAYLOADS
from wsco.members.models import Visibility
from wsco.members.services.profiles import refresh_organization_search_document
from wsco.members.tests.factories import OrganizationFactory, UserFactory, member
from wsco.network.services import rebuild_index
from wsco.publications import reviewers, services
from wsco.publications.models import Article, ArticleStatus
from wsco.publications.tests.factories import (
    MemberAuthorFactory,
    ReviewFactory,
    SubmittedArticleFactory,
    make_editor,
)

pytestmark = pytest.mark.django_db
IN_THREE_WEEKS = timezone.localdate() + datetime.timedelta(days=21)


def _article(*, authors=(), themes=("water",), **fields) -> Article:
    article = SubmittedArticleFactory(authors=list(authors) or None, **fields)
    article.themes.set(Theme.objects.filter(slug__in=themes))
    return article


def _labels(candidates) -> list[str]:
    return [candidate.label for candidate in candidates]


def _candidates_page(client, article, text: str = "") -> str:
    url = reverse("publications:reviewer_candidates", kwargs={"pk": article.pk})
    response = client.get(url, {"reviewer_q": text} if text else {})
    assert response.status_code == 200
    return response.content.decode()


# Suggestions -------------------------------------------------------------------------------


def consenting(**fields):
    """Return a listed member who agreed to be suggested by the network's matching."""
    return member(recommend_consent=True, **fields)


@pytest.fixture
def water_article():
    """An article on water leaks by a member of "Aqua Lab", and the members around it.

    By hand: "expert" works on water and offers exactly what the article is about, so shares
    both its theme and its words; "interested" only lists water among their interests;
    "sportsman" shares nothing. The author and their colleague are placed to match too.
    """
    lab = OrganizationFactory(name="Aqua Lab")
    author = consenting(name="Author Person", organization=lab, expertise=["water"])
    people = {
        "author": author,
        "colleague": consenting(
            name="Colleague Person",
            organization=lab,
            expertise=["water"],
            offers="leak detection sensors",
        ),
        "expert": consenting(
            name="Expert Person",
            expertise=["water"],
            offers="leak detection sensors for water networks",
        ),
        "interested": consenting(name="Interested Person", interest=["water"]),
        "sportsman": consenting(name="Sport Person", interest=["sport-culture"]),
    }
    article = _article(
        authors=[MemberAuthorFactory(profile=author)],
        title="Leak detection sensors in water networks",
        abstract="How sensors find leaks early.",
    )
    rebuild_index()
    return article, people


def test_the_best_placed_member_is_suggested_first_and_the_author_never(water_article):
    article, people = water_article
    suggested = reviewers.suggest_reviewers(article, viewer=make_editor())
    profiles = [candidate.profile for candidate in suggested]
    assert profiles.index(people["expert"]) < profiles.index(people["interested"])
    assert people["author"] not in profiles
    assert people["sportsman"] not in profiles
    expert = suggested[profiles.index(people["expert"])]
    assert any("Water" in reason for reason in expert.reasons)
    assert expert.conflict == ""


def test_a_colleague_of_an_author_is_flagged_not_hidden(water_article):
    article, people = water_article
    suggested = reviewers.suggest_reviewers(article, viewer=make_editor())
    colleague = next(c for c in suggested if c.profile == people["colleague"])
    assert colleague.conflict == "Same organization as an author"


def test_someone_already_reviewing_is_no_longer_suggested(water_article):
    article, people = water_article
    services.assign_reviewer(
        article=article, reviewer=people["expert"].user, due_on=IN_THREE_WEEKS, by=make_editor()
    )
    suggested = reviewers.suggest_reviewers(article, viewer=make_editor())
    assert people["expert"] not in [candidate.profile for candidate in suggested]
    found = reviewers.find_reviewers(article, "expert", viewer=make_editor())
    assert [(c.profile, c.reviewing) for c in found] == [(people["expert"], True)]


def test_without_a_matching_index_nobody_is_suggested():
    member(name="Expert Person", expertise=["water"])
    assert reviewers.suggest_reviewers(_article(), viewer=make_editor()) == []


# Finding by name, organization and theme ------------------------------------------------


def test_reviewers_are_found_by_name_organization_and_theme():
    organization = OrganizationFactory(name="Hydro Consult")
    by_organization = member(name="Dana Ionescu", organization=organization)
    refresh_organization_search_document(organization=organization)
    by_theme = member(name="Mihai Dobre", expertise=["wastewater"])
    by_name = member(name="Ioana Marin")
    not_a_member = member(name="Ioana Former", is_member=False)
    article = _article()
    editor = make_editor()

    def found(text):
        return [c.profile for c in reviewers.find_reviewers(article, text, viewer=editor)]

    assert found("hydro") == [by_organization]
    assert found("wastewater") == [by_theme]
    assert found("ioana") == [by_name]
    assert not_a_member not in found("ioana")


def test_the_authors_are_never_found():
    author = member(name="Ioana Author")
    article = _article(authors=[MemberAuthorFactory(profile=author)])
    other = member(name="Ioana Other")
    found = reviewers.find_reviewers(article, "ioana", viewer=make_editor())
    assert [candidate.profile for candidate in found] == [other]


# Load ---------------------------------------------------------------------------------------


def test_each_candidate_shows_the_reviews_they_owe():
    busy = member(name="Busy Reviewer")
    free = member(name="Free Reviewer")
    for _ in range(2):
        ReviewFactory(reviewer=busy.user)
    ReviewFactory(reviewer=busy.user, submitted_at=timezone.now(), recommendation="accept")
    ReviewFactory(reviewer=busy.user, declined_at=timezone.now())
    ReviewFactory(reviewer=busy.user, withdrawn_at=timezone.now())
    found = reviewers.find_reviewers(_article(), "reviewer", viewer=make_editor())
    assert {c.profile.name: c.open_reviews for c in found} == {
        "Busy Reviewer": 2,
        "Free Reviewer": 0,
    }
    assert free.pk in [c.profile.pk for c in found]


def test_the_load_is_shown_on_the_picker(client):
    busy = member(name="Busy Reviewer")
    ReviewFactory(reviewer=busy.user)
    client.force_login(make_editor())
    page = _candidates_page(client, _article(), "busy")
    assert "1 open review" in page
    assert "1 open reviews" not in page


# Namesakes ---------------------------------------------------------------------------------


def test_two_members_of_one_name_are_told_apart_by_organization(client):
    first = member(name="Ana Popescu", organization=OrganizationFactory(name="Primăria Cluj"))
    second = member(name="Ana Popescu", organization=OrganizationFactory(name="Tramvaie SA"))
    member(name="Ana Ionescu")
    found = reviewers.candidates_for(_article(), "ana", viewer=make_editor())["found"]
    labels = dict(zip([c.profile for c in found], _labels(found), strict=True))
    assert labels[first] == "Ana Popescu (Primăria Cluj)"
    assert labels[second] == "Ana Popescu (Tramvaie SA)"
    assert "Ana Ionescu" in labels.values()  # a name nobody shares is shown as it is
    client.force_login(make_editor())
    page = _candidates_page(client, _article(), "popescu")
    assert "Ana Popescu (Primăria Cluj)" in page
    assert "Ana Popescu (Tramvaie SA)" in page


def test_namesakes_of_one_organization_are_told_apart_by_place_or_number():
    organization = OrganizationFactory(name="Primăria Cluj")
    in_cluj = member(name="Ana Popescu", organization=organization, city="Cluj-Napoca")
    in_dej = member(name="ANA POPESCU", organization=organization, city="Dej")
    labels = reviewers.tell_apart(
        [
            ("Ana Popescu", ("Primăria Cluj", "Cluj-Napoca"), in_cluj.pk),
            ("ANA POPESCU", ("Primăria Cluj", "Dej"), in_dej.pk),
            ("Ana Popescu", ("Primăria Cluj", "Dej"), 999),
        ]
    )
    assert labels == [
        "Ana Popescu (Cluj-Napoca)",
        f"ANA POPESCU (member no. {in_dej.pk})",
        "Ana Popescu (member no. 999)",
    ]


def test_a_hidden_namesake_is_told_apart_without_showing_their_details():
    shown = member(name="Ana Popescu", organization=OrganizationFactory(name="Primăria Cluj"))
    hidden = member(
        name="Ana Popescu",
        organization=OrganizationFactory(name="Secret Org"),
        visibility=Visibility.HIDDEN,
    )
    found = reviewers.candidates_for(_article(), "popescu", viewer=make_editor())["found"]
    labels = {c.profile: c.label for c in found}
    assert labels[shown] == "Ana Popescu (Primăria Cluj)"
    assert labels[hidden] == f"Ana Popescu (member no. {hidden.pk})"
    assert "Secret Org" not in " ".join(c.detail for c in found)


def test_reviewers_of_one_name_are_told_apart_on_the_submission_page(client):
    article = _article(status=ArticleStatus.IN_REVIEW)
    for city in ("Cluj-Napoca", "Iași"):
        ReviewFactory(article=article, reviewer=member(name="Ana Popescu", city=city).user)
    client.force_login(make_editor())
    page = client.get(article.get_submission_url()).content.decode()
    assert "Ana Popescu (Cluj-Napoca, Romania)" in page or "Ana Popescu (Cluj-Napoca" in page
    assert "Ana Popescu (Iași" in page


# Names, never emails -------------------------------------------------------------------


def test_no_email_on_the_editorial_pages(client):
    author = member(name="Writer Person")
    article = services.submit_article(
        by=author.user, title="Trams", abstract="Trams.", body="Trams."
    )
    editor = make_editor()
    reviewer = member(name="Reviewer Person")
    declining = member(name="Declining Person")
    staff_reviewer = UserFactory(is_staff=True)  # an account without a profile
    for person in (reviewer.user, declining.user, staff_reviewer):
        services.assign_reviewer(article=article, reviewer=person, due_on=IN_THREE_WEEKS, by=editor)
    services.decline_review(review=article.reviews.get(reviewer=declining.user), by=declining.user)
    client.force_login(editor)
    pages = {
        "submission": client.get(article.get_submission_url()).content.decode(),
        "desk": client.get(reverse("publications:desk")).content.decode(),
        "picker": _candidates_page(client, article, "person"),
    }
    emails = [author.user.email, reviewer.user.email, declining.user.email, staff_reviewer.email]
    emails.append(editor.email)
    for name, page in pages.items():
        assert [email for email in emails if email in page] == [], name
    assert "Reviewer Person" in pages["submission"]
    assert "Declining Person" in pages["submission"]
    assert f"Account no. {staff_reviewer.pk}" in pages["desk"]
    assert "Reviewer Person" in pages["picker"]
    assert "Writer Person" not in pages["picker"]  # the author is never a candidate


# Who may use it -------------------------------------------------------------------------


def test_only_editors_who_are_not_its_authors_see_the_picker(client):
    editor_author = make_editor()
    member_profile = member(name="Editor Writer", user=editor_author)
    article = _article(authors=[MemberAuthorFactory(profile=member_profile)])
    url = reverse("publications:reviewer_candidates", kwargs={"pk": article.pk})
    assert client.get(url).status_code == 302  # to sign in
    client.force_login(member(name="Just A Member").user)
    assert client.get(url).status_code == 403
    client.force_login(editor_author)
    assert client.get(url).status_code == 403
    page = client.get(article.get_submission_url()).content.decode()
    assert 'id="reviewer-candidates"' not in page
    client.force_login(make_editor())
    assert client.get(url).status_code == 200
    page = client.get(article.get_submission_url()).content.decode()
    assert 'id="reviewer-candidates"' in page


def test_the_picker_works_without_javascript(client):
    member(name="Radu Inginer")
    article = _article()
    client.force_login(make_editor())
    page = client.get(article.get_submission_url(), {"reviewer_q": "radu"}).content.decode()
    assert "Radu Inginer" in page
    assert 'name="reviewer"' in page


def test_assigning_the_chosen_reviewer(client):
    chosen = member(name="Radu Inginer")
    article = _article()
    client.force_login(make_editor())
    url = reverse("publications:assign", kwargs={"pk": article.pk})
    response = client.post(url, {"reviewer": chosen.pk, "due_on": IN_THREE_WEEKS.isoformat()})
    assert response.status_code == 302
    assert list(article.reviews.values_list("reviewer", flat=True)) == [chosen.user_id]
    response = client.post(url, {"due_on": IN_THREE_WEEKS.isoformat()})
    assert "Choose a reviewer among the suggested or found members." in response.content.decode()
    assert article.reviews.count() == 1


def test_picker_query_count_does_not_grow_with_the_candidates(client):
    article = _article()
    client.force_login(make_editor())

    def queries_for(text):
        with CaptureQueriesContext(connection) as captured:
            _candidates_page(client, article, text)
        return len(captured)

    member(name="Radu One", organization=OrganizationFactory())
    one = queries_for("radu")
    for number in range(5):
        ReviewFactory(
            reviewer=member(name=f"Radu {number}", organization=OrganizationFactory()).user
        )
    assert queries_for("radu") == one


# What people wrote ----------------------------------------------------------------------


@pytest.mark.parametrize("payload", XSS_PAYLOADS[:12])
def test_the_picker_escapes_names_organizations_and_places(client, payload):
    for city in (payload, "Dej"):  # namesakes: the label carries the place
        member(
            name=f"Zqx {payload}"[:150],
            organization=OrganizationFactory(name=f"Zqx {payload}"[:200]),
            city=city[:100],
        )
    article = _article(status=ArticleStatus.IN_REVIEW)
    ReviewFactory(article=article, reviewer=member(name=f"Zqx {payload}"[:150]).user)
    client.force_login(make_editor())
    for page in (
        _candidates_page(client, article, f"zqx {payload}"),
        _candidates_page(client, article, "zqx"),
        client.get(article.get_submission_url(), {"reviewer_q": "zqx"}).content.decode(),
        client.get(reverse("publications:desk")).content.decode(),
    ):
        assert injected_markup(page) == []
    assert "found-reviewers" in _candidates_page(client, article, "zqx")
