"""The search function and its index, on whichever database the tests run (SQLite or PostgreSQL).

The members' profiles are the searchable model these tests use: their table carries the index.
"""

import pytest
from django.db import connection
from django.db.migrations.writer import OperationWriter

from wsco.core.search import (
    CappedMatches,
    Query,
    RunSQLOn,
    count_up_to,
    document,
    fold,
    fts5_expression,
    index_in_step,
    parse_query,
    rows_by_ids,
    search,
    search_index_operations,
)
from wsco.members.models import Profile
from wsco.members.tests.factories import ProfileFactory


def test_fold_lowers_case_and_drops_diacritics():
    assert fold("Brașov ŞTEFAN Íñigo") == "brasov stefan inigo"


def test_document_folds_its_parts_one_per_line_and_skips_empty_ones():
    assert document("Ana Pop", "", None, "  ", "Brașov") == "ana pop\nbrasov"


def test_words_shorter_than_three_letters_are_ignored_and_named():
    query = parse_query('AI in "smart" cities, AI')
    assert query.terms == ("smart", "cities")
    assert query.ignored == ("ai", "in")


def test_search_operators_in_the_text_are_plain_words():
    assert parse_query('energy OR "water*" NEAR(x) -solar ^grid').terms == (
        "energy",
        "water",
        "near",
        "solar",
        "grid",
    )


def test_fts5_terms_are_quoted_phrases():
    # A double quote inside a term is doubled: FTS5 reads it as a literal quote.
    assert fts5_expression(Query(terms=('ab"c', "water"), ignored=())) == '"ab""c" AND "water"'


def test_operations_run_only_on_their_database_and_survive_a_migration_file():
    operations = search_index_operations("publications_article")
    assert [operation.vendor for operation in operations] == ["sqlite", "postgresql", "postgresql"]
    written, imports = OperationWriter(operations[0]).serialize()
    assert "RunSQLOn(" in written
    assert "'sqlite'" in written
    assert any("wsco.core.search" in line for line in imports)
    assert isinstance(operations[0], RunSQLOn)


def _profile(search_document: str) -> Profile:
    return ProfileFactory(search_document=search_document)


@pytest.mark.django_db
def test_search_finds_substrings_and_ands_the_words():
    brasov = _profile("ana pop\nbrasov\nwater")
    cluj = _profile("ion rusu\ncluj-napoca\nwater, energy")
    _profile("maria ene\niasi\nhealth")
    profiles = Profile.objects.all()
    assert set(search(profiles, "ras")) == {brasov}  # A substring, inside a word.
    assert set(search(profiles, "water")) == {brasov, cluj}
    assert set(search(profiles, "WATER energy")) == {cluj}
    assert set(search(profiles, "water health")) == set()


@pytest.mark.django_db
def test_search_without_words_to_look_for_returns_the_queryset_unchanged():
    _profile("ana pop")
    profiles = Profile.objects.all()
    assert search(profiles, "") is profiles
    assert search(profiles, "a b") is profiles


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"', {"plain", "literal"}),  # No word left: nothing to narrow by.
        ("*", {"plain", "literal"}),
        ("OR", {"plain", "literal"}),  # Under three letters: ignored.
        ("a:b", {"plain", "literal"}),
        ("'; DROP TABLE members_profile; --", {"literal"}),
        ('water" OR "x', {"plain"}),
        ("NEAR(abc)", {"literal"}),
        ("plain NOT water", set()),  # NOT is a word to find, not an operator.
    ],
)
def test_injection_looking_input_is_searched_for_literally(text, expected):
    profiles = {
        "plain": _profile("ana pop\nwater plain"),
        "literal": _profile("drop table members_profile; -- near(abc) a:b"),
    }
    found = set(search(Profile.objects.all(), text))
    assert found == {profiles[name] for name in expected}
    assert Profile.objects.count() == 2  # Nothing was dropped.


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["water", "WATER energy", "ras", "water health", '"; --'])
def test_the_plan_for_many_matches_finds_the_same_rows_in_the_same_order(text):
    for name, folded in [
        ("Ana Pop", "brasov\nwater"),
        ("Ion Rusu", "cluj-napoca\nwater, energy"),
        ("Dan Ene", "iasi\nwater, energy"),
        ("Eva Lup", "brasov\nhealth"),
    ]:
        ProfileFactory(name=name, search_document=folded)
    profiles = Profile.objects.order_by("name")
    assert list(search(profiles, text, dense=True)) == list(search(profiles, text))


@pytest.mark.django_db
def test_count_up_to_stops_one_past_the_limit():
    for _ in range(5):
        _profile("water")
    profiles = search(Profile.objects.all(), "water")
    assert [count_up_to(profiles, limit) for limit in (2, 4, 5, 9)] == [3, 5, 5, 5]


@pytest.mark.django_db
def test_like_wildcards_are_not_wildcards():
    # `_` is part of a word; on PostgreSQL it must not match any character in LIKE.
    underscore = _profile("smart_city")
    _profile("smartxcity")
    assert set(search(Profile.objects.all(), "smart_city")) == {underscore}


@pytest.mark.django_db
def test_ranked_search_puts_the_better_match_first():
    # Created second, so that the name order alone would put it last.
    partial = _profile("wastewater treatment for the districts of a large city")
    whole = _profile("water")
    assert list(search(Profile.objects.all(), "water", ranked=True)) == [whole, partial]


@pytest.mark.django_db(transaction=True)
def test_index_follows_inserts_updates_and_deletes():
    profile = _profile("ana pop\nbrasov")
    assert list(search(Profile.objects.all(), "brasov")) == [profile]
    Profile.objects.filter(pk=profile.pk).update(search_document="ana pop\nsibiu")
    assert list(search(Profile.objects.all(), "brasov")) == []
    assert list(search(Profile.objects.all(), "sibiu")) == [profile]
    profile.delete()
    assert list(search(Profile.objects.all(), "sibiu")) == []
    assert index_in_step("members_profile")
    assert index_in_step("members_organization")


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            return "\n".join(str(row[-1]) for row in cursor.fetchall())
        # With a handful of rows a sequential scan is cheaper; forbid it to see that the
        # planner can answer the LIKEs from the trigram index.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.django_db
def test_search_is_answered_by_the_index_not_a_table_scan():
    for number in range(30):
        _profile(f"person {number}\nwater" if number % 3 else f"person {number}\nenergy")
    queryset = search(Profile.objects.all(), "water person")
    plan = _plan(queryset)
    if connection.vendor == "sqlite":
        # The FTS5 table answers the MATCH (the VIRTUAL TABLE line), the rows are then
        # fetched by rowid (the primary key), never by scanning members_profile.
        assert "SCAN members_profile_search VIRTUAL TABLE INDEX" in plan
        assert "SCAN members_profile\n" not in plan + "\n"
    else:
        assert "members_profile_search_trgm" in plan
        assert "Seq Scan" not in plan
    assert queryset.count() == 20


@pytest.mark.django_db
def test_the_plan_for_many_matches_walks_the_ordering_index():
    for number in range(30):
        _profile(f"person {number}\nwater" if number % 3 else f"person {number}\nenergy")
    queryset = search(Profile.objects.filter(is_member=True).order_by("name"), "water", dense=True)
    plan = _plan(queryset)
    if connection.vendor == "sqlite":
        # The name index gives the order; the matches are a list looked up row by row.
        assert "USING INDEX members_profile_listed_name" in plan
        assert "USE TEMP B-TREE FOR ORDER BY" not in plan
    else:
        assert "Seq Scan" not in plan


@pytest.mark.django_db
def test_capped_matches_count_and_page_by_the_ids_they_found():
    for name, folded in [("Eva", "water"), ("Ana", "water"), ("Ion", "energy"), ("Dan", "water")]:
        ProfileFactory(name=name, search_document=folded)
    found = search(Profile.objects.order_by("name").select_related("organization"), "water")
    matches = CappedMatches(found, 3)
    # Three match ("Eva", "Ana", "Dan"): all of them, not capped at 3.
    assert (matches.counted, matches.count, matches.is_capped) == (3, 3, False)
    rows = matches.rows()
    assert [profile.name for profile in rows] == ["Ana", "Dan", "Eva"]
    assert [profile.name for profile in rows[1:2]] == ["Dan"]
    # The page is read by primary key, with what the queryset fetched along.
    assert "MATCH" not in str(rows.query)
    assert "LIKE" not in str(rows.query)
    assert rows.query.select_related == {"organization": {}}


@pytest.mark.django_db
def test_capped_matches_past_the_limit_take_the_plan_for_many_matches():
    for name in ["Eva", "Ana", "Dan"]:
        ProfileFactory(name=name, search_document="water")
    found = search(Profile.objects.order_by("name"), "water")
    dense = search(Profile.objects.order_by("name"), "water", dense=True)
    matches = CappedMatches(found, 2, dense=lambda: dense)
    # Three match, counted one past the limit of 2.
    assert (matches.counted, matches.count, matches.is_capped) == (3, 2, True)
    assert matches.rows() is dense
    assert CappedMatches(found, 2).rows() is found


@pytest.mark.django_db
def test_capped_matches_remember_passing_the_limit_and_count_no_more(django_assert_num_queries):
    for name in ["Eva", "Ana", "Dan"]:
        ProfileFactory(name=name, search_document="water")
    found = search(Profile.objects.order_by("name"), "water")
    with django_assert_num_queries(1):  # The ids of up to 3 rows: 3, past the limit of 2.
        assert CappedMatches(found, 2, remember="water").is_capped
    Profile.objects.filter(name="Dan").delete()  # Two left: the limit, no longer past it.
    with django_assert_num_queries(0):
        remembered = CappedMatches(found, 2, remember="water")
        assert (remembered.count, remembered.is_capped) == (2, True)
    # Another name counts afresh, and so does a match that is not named.
    assert not CappedMatches(found, 2, remember="water only").is_capped
    assert not CappedMatches(found, 2).is_capped


@pytest.mark.django_db
def test_capped_matches_under_the_limit_count_every_time(django_assert_num_queries):
    ProfileFactory(name="Eva", search_document="water")
    found = search(Profile.objects.order_by("name"), "water")
    assert CappedMatches(found, 2, remember="water").count == 1
    ProfileFactory(name="Ana", search_document="water")
    with django_assert_num_queries(1):
        assert CappedMatches(found, 2, remember="water").count == 2


@pytest.mark.django_db
def test_rows_by_ids_keeps_computed_columns_by_filtering_the_queryset():
    profile = _profile("water")
    ranked = search(Profile.objects.order_by("name"), "water", ranked=True)
    rows = rows_by_ids(ranked, [profile.pk])
    assert list(rows) == [profile]
    assert hasattr(rows[0], "search_rank")


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["water", "water energy", "ras", "nothing-like-this"])
def test_a_narrowed_search_finds_the_same_rows(text):
    for name, folded, country in [
        ("Ana Pop", "brasov\nwater", "RO"),
        ("Ion Rusu", "cluj-napoca\nwater, energy", "RO"),
        ("Dan Ene", "iasi\nwater, energy", "DE"),
        ("Eva Lup", "brasov\nhealth", "RO"),
    ]:
        ProfileFactory(name=name, search_document=folded, country=country)
    in_romania = Profile.objects.filter(country="RO").order_by("name")
    narrowed = search(in_romania, text, narrowed=True)
    assert list(narrowed) == list(search(in_romania, text))
