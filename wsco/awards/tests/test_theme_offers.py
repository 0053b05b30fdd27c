"""The awards on a theme's page: the categories of the current and past editions."""

import pytest
from django.contrib.auth.models import AnonymousUser

from wsco.audits.tests.records import person
from wsco.awards.models import Phase
from wsco.awards.tests.factories import category, edition
from wsco.awards.theme_offers import count_categories, find_categories
from wsco.core.models import Theme

pytestmark = pytest.mark.django_db


def _on(made_category, *slugs):
    made_category.themes.set(Theme.objects.filter(slug__in=slugs))
    return made_category


def test_current_and_past_categories_show_newest_edition_first_and_upcoming_ones_do_not():
    past = _on(category(edition(Phase.ANNOUNCED, year=2017)), "water")
    current = _on(category(edition(Phase.NOMINATIONS, year=2026)), "water", "energy")
    _on(category(edition(Phase.UPCOMING, year=2027)), "water")
    _on(category(edition(Phase.JURY, year=2025), kind="city"), "energy")
    for viewer in (AnonymousUser(), person(), person(staff=True)):
        items = find_categories(["water"], user=viewer, limit=6)
        assert [item.url for item in items] == [
            current.get_absolute_url(),
            past.get_absolute_url(),
        ]
    first = find_categories(["water", "energy"], user=AnonymousUser(), limit=1)[0]
    assert first.title == "Best project · 2026"
    assert first.themes == ("water", "energy")
    assert first.text == "Awards 2026 · Nominations open"


def test_the_figures_count_the_shown_categories_per_theme():
    _on(category(edition(Phase.ANNOUNCED, year=2017)), "water")
    _on(category(edition(Phase.NOMINATIONS, year=2026)), "water", "energy")
    _on(category(edition(Phase.UPCOMING, year=2027)), "water")
    # Water: 2017 and 2026 (2027 is upcoming); energy: 2026.
    assert count_categories(AnonymousUser()) == {"water": 2, "energy": 1}


def test_the_theme_page_shows_the_awards_section(client):
    shown = _on(category(edition(Phase.SCREENING, year=2026)), "water")
    page = client.get("/themes/water/").content.decode()
    assert shown.get_absolute_url() in page
    assert "Best project · 2026" in page
    empty = client.get("/themes/energy/").content.decode()
    assert "No award category on Energy yet." in empty
