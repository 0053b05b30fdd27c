"""A query compiled once answers for each new value as the queryset built for it would."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wsco.core.compiled_query import CompiledQuery
from wsco.core.models import Theme
from wsco.members.models import Profile
from wsco.members.tests.factories import member

pytestmark = pytest.mark.django_db

EXPERTISE_SLUGS = CompiledQuery(
    lambda profile_id: (
        Theme.objects.filter(expert_profiles=profile_id).order_by("clause").values_list("slug")
    )
)


def test_each_run_answers_for_its_own_value():
    ana = member(expertise=["water", "energy"])
    ben = member(expertise=["health"])
    nobody = member()
    for profile in (ana, ben, nobody, ana):
        expected = list(profile.themes_of_expertise.order_by("clause").values_list("slug"))
        assert EXPERTISE_SLUGS.rows(profile_id=profile.pk) == expected
    assert EXPERTISE_SLUGS.rows(profile_id=nobody.pk) == []


def test_a_value_given_twice_is_put_in_both_places():
    ana, ben = member(expertise=["water"]), member(expertise=["water", "energy"])
    either = CompiledQuery(
        lambda profile_id: (
            Profile.objects.filter(pk=profile_id, themes_of_expertise__slug="water")
            .filter(themes_of_expertise__slug="energy", pk=profile_id)
            .values_list("pk")
        )
    )
    assert either.rows(profile_id=ana.pk) == []
    assert either.rows(profile_id=ben.pk) == [(ben.pk,)]


def test_a_run_is_one_query():
    ana = member(expertise=["water"])
    EXPERTISE_SLUGS.rows(profile_id=ana.pk)
    with CaptureQueriesContext(connection) as ran:
        EXPERTISE_SLUGS.rows(profile_id=ana.pk)
    assert len(ran) == 1


def test_a_value_the_query_does_not_use_as_given_is_refused():
    # A lookup that turns the value into something else hides the stand-in.
    named = CompiledQuery(lambda slug_length: Theme.objects.filter(slug="x").values_list("pk"))
    with pytest.raises(ValueError, match=r"does not use \['slug_length'\]"):
        named.rows(slug_length=3)


PROFILE_ROW = CompiledQuery(
    lambda pk: Profile.objects.filter(pk=pk).values_list("updated_at", "languages", "country")
)
WHOLE_PROFILE = CompiledQuery(
    lambda pk: Profile.objects.select_related("user", "organization").filter(pk=pk)
)


def test_rows_are_converted_as_the_orm_converts_them():
    ana = member(languages=["ro", "en"], country="RO")
    expected = Profile.objects.filter(pk=ana.pk).values_list("updated_at", "languages", "country")
    # A date, a list and a country, not the text a database may keep them as.
    assert PROFILE_ROW.rows(pk=ana.pk) == list(expected)
    assert PROFILE_ROW.rows(pk=ana.pk)[0][0] == ana.updated_at


def test_objects_come_with_what_they_select_in_one_query():
    ana, ben = member(name="Ana One", with_organization=True), member(name="Ben Two")
    WHOLE_PROFILE.objects(pk=ben.pk)
    with CaptureQueriesContext(connection) as ran:
        found = WHOLE_PROFILE.objects(pk=ana.pk)[0]
        assert (found.pk, found.name, found.user.email) == (ana.pk, "Ana One", ana.user.email)
        assert found.organization.name == ana.organization.name
        assert found.languages == ana.languages
        assert WHOLE_PROFILE.objects(pk=ben.pk)[0].organization is None
    assert len(ran) == 2


def test_objects_of_a_missing_row_are_none():
    assert WHOLE_PROFILE.objects(pk=10**9) == []


PROFILE = CompiledQuery(lambda pk: Profile.objects.filter(pk=pk))


@pytest.mark.parametrize("pk", [2**63, -(2**63) - 1, 10**30])
def test_an_integer_no_row_can_hold_finds_nothing_without_asking(pk):
    # An id from an address may be any number: none so large is stored (a bigint at most).
    with CaptureQueriesContext(connection) as asked:
        assert PROFILE.rows(pk=pk) == []
        assert PROFILE.objects(pk=pk) == []
    assert asked.captured_queries == []


@pytest.mark.parametrize("value", ["7", 7.0, True, None])
def test_a_value_other_than_an_integer_is_refused(value):
    with pytest.raises(TypeError, match="takes integers"):
        PROFILE.rows(pk=value)


@pytest.mark.parametrize(
    "path", ["/members/99999999999999999999/", "/network/connections/99999999999999999999/"]
)
def test_a_page_of_an_id_past_any_row_is_not_found(client, path):
    client.force_login(member().user)
    assert client.get(path).status_code == 404
