"""Recommendations computed from profile rows: who is left out, the reasons, and the updates."""

import pytest

from wsco.members.models import OrganizationType
from wsco.members.tests.factories import OrganizationFactory
from wsco.network import services
from wsco.network.explanations import render_reasons
from wsco.network.index_file import current_index
from wsco.network.models import Suggestion
from wsco.network.queries import visible_suggestions
from wsco.network.tests.factories import connect, member

pytestmark = pytest.mark.django_db

WATER = {"interests": ["water", "wastewater"]}


def suggested_ids(profile) -> list[int]:
    return [suggestion.suggested_id for suggestion in visible_suggestions(profile)]


@pytest.fixture
def population():
    """A city official who works on water, and members placed to test every exclusion."""
    city_hall = OrganizationFactory(type=OrganizationType.CITY_HALL)
    people = {
        "me": member(organization=city_hall, looks_for="leak detection sensors", **WATER),
        "colleague": member(organization=city_hall, **WATER),
        "partner": member(offers="leak detection sensors and pipe monitoring", **WATER),
        "connected": member(**WATER),
        "blocked_by_me": member(**WATER),
        "blocks_me": member(**WATER),
        "declined_me": member(**WATER),
        "i_declined": member(**WATER),
        "pending": member(**WATER),
        "hidden": member(visibility="hidden", **WATER),
        "no_consent": member(consent=False, **WATER),
        "dismissed": member(**WATER),
        "university": member(organization_type=OrganizationType.UNIVERSITY, **WATER),
        "unrelated": member(interests=["sport-culture"]),
    }
    me = people["me"]
    connect(me, people["connected"])
    services.block_member(blocker=me, blocked=people["blocked_by_me"])
    services.block_member(blocker=people["blocks_me"], blocked=me)
    asked = services.request_introduction(sender=me, recipient=people["declined_me"], message="Hi")
    services.decline_introduction(introduction=asked, by=people["declined_me"])
    asking = services.request_introduction(sender=people["i_declined"], recipient=me, message="Hi")
    services.decline_introduction(introduction=asking, by=me)
    services.request_introduction(sender=people["pending"], recipient=me, message="Hi")
    services.dismiss_suggestion(profile=me, dismissed=people["dismissed"])
    return people


def test_suggestions_leave_out_everyone_they_must(population):
    assert services.rebuild_index() == 12  # 14 members less the hidden one and the non-consenting
    me = population["me"]
    # Of 13 others: not the colleague (own organization), connected, either block, either
    # decline, the open request, hidden, non-consenting, dismissed; nor "unrelated", who shares
    # nothing. That leaves the partner and the university.
    assert set(suggested_ids(me)) == {population["partner"].pk, population["university"].pk}
    assert set(Suggestion.objects.filter(profile=me).values_list("suggested_id", flat=True)) == {
        population["partner"].pk,
        population["university"].pk,
    }


def test_the_best_match_comes_first_with_its_reasons_in_words(population):
    services.rebuild_index()
    first = visible_suggestions(population["me"]).first()
    assert first.suggested == population["partner"]  # shares themes and offers what I look for
    codes = [reason["code"] for reason in first.reasons]
    assert codes[:2] == ["shared_themes", "offers_what_you_look_for"]
    sentences = render_reasons(first.reasons)
    assert sentences[0] == "You both work on Wastewater and Water."
    assert "which you look for" in sentences[1]
    assert "“leak detection”" in sentences[1]
    assert "Another area: industry (yours: public sector)." in sentences
    # The area is said, so the organization type (which it follows from) is not said again.
    assert not any(sentence.startswith("Another kind of organization") for sentence in sentences)


def test_exclusions_take_effect_before_the_suggestions_are_computed_again(population):
    services.rebuild_index()
    me, partner = population["me"], population["partner"]
    services.request_introduction(sender=me, recipient=partner, message="Hello")
    assert partner.pk not in suggested_ids(me)
    assert me.pk not in suggested_ids(partner)


def test_not_interested_is_permanent_across_rebuilds(population):
    services.rebuild_index()
    me, university = population["me"], population["university"]
    services.dismiss_suggestion(profile=me, dismissed=university)
    assert university.pk not in suggested_ids(me)
    services.rebuild_index()
    assert not Suggestion.objects.filter(profile=me, suggested=university).exists()
    services.refresh_member_vector(profile_id=me.pk)
    assert university.pk not in suggested_ids(me)


def test_a_profile_change_updates_the_index_and_both_sides_suggestions(population):
    services.rebuild_index()
    me, unrelated = population["me"], population["unrelated"]
    assert unrelated.pk not in suggested_ids(me)
    unrelated.themes_of_interest.set(population["partner"].themes_of_interest.all())
    services.refresh_member_vector(profile_id=unrelated.pk)
    assert unrelated.pk in suggested_ids(me)
    assert me.pk in suggested_ids(unrelated)

    unrelated.recommend_consent = False
    unrelated.save()
    services.refresh_member_vector(profile_id=unrelated.pk)
    index = current_index()
    assert not index.alive[index.row_of[unrelated.pk]]
    assert not Suggestion.objects.filter(suggested=unrelated).exists()
    assert not Suggestion.objects.filter(profile=unrelated).exists()


def test_the_task_refreshes_a_member_and_builds_the_index_when_there_is_none(population):
    from wsco.network.tasks import refresh_member_vector

    assert current_index() is None
    refresh_member_vector.enqueue(profile_id=population["me"].pk)
    assert current_index() is not None
    assert set(suggested_ids(population["me"])) == {
        population["partner"].pk,
        population["university"].pk,
    }


def test_a_hidden_member_is_never_shown_even_from_stale_rows(population):
    services.rebuild_index()
    partner = population["partner"]
    partner.visibility = "hidden"
    partner.save()
    assert partner.pk not in suggested_ids(population["me"])


def test_who_should_work_on_this_finds_consenting_members_with_reasons(population):
    services.rebuild_index()
    found = services.suggest_people_for(themes=["water"], text="pipe monitoring", limit=3)
    assert found[0].profile == population["partner"]
    assert "Works on Water." in found[0].reasons
    assert any("pipe monitoring" in reason for reason in found[0].reasons)
    shown = {match.profile.pk for match in found}
    assert not shown & {population["hidden"].pk, population["no_consent"].pk}


def test_who_should_work_on_this_is_chosen_among_the_candidates_given(population):
    services.rebuild_index()
    university = population["university"]
    found = services.suggest_people_for(
        themes=["water"], text="pipe monitoring", limit=3, candidates=[university.pk]
    )
    # The partner offers pipe monitoring and would come first: only the candidate is weighed.
    assert [match.profile for match in found] == [university]
    assert services.suggest_people_for(themes=["water"], limit=3, candidates=[]) == []


def test_no_index_means_no_one_to_suggest():
    assert services.suggest_people_for(themes=["water"], text="", limit=5) == []
    assert services.rebuild_index() == 0


def test_organizations_to_meet_follow_the_best_people(population):
    from wsco.network.queries import organizations_to_meet

    services.rebuild_index()
    organizations = organizations_to_meet(visible_suggestions(population["me"]))
    assert [entry.organization for entry in organizations] == [
        population["partner"].organization,
        population["university"].organization,
    ]


def test_the_rebuild_command_indexes_every_consenting_member(population):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("network_rebuild", stdout=out)
    assert out.getvalue().startswith("Indexed 12 members")
    assert Suggestion.objects.filter(profile=population["me"]).count() == 2


def test_setting_someone_aside_tops_the_list_up_with_the_next_best(
    population, django_capture_on_commit_callbacks
):
    services.rebuild_index()
    me, partner = population["me"], population["partner"]
    third = member(**WATER)  # joins after the rebuild: only a refresh can suggest them
    services.refresh_member_vector(profile_id=third.pk)
    Suggestion.objects.filter(profile=me, suggested=third).delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.dismiss_suggestion(profile=me, dismissed=partner)
    assert third.pk in suggested_ids(me)
    assert partner.pk not in suggested_ids(me)


def test_a_queued_refresh_runs_once_the_change_is_committed(
    population, django_capture_on_commit_callbacks
):
    from wsco.network.tasks import queue_vector_refresh

    services.rebuild_index()
    unrelated = population["unrelated"]
    unrelated.themes_of_interest.set(population["partner"].themes_of_interest.all())
    with django_capture_on_commit_callbacks(execute=True):
        queue_vector_refresh(profile_id=unrelated.pk)
        assert unrelated.pk not in suggested_ids(population["me"])  # not before the commit
    assert unrelated.pk in suggested_ids(population["me"])


def test_editing_a_profile_queues_the_refresh_of_its_vector(django_capture_on_commit_callbacks):
    from wsco.members.services.profiles import update_profile

    profile = member(interests=["water"], offers="leak detection")
    with django_capture_on_commit_callbacks() as callbacks:
        update_profile(profile=profile, data={"offers": "smart water meters"})
    refreshes = [c for c in callbacks if "queue_vector_refresh" in getattr(c, "__qualname__", "")]
    assert len(refreshes) == 1


def _stale_exclusion(kind: str, me, other) -> None:
    """Record an exclusion the way a race with a refresh leaves it: after the rows were stored.

    The rows are written straight to the database, as a refresh that computed the suggestions
    before the change and stored them after it would leave them; the services would also delete
    the stored rows, which would hide a missing check at read time.
    """
    from wsco.network.models import Block, DismissedSuggestion, Introduction

    if kind == "I blocked them":
        Block.objects.create(blocker=me, blocked=other)
    elif kind == "they blocked me":
        Block.objects.create(blocker=other, blocked=me)
    elif kind == "I set them aside":
        DismissedSuggestion.objects.create(profile=me, dismissed=other)
    elif kind == "they asked to meet me":
        Introduction.objects.create(sender=other, recipient=me, message="Hello")
    elif kind == "we are connected":
        connect(me, other)


STALE = [
    "I blocked them",
    "they blocked me",
    "I set them aside",
    "they asked to meet me",
    "we are connected",
]


@pytest.mark.parametrize("kind", STALE)
def test_a_stored_suggestion_is_checked_again_when_it_is_read(population, kind):
    services.rebuild_index()
    me, partner = population["me"], population["partner"]
    assert partner.pk in suggested_ids(me)
    _stale_exclusion(kind, me, partner)
    # The stored row is still there; the read leaves it out.
    assert Suggestion.objects.filter(profile=me, suggested=partner).exists()
    assert partner.pk not in suggested_ids(me)
    assert population["university"].pk in suggested_ids(me)


@pytest.mark.parametrize("with_organization", [True, False], ids=["with", "without"])
def test_a_member_is_never_suggested_to_themselves(with_organization):
    me = member(with_organization=with_organization, looks_for="leak detection", **WATER)
    twin = member(with_organization=with_organization, looks_for="leak detection", **WATER)
    assert (me.organization_id is None) is not with_organization
    services.rebuild_index()
    stored = set(Suggestion.objects.filter(profile=me).values_list("suggested_id", flat=True))
    assert stored == {twin.pk}
    assert suggested_ids(me) == [twin.pk]


def test_members_without_an_organization_are_not_taken_for_colleagues():
    me = member(with_organization=False, **WATER)
    other = member(with_organization=False, **WATER)
    colleague_of_nobody = member(**WATER)
    services.rebuild_index()
    assert set(suggested_ids(me)) == {other.pk, colleague_of_nobody.pk}


def test_asking_to_meet_tops_the_askers_list_up_with_the_next_best(
    population, django_capture_on_commit_callbacks
):
    services.rebuild_index()
    me, partner = population["me"], population["partner"]
    third = member(**WATER)  # joins after the rebuild: only a refresh can suggest them
    services.refresh_member_vector(profile_id=third.pk)
    Suggestion.objects.filter(profile=me, suggested=third).delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_introduction(sender=me, recipient=partner, message="Hello")
    assert third.pk in suggested_ids(me)


def test_the_engine_sees_the_members_country():
    from wsco.network.services.recommendations import engine_profile

    assert engine_profile(member(country="RO")).country == "RO"


def test_suggestions_are_ranked_from_one(population):
    services.rebuild_index()
    ranks = list(
        Suggestion.objects.filter(profile=population["me"])
        .order_by("rank")
        .values_list("rank", "suggested_id")
    )
    assert ranks == [(1, population["partner"].pk), (2, population["university"].pk)]


def test_refreshing_without_an_index_or_for_someone_not_in_it_stores_nothing(population):
    me = population["me"]
    services.refresh_suggestions(profile_ids=[me.pk])  # no index built yet
    assert not Suggestion.objects.exists()

    services.rebuild_index()
    newcomer = member(**WATER)  # not in the index until a refresh of their vector
    services.refresh_suggestions(profile_ids=[newcomer.pk])
    assert not Suggestion.objects.filter(profile=newcomer).exists()
    assert Suggestion.objects.filter(profile=me).count() == 2


def test_a_rebuild_with_nobody_taking_part_deletes_the_index_and_every_suggestion(population):
    from wsco.members.models import Profile
    from wsco.network.index_file import index_path

    services.rebuild_index()
    assert index_path().exists()
    assert Suggestion.objects.exists()
    Profile.objects.update(recommend_consent=False)  # straight in the table: no refresh

    assert services.rebuild_index() == 0

    assert not index_path().exists()
    assert current_index() is None
    assert not Suggestion.objects.exists()


def test_a_rebuild_forgets_the_suggestions_of_members_who_no_longer_take_part(population):
    from wsco.members.models import Profile

    services.rebuild_index()
    partner = population["partner"]
    assert Suggestion.objects.filter(profile=partner).exists()
    Profile.objects.filter(pk=partner.pk).update(recommend_consent=False)

    services.rebuild_index()

    assert not Suggestion.objects.filter(profile=partner).exists()
    assert not Suggestion.objects.filter(suggested=partner).exists()


def test_a_refreshed_vector_is_written_to_the_index_file(population):
    from wsco.network import index_file

    services.rebuild_index()
    newcomer = member(**WATER)
    services.refresh_member_vector(profile_id=newcomer.pk)
    # Read from the file, as another process would, not from this process's copy.
    with index_file._lock:
        index_file._loaded.clear()
    index = current_index()
    assert index.alive[index.row_of[newcomer.pk]]


@pytest.mark.parametrize(("limit", "found"), [(-1, 0), (0, 0), (1, 1), (2, 2)])
def test_who_should_work_on_this_gives_at_most_the_number_asked(population, limit, found):
    services.rebuild_index()
    matches = services.suggest_people_for(themes=["water"], text="pipe monitoring", limit=limit)
    assert len(matches) == found
