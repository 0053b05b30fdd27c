"""Scores and reasons on a small example worked out by hand.

Weights are the defaults: themes 1, complementarity 1, organization type 0.3, sector 0.1,
country 0.1. Texts are either identical (cosine 1) or share no word (cosine 0), and theme sets
are equal (cosine 1) or share one theme of two with no expertise (cosine 1/2), so every score
can be added up on paper. For Ana (city hall, local government, RO; energy and transportation;
offers "pilot sites", looks for "traffic sensors"):

- Bogdan (company, technology, DE; same themes; offers "traffic sensors", looks for "pilot
  sites"): themes 1 + complementarity (1 + 1) / 2 = 1 + type 0.3 + sector 0.1 + country 0.1 = 2.5.
- Dana (university, research, RO; transportation and water; offers "traffic sensors", looks for
  "open data"): themes 1/2 + complementarity (1 + 0) / 2 + type 0.3 + sector 0.1 = 1.4.
- Cezar (another city hall, RO; same themes and texts as Ana): themes 1, no complementarity,
  no area bonus = 1.0.
- Elena (company, DE; water only; offers "leak detection"): no shared theme or text, so no
  relevance: never recommended, whatever her area bonus.
- Florin (works at Ana's city hall, otherwise Bogdan's twin): her own organization, excluded.

So Ana's list is Bogdan, Dana, Cezar.
"""

import pytest

from wsco.network.matching import MatchingIndex, Profile, Subject, render_english

ANA, BOGDAN, CEZAR, DANA, ELENA, FLORIN = 1, 2, 3, 4, 5, 6
ENERGY_AND_TRANSPORT = frozenset({"energy", "transportation"})

PROFILES = [
    Profile(ANA, 10, "city-hall", "local-government", "RO", ENERGY_AND_TRANSPORT, frozenset(),
            "Pilot sites.", "Traffic sensors."),
    Profile(BOGDAN, 20, "company", "technology", "DE", ENERGY_AND_TRANSPORT, frozenset(),
            "Traffic sensors.", "Pilot sites."),
    Profile(CEZAR, 30, "city-hall", "local-government", "RO", ENERGY_AND_TRANSPORT, frozenset(),
            "Pilot sites.", "Traffic sensors."),
    Profile(DANA, 40, "university", "research", "RO", frozenset({"transportation", "water"}),
            frozenset(), "Traffic sensors.", "Open data."),
    Profile(ELENA, 50, "company", "technology", "DE", frozenset({"water"}), frozenset(),
            "Leak detection.", "Funding."),
    Profile(FLORIN, 10, "city-hall", "local-government", "RO", ENERGY_AND_TRANSPORT, frozenset(),
            "Traffic sensors.", "Pilot sites."),
]  # fmt: skip


@pytest.fixture(scope="module")
def index() -> MatchingIndex:
    return MatchingIndex.build(PROFILES)


def test_ranking_and_scores_are_the_hand_worked_ones(index):
    found = index.recommend(ANA)
    assert [r.profile_id for r in found] == [BOGDAN, DANA, CEZAR]
    assert [r.score for r in found] == pytest.approx([2.5, 1.4, 1.0], abs=1e-5)


def test_reasons_name_the_shared_themes_the_matched_terms_and_the_areas(index):
    bogdan = index.recommend(ANA)[0]
    assert bogdan.reasons == (
        {"code": "shared_themes", "themes": ["energy", "transportation"]},
        {"code": "offers_what_you_look_for", "terms": ["traffic sensors"]},
        {"code": "looks_for_what_you_offer", "terms": ["pilot sites"]},
        {"code": "different_area", "area": "organization_type", "yours": "city-hall",
         "theirs": "company"},
        {"code": "different_area", "area": "sector", "yours": "local-government",
         "theirs": "technology"},
        {"code": "different_area", "area": "country", "yours": "RO", "theirs": "DE"},
    )  # fmt: skip


def test_reasons_leave_out_what_is_not_shared(index):
    dana = index.recommend(ANA)[1]
    codes = [reason["code"] for reason in dana.reasons]
    assert dana.reasons[0] == {"code": "shared_themes", "themes": ["transportation"]}
    assert "looks_for_what_you_offer" not in codes  # she looks for open data, Ana offers sites
    assert [r["area"] for r in dana.reasons if r["code"] == "different_area"] == [
        "organization_type",
        "sector",
    ]


def test_reasons_read_as_english_sentences(index):
    sentences = [render_english(reason) for reason in index.recommend(ANA)[0].reasons]
    assert sentences == [
        "You both work on Energy and Transportation.",
        "They offer traffic sensors, which you look for.",
        "They look for pilot sites, which you offer.",
        "Another organization type: you are city-hall, they are company.",
        "Another sector: you are local-government, they are technology.",
        "Another country: you are RO, they are DE.",
    ]


def test_labels_name_themes_and_areas_in_english_sentences():
    reason = {"code": "different_area", "area": "organization_type", "yours": "city-hall",
              "theirs": "company"}  # fmt: skip
    labels = {"city-hall": "a city official", "company": "with a company"}
    assert render_english(reason, labels) == (
        "Another organization type: you are a city official, they are with a company."
    )


def test_a_subject_finds_who_offers_what_it_needs(index):
    subject = Subject(themes=frozenset({"water"}), text="We need leak detection.")
    found = index.recommend_for_subject(subject, k=2)
    # Elena: themes 1 + offers 1 (full weight, a subject has no offers) = 2; Dana: themes
    # cos({water}, {transportation, water}) = 1/sqrt(2), and no matching offer.
    assert [r.profile_id for r in found] == [ELENA, DANA]
    assert found[0].score == pytest.approx(2.0, abs=1e-5)
    assert found[1].score == pytest.approx(0.5**0.5, abs=1e-5)
    assert found[0].reasons == (
        {"code": "works_on_its_themes", "themes": ["water"]},
        {"code": "offers_what_it_needs", "terms": ["leak detection"]},
    )


def test_explain_gives_the_reasons_of_any_pair(index):
    assert index.explain(ANA, BOGDAN) == index.recommend(ANA)[0].reasons
