"""The site-wide search: each kind found through its app's rules of who sees what."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wsco.core.search import index_in_step, parse_query
from wsco.core.site_search import excerpt, highlight, providers, search_everything
from wsco.core.tests.html_safety import injected_markup
from wsco.core.tests.xss_payloads import XSS_PAYLOADS
from wsco.members.models import Visibility
from wsco.members.services.profiles import refresh_organization_search_document
from wsco.members.tests.factories import OrganizationFactory, UserFactory, current_member, member
from wsco.publications import services as publication_services
from wsco.publications.tests.factories import (
    ArticleFactory,
    AuthorFactory,
    MemberAuthorFactory,
    PostFactory,
    SubmittedArticleFactory,
    make_editor,
)

pytestmark = pytest.mark.django_db


def _found(user, text: str) -> dict[str, list[str]]:
    """Return the titles found for `text`, by kind."""
    return {
        group.kind: [result.title for result in group.results]
        for group in search_everything(user, text, limit=20)
    }


def _article(factory=ArticleFactory, **fields):
    article = factory(**fields)
    publication_services.index_article(article=article)
    return article


def _post(**fields):
    post = PostFactory(**fields)
    publication_services.index_post(post=post)
    return post


def test_every_app_registers_its_kinds_in_order():
    assert [provider.kind for provider in providers()] == [
        "people",
        "organizations",
        "articles",
        "posts",
        "projects",
        "cities",
        "awards",
        "award_winners",
    ]


def test_new_indexes_are_in_step_with_their_tables():
    _article(title="Heat pumps")
    _post(title="Heat maps")
    assert index_in_step("publications_article")
    assert index_in_step("publications_post")


def test_visitor_finds_public_profiles_only(client):
    member(name="Zaharia Public", visibility=Visibility.PUBLIC)
    member(name="Zaharia Members", visibility=Visibility.MEMBERS)
    member(name="Zaharia Hidden", visibility=Visibility.HIDDEN)
    visitor = UserFactory()
    assert _found(visitor, "zaharia")["people"] == ["Zaharia Public"]
    page = client.get(reverse("core:search"), {"q": "zaharia"}).content.decode()
    page = page.replace("<mark>", "").replace("</mark>", "")
    assert "Zaharia Public" in page
    assert "Zaharia Members" not in page
    assert "Zaharia Hidden" not in page


def test_member_finds_members_only_profiles_but_never_hidden_ones():
    member(name="Zaharia Public", visibility=Visibility.PUBLIC)
    member(name="Zaharia Members", visibility=Visibility.MEMBERS)
    member(name="Zaharia Hidden", visibility=Visibility.HIDDEN)
    viewer = current_member(name="Viewer").user
    assert _found(viewer, "zaharia")["people"] == ["Zaharia Members", "Zaharia Public"]
    staff = UserFactory(is_staff=True)
    assert "Zaharia Hidden" not in _found(staff, "zaharia")["people"]


def test_organizations_are_found_by_description():
    organization = OrganizationFactory(name="Primăria Brașov", description="Smart lighting pilot")
    refresh_organization_search_document(organization=organization)
    member(name="Ion", organization=organization)
    assert _found(UserFactory(), "lighting")["organizations"] == ["Primăria Brașov"]


def test_readers_find_published_articles_and_never_submissions():
    _article(title="Tramways published")
    _article(SubmittedArticleFactory, title="Tramways submitted")
    reader = current_member(name="Reader").user
    assert _found(reader, "tramways")["articles"] == ["Tramways published"]
    assert _found(UserFactory(), "tramways")["articles"] == ["Tramways published"]


def test_editors_and_authors_find_the_submissions_they_follow():
    author = MemberAuthorFactory()
    submission = _article(SubmittedArticleFactory, title="Tramways submitted", authors=[author])
    _article(title="Tramways published")
    editor = make_editor()
    assert set(_found(editor, "tramways")["articles"]) == {
        "Tramways submitted",
        "Tramways published",
    }
    assert set(_found(author.profile.user, "tramways")["articles"]) == {
        "Tramways submitted",
        "Tramways published",
    }
    group = next(g for g in search_everything(editor, "submitted") if g.kind == "articles")
    assert group.results[0].url == submission.get_submission_url()


def test_draft_posts_are_found_by_editors_only():
    _post(title="Bicycle lanes open")
    _post(title="Bicycle lanes draft", published_at=None)
    assert _found(UserFactory(), "bicycle")["posts"] == ["Bicycle lanes open"]
    assert set(_found(make_editor(), "bicycle")["posts"]) == {
        "Bicycle lanes open",
        "Bicycle lanes draft",
    }


def test_submitting_makes_the_article_findable_by_its_words():
    author = current_member(name="Writer")
    publication_services.submit_article(
        by=author.user, title="District heating", abstract="Pipes and plants.", body="Text."
    )
    assert _found(author.user, "pipes")["articles"] == ["District heating"]
    assert "articles" not in _found(author.user, "geothermal")


def test_page_groups_results_with_counts_and_see_all(client):
    for number in range(7):
        member(name=f"Anca Lumina {number}")
    _post(title="Lumina festival", summary="Light art in the old town.")
    page = client.get(reverse("core:search"), {"q": "lumina"}).content.decode()
    assert 'id="search-people"' in page
    assert 'id="search-posts"' in page
    assert "(7)" in page
    assert "?q=lumina" in page  # the people's "see all" opens the directory, filtered
    assert page.count('class="search-result"') == 5 + 1
    assert "<mark>Lumina</mark>" in page


def test_too_short_query_says_why(client):
    member(name="Al Bo")
    page = client.get(reverse("core:search"), {"q": "al"}).content.decode()
    assert 'id="search-too-short"' in page
    assert 'id="search-empty"' not in page


def test_query_with_no_match_offers_suggestions(client):
    page = client.get(reverse("core:search"), {"q": "xylophone"}).content.decode()
    assert 'id="search-empty"' in page
    assert "theme-chip" in page
    assert 'id="search-too-short"' not in page


def test_api_answers_grouped_by_kind(client):
    member(name="Radu Tramvai")
    _article(title="Tramvai modern")
    answer = client.get("/api/v1/search", {"q": "tramvai"}).json()
    assert [group["kind"] for group in answer["groups"]] == ["people", "articles"]
    assert answer["groups"][0]["results"][0]["title"] == "Radu Tramvai"
    assert answer["groups"][1]["total"] == 1
    only = client.get("/api/v1/search", {"q": "tramvai", "kind": "articles"}).json()
    assert [group["kind"] for group in only["groups"]] == ["articles"]


def test_api_refuses_a_query_too_long(client):
    response = client.get("/api/v1/search", {"q": "x" * 201})
    assert response.status_code == 422


def _queries_for_page(client, text: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("core:search"), {"q": text})
    assert response.status_code == 200
    return len(captured)


def _world(count: int) -> None:
    for number in range(count):
        organization = OrganizationFactory(name=f"Metro Org {number}", description="metro")
        refresh_organization_search_document(organization=organization)
        member(name=f"Metro Person {number}", organization=organization)
        _article(title=f"Metro article {number}", authors=[AuthorFactory(), AuthorFactory()])
        _post(title=f"Metro post {number}")


def test_query_count_does_not_grow_with_the_results(client):
    _world(1)
    client.force_login(make_editor())
    _queries_for_page(client, "metro")  # A first page counts the bell's count, then kept.
    one = _queries_for_page(client, "metro")
    _world(4)
    several = _queries_for_page(client, "metro")
    assert one == several


def test_api_query_count_does_not_grow_with_the_results(client):
    def queries_for_answer() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/search", {"q": "metro"}).status_code == 200
        return len(captured)

    _world(1)
    one = queries_for_answer()
    _world(4)
    assert queries_for_answer() == one


def test_excerpt_cuts_around_the_first_match_at_spaces():
    text = " ".join(f"word{number}" for number in range(60)) + " Brașov " + "tail " * 40
    cut = excerpt(text, parse_query("brasov"), length=60)
    assert "Brașov" in cut
    assert cut.startswith("…")
    assert cut.endswith("…")
    assert len(cut) <= 62


def test_highlight_marks_words_whatever_their_accents_and_case():
    parts = highlight("Strasse in Brașov", parse_query("BRASOV straße"))
    assert parts == [("Strasse", True), (" in ", False), ("Brașov", True)]


def _hostile(number: int, payload: str) -> str:
    """Write `payload` everywhere the results page echoes text, behind the word to search."""
    word = f"zq{number}zq"
    organization = OrganizationFactory(name=f"{word} {payload}", description=payload)
    refresh_organization_search_document(organization=organization)
    member(name=f"{word} {payload}", bio=payload, title=payload, organization=organization)
    _article(title=f"{word} {payload}", abstract=f"{word} {payload}")
    _post(title=f"{word} {payload}", summary=f"{word} {payload}")
    return word


def _payload_groups(limit: int = 140) -> list[str]:
    """Return the payloads packed into texts that fit a person's name (150 characters)."""
    groups = [""]
    for payload in XSS_PAYLOADS:
        if groups[-1] and len(groups[-1]) + 1 + len(payload) > limit:
            groups.append("")
        groups[-1] = f"{groups[-1]} {payload}".strip()
    return groups


PAYLOAD_GROUPS = _payload_groups()


@pytest.mark.parametrize("number", range(len(PAYLOAD_GROUPS)))
def test_results_page_escapes_what_people_wrote_and_the_query(client, number):
    payload = PAYLOAD_GROUPS[number]
    word = _hostile(number, payload)
    for text in (word, f"{word} {payload}"):
        page = client.get(reverse("core:search"), {"q": text}).content.decode()
        assert injected_markup(page) == []
    # The results were there to be escaped: the word alone finds every kind.
    found = _found(UserFactory(), word)
    assert set(found) == {"people", "organizations", "articles", "posts"}
