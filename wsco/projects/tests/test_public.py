"""The public portfolio, a project's page, the feed, the API, search and sitemap: published
projects for everybody, a private project and a draft update for its team and staff only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wsco.audits.tests.records import CityFactory, person
from wsco.core.search import index_in_step, parse_query
from wsco.core.theme_offers import offers_for
from wsco.projects.models import FundingKind
from wsco.projects.services.money import add_budget_line, add_funding
from wsco.projects.services.projects import edit_project, publish_update, write_update
from wsco.projects.site_search import find_projects
from wsco.projects.tests.factories import on_team, project

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects():
    """A published project on water in Romania, one on transport in Bulgaria, a private one."""
    water = project(published=True, city=CityFactory(country="RO", slug="cluj"))
    transport = project(
        published=True, city=CityFactory(country="BG", slug="sofia"), themes=("transportation",)
    )
    add_funding(project=transport, kind="eu", name="ERDF", amount=10, currency="EUR", by=None)
    hidden = project(city=CityFactory(country="RO"))
    return {"water": water, "transport": transport, "hidden": hidden}


def shown(response) -> set[str]:
    return {item["slug"] for item in response.json()["items"]}


def test_the_api_lists_the_published_projects_with_the_portfolios_filters(client, projects):
    water, transport = projects["water"].slug, projects["transport"].slug
    assert shown(client.get("/api/v1/projects")) == {water, transport}
    assert shown(client.get("/api/v1/projects?country=RO")) == {water}
    assert shown(client.get("/api/v1/projects?city=sofia")) == {transport}
    assert shown(client.get("/api/v1/projects?theme=water")) == {water}
    assert shown(client.get("/api/v1/projects?stage=vision")) == {water, transport}
    assert shown(client.get("/api/v1/projects?stage=concept")) == set()
    assert shown(client.get(f"/api/v1/projects?funding={FundingKind.EU}")) == {transport}
    assert client.get("/api/v1/projects?stage=launch").status_code == 422


def test_a_private_project_reaches_only_its_team_and_staff(client, projects):
    hidden = projects["hidden"]
    url = hidden.get_absolute_url()
    assert client.get(url).status_code == 404
    assert client.get(f"/api/v1/projects/{hidden.slug}").status_code == 404
    assert hidden.slug not in client.get("/projects/").content.decode()
    assert hidden.get_absolute_url() not in client.get("/sitemap.xml").content.decode()
    outsider = person()
    assert find_projects(outsider, parse_query("water meters"), 10)[1] == 2
    client.force_login(on_team(hidden, "partner"))
    assert client.get(url).status_code == 200
    assert client.get(f"/api/v1/projects/{hidden.slug}").status_code == 200
    # The portfolio is the published projects, whoever reads: the team finds theirs elsewhere.
    assert hidden.get_absolute_url() not in client.get("/projects/").content.decode()
    client.force_login(person(staff=True))
    assert client.get(url).status_code == 200


def test_the_search_finds_a_project_by_its_owner_through_the_index(projects):
    # Folded: "sofia" finds the city "Sofia" whatever the case; the index agrees with its table.
    transport = projects["transport"]
    transport.city.name = "Sofia"
    transport.city.save()
    edit_project(project=transport, by=transport.lead, title="Bus rapid transit")
    results, total = find_projects(person(), parse_query("SOFIA transit"), 10)
    assert [result.title for result in results] == ["Bus rapid transit"]
    assert total == 1
    assert index_in_step("projects_project")


def test_theme_pages_offer_only_published_projects(projects):
    sections = {s.name: s for s in offers_for(["water"], user=person(staff=True), limit=6)}
    assert [item.title for item in sections["projects"].items] == [projects["water"].title]


def test_drafts_stay_out_of_the_page_and_the_feed_until_published(client, projects):
    water = projects["water"]
    draft = write_update(project=water, title="Tender drafted", body="Soon.", by=water.lead)
    assert "Tender drafted" not in client.get(water.get_absolute_url()).content.decode()
    assert "Tender drafted" not in client.get("/projects/feed/").content.decode()
    publish_update(update=draft, by=water.lead)
    assert "Tender drafted" in client.get(water.get_absolute_url()).content.decode()
    assert "Tender drafted" in client.get("/projects/feed/").content.decode()


def test_the_portfolio_filters_and_draws_its_charts(client, projects):
    add_budget_line(
        project=projects["water"],
        label="Meters",
        year=2026,
        amount="1500.00",
        currency="EUR",
        by=None,
    )
    html = client.get("/projects/?theme=water").content.decode()
    assert projects["water"].title in html
    assert f'href="{projects["transport"].get_absolute_url()}"' not in html
    assert "Projects by stage" in html
    assert "Budget by theme" in html
    assert "1,500.00" in html  # the budget chart's table, in English


def test_the_portfolio_and_the_api_cost_the_same_queries_for_one_and_several(client, settings):
    settings.PAGE_CACHE_SECONDS = 0

    def count(path: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    project(published=True)
    one = (count("/projects/?theme=water"), count("/api/v1/projects?theme=water"))
    for _ in range(3):
        project(published=True)
    assert (count("/projects/?theme=water"), count("/api/v1/projects?theme=water")) == one


def test_starting_from_an_audits_gap_fills_in_the_city_and_themes(client):
    from wsco.audits.models import Audit, AuditStatus, IndicatorResult, ThemeScore

    staff = person(staff=True)
    audit = Audit.objects.create(city=CityFactory(), year=2025, status=AuditStatus.PUBLISHED)
    ThemeScore.objects.bulk_create(
        [
            ThemeScore(audit=audit, theme="water", score=12.0),
            ThemeScore(audit=audit, theme="transportation", score=30.0),
            ThemeScore(audit=audit, theme="education", score=80.0),
            ThemeScore(audit=audit, theme="health", score=90.0),
        ]
    )
    IndicatorResult.objects.create(
        audit=audit, indicator="ISO37120:2018/23.1", theme="water", outcome="missing"
    )
    client.force_login(staff)
    html = client.get(f"/projects/new/?audit={audit.pk}").content.decode()
    # The three weakest themes (water 12, transportation 30, education 80) are ticked.
    assert html.count("checked") == 3
    assert f'<option value="{audit.city_id}" selected>' in html
    assert '<option value="ISO37120:2018/23.1" selected>' in html


def test_a_refused_amount_is_told_by_its_fields_label_and_nothing_is_saved(client):
    from wsco.projects.models import BudgetLine

    made = project()
    client.force_login(made.lead)
    response = client.post(
        f"/projects/{made.slug}/budget/",
        {"label": "Meters", "year": "2026", "amount": "10", "currency": "E1R"},
        follow=True,
    )
    assert "Currency: A currency is three letters, such as EUR." in response.content.decode()
    assert BudgetLine.objects.count() == 0
