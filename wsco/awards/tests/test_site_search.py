"""The awards in the site-wide search: editions and categories, and announced winners."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from wsco.awards.models import Award, Phase, Placement
from wsco.awards.tests.factories import category, edition, move_to, nomination
from wsco.core.site_search import search_everything
from wsco.projects.tests.factories import project

pytestmark = pytest.mark.django_db


def _found(text: str) -> dict[str, list[str]]:
    groups = search_everything(AnonymousUser(), text)
    return {group.kind: [result.title for result in group.results] for group in groups}


def _named(made_project, title: str):
    made_project.title = title
    made_project.save(update_fields=["title"])
    return made_project


def _category_named(made_edition, name: str, **fields):
    made_category = category(made_edition, **fields)
    made_category.name = name
    made_category.save(update_fields=["name"])
    return made_category


def _winner(made_category, made_nomination, *, settled=True) -> Placement:
    if settled:
        made_category.edition.announced_at = timezone.now()
        made_category.edition.save(update_fields=["announced_at"])
    return Placement.objects.create(
        category=made_category,
        nomination=made_nomination,
        rank=1,
        award=Award.WINNER,
        raw_score="8.000",
        calibrated_score="8.000",
    )


def test_editions_and_categories_are_found_by_every_word():
    made = _category_named(edition(Phase.NOMINATIONS, year=2026), "Smart mobility")
    _category_named(edition(Phase.ANNOUNCED, year=2017), "Smart lighting", slug="lighting")
    found = _found("smart mobility")
    assert found["awards"] == ["Smart mobility · 2026"]
    # Both categories hold "smart"; the newer edition comes first.
    assert _found("smart")["awards"] == ["Smart mobility · 2026", "Smart lighting · 2017"]
    assert _found("awards 2017")["awards"] == ["Awards 2017"]
    groups = search_everything(AnonymousUser(), "mobility")
    assert groups[0].results[0].url == made.get_absolute_url()
    assert groups[0].see_all_url == reverse("awards:list")


def test_a_winner_is_found_only_once_the_results_are_announced():
    made_category = category(edition(Phase.ANNOUNCED, year=2025))
    winning = nomination(made_category, _named(project(), "Tramway sensors"))
    placement = _winner(made_category, winning, settled=False)
    # The time has come but the results are not settled: nobody finds the winner yet.
    assert "award_winners" not in _found("tramway")
    made_category.edition.announced_at = timezone.now()
    made_category.edition.save(update_fields=["announced_at"])
    assert _found("tramway")["award_winners"] == ["Tramway sensors"]
    group = next(g for g in search_everything(AnonymousUser(), "tramway") if g.kind != "projects")
    assert group.results[0].meta == "Winner: Best project, 2025"
    # Settled but before the announcement time (an edition moved back): hidden again.
    move_to(made_category.edition, Phase.DELIBERATION)
    assert "award_winners" not in _found("tramway")
    assert placement.pk


def test_a_finalist_is_not_found_as_a_winner():
    made_category = category(edition(Phase.ANNOUNCED, year=2025))
    _winner(made_category, nomination(made_category, _named(project(), "Winner project")))
    Placement.objects.create(
        category=made_category,
        nomination=nomination(made_category, _named(project(), "Runner project")),
        rank=2,
        award=Award.FINALIST,
        raw_score="6.000",
        calibrated_score="6.000",
    )
    assert _found("project")["award_winners"] == ["Winner project"]
