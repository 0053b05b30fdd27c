"""An audit's gaps: its weakest themes, and what the platform has on them."""

import pytest

from wsco.audits.models import ThemeScore
from wsco.audits.public import weakest_themes
from wsco.audits.services.results import store_results
from wsco.audits.tests.records import AuditFactory, enter, person
from wsco.core.themes import THEMES

pytestmark = pytest.mark.django_db


def test_before_benchmarking_the_weakest_themes_are_those_least_reported():
    audit = AuditFactory()
    # One Economy indicator computable and none elsewhere: the themes with nothing reported
    # (a share of 0) come first, in slug order, before Economy (a share above 0).
    enter(audit, unemployed_persons="12000", labour_force="150000")
    store_results(audit)
    weakest = weakest_themes(audit)
    assert len(weakest) == 3
    assert "economy" not in weakest
    assert weakest == sorted(weakest)


def test_once_scored_the_weakest_themes_are_the_lowest_scores():
    audit = AuditFactory()
    for slug, score in [("water", 12.5), ("energy", 80.0), ("health", 40.0), ("housing", 5.0)]:
        ThemeScore.objects.create(audit=audit, theme=slug, score=score, rank=1)
    assert weakest_themes(audit) == ["housing", "water", "health"]


def test_the_audit_page_shows_the_gaps_with_what_the_platform_has_on_them(client):
    audit = AuditFactory()
    ThemeScore.objects.create(audit=audit, theme="transportation", score=3.0, rank=9)
    client.force_login(person(staff=True))
    page = client.get(audit.get_absolute_url()).content.decode()
    assert "Where the city is weakest, and who can help" in page
    transportation = next(theme for theme in THEMES if theme.slug == "transportation")
    assert str(transportation.name) in page
    assert 'id="gaps-' in page
