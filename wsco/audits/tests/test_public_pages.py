"""The public pages, open data and API of the audits: what they show, and what never leaks."""

import csv
import io
import json

import pytest
from django.urls import reverse

from wsco.audits.models import AuditStatus, IndicatorResult
from wsco.audits.services.benchmarks import recompute_benchmarks
from wsco.audits.tests.records import AuditFactory, CityFactory, official_of, person
from wsco.audits.tests.test_benchmarks import ENROLMENT, UNEMPLOYMENT, published, values
from wsco.core.site_search import search_everything

# A draft's value no published figure has: it must appear nowhere outside its team.
SECRET = 777.125


@pytest.fixture
def world(db):
    """Two published cities (one with an earlier year too) and a draft audit of a third."""
    alba = CityFactory(name="Alba", slug="alba", population=100_000, country="RO")
    brad = CityFactory(name="Brad", slug="brad", population=300_000, country="RO")
    hidden = CityFactory(name="Zarand", slug="zarand", population=200_000, country="RO")
    published(alba, year=2024, **values(unemployment=5.0, enrolment=88.0))
    alba_2025 = published(alba, **values(unemployment=4.0, enrolment=90.0))
    brad_2025 = published(brad, level="Silver", **values(unemployment=8.0, enrolment=95.0))
    draft = AuditFactory(city=hidden, year=2025)
    IndicatorResult.objects.create(
        audit=draft, indicator=UNEMPLOYMENT, theme="economy", value=SECRET, outcome="ok"
    )
    recompute_benchmarks()
    return {"alba": alba_2025, "brad": brad_2025, "draft": draft, "hidden": hidden}


def text(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, url
    return (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else (response.content.decode())
    )


def test_cities_lists_audited_cities_with_their_latest_level(client, world):
    page = text(client, reverse("audits:cities"))
    assert "Alba" in page
    assert "Brad" in page
    assert "Silver" in page
    assert "Zarand" not in page  # a draft only: not audited yet
    assert "Brad" not in text(client, reverse("audits:cities"), q="alb")
    assert "Alba" not in text(client, reverse("audits:cities"), level="Silver")
    assert "No audited city matches" in text(client, reverse("audits:cities"), q="nowhere")


def test_cities_without_any_published_audit_show_the_empty_state(client, db):
    assert "No city has a published audit yet" in text(client, reverse("audits:cities"))


def test_city_page_shows_its_published_audits_and_the_draft_only_to_its_official(client, world):
    page = text(client, reverse("audits:city", kwargs={"slug": "alba"}))
    assert "2024" in page
    assert "2025" in page
    hidden = reverse("audits:city", kwargs={"slug": "zarand"})
    assert "Draft" not in text(client, hidden)
    client.force_login(person())
    assert "Draft" not in text(client, hidden)
    client.force_login(official_of(world["hidden"]))
    assert "Draft" in text(client, hidden)


def test_audit_page_shows_levels_scores_positions_and_earlier_years(client, world):
    url = reverse("audits:audit", kwargs={"pk": world["alba"].pk})
    overview = text(client, url)
    assert "Gold" in overview
    assert "Theme profile" in overview
    economy = text(client, url, theme="economy")
    # 4 % against Brad's 8 %, lower is better: percentile 100 of 2; 2024's 5 % as earlier year.
    assert "Unemployment rate" in economy
    assert "100 (of 2 cities)" in economy
    assert "2024: 5" in economy
    assert "<svg" in economy


def test_audit_page_sorts_its_indicators_and_ignores_unknown_orders(client, world):
    url = reverse("audits:audit", kwargs={"pk": world["alba"].pk})
    assert text(client, url, theme="economy", sort="-value")
    assert text(client, url, theme="economy", sort="password")


def test_compare_puts_cities_side_by_side_and_refuses_a_sixth(client, world):
    page = text(client, reverse("audits:compare"), cities="alba,brad")
    assert "Alba 2025" in page
    assert "Brad 2025" in page
    assert "95" in page
    six = text(client, reverse("audits:compare"), cities="a,b,c,d,e,f")
    assert "Compare at most 5 cities at once; you chose 6." in six
    assert str(SECRET) not in text(client, reverse("audits:compare"), cities="zarand")


def test_rankings_give_rank_and_interval_and_rank_by_theme(client, world):
    page = text(client, reverse("audits:rankings"))
    assert "Overall index, 2025" in page
    assert "Alba" in page
    assert "Zarand" not in page
    theme = text(client, reverse("audits:rankings"), year=2025, theme="education")
    # Education: Brad's 95 beats Alba's 90.
    assert theme.index("Brad") < theme.index("Alba")


def test_open_data_has_published_values_only(client, world):
    rows = list(csv.DictReader(io.StringIO(text(client, reverse("audits:values_csv")))))
    assert {row["city"] for row in rows} == {"Alba", "Brad"}
    first = next(row for row in rows if row["city"] == "Brad" and row["indicator"] == ENROLMENT)
    assert (first["value"], first["status"], first["theme"]) == ("95.0", "ok", "education")
    data = json.loads(text(client, reverse("audits:values_json")))
    assert data["license"] == "CC-BY-4.0"
    assert SECRET not in [row["value"] for row in data["values"]]
    assert len(data["values"]) == len(rows) == 6


def test_data_package_describes_the_values_under_cc_by(client, db):
    package = json.loads(text(client, reverse("audits:datapackage")))
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    fields = {field["name"]: field["type"] for field in package["resources"][0]["schema"]["fields"]}
    assert fields["value"] == "number"
    assert fields["year"] == "integer"
    assert "CC BY 4.0" in text(client, reverse("audits:data"))


def test_csv_neutralises_formulas_in_names(client, world):
    city = world["brad"].city
    city.name = "=HYPERLINK(1)"
    city.save()
    body = text(client, reverse("audits:values_csv"))
    assert '"=HYPERLINK' not in body


def test_api_lists_published_audits_and_own_drafts(client, world):
    listed = json.loads(text(client, "/api/v1/audits"))
    assert {item["city"] for item in listed["items"]} == {"alba", "brad"}
    draft = world["draft"]
    assert client.get(f"/api/v1/audits/{draft.pk}").status_code == 404
    assert client.get(f"/api/v1/audits/{draft.pk}/results").status_code == 404
    client.force_login(person())
    assert client.get(f"/api/v1/audits/{draft.pk}/results").status_code == 404
    client.force_login(official_of(world["hidden"]))
    mine = json.loads(text(client, "/api/v1/audits", city="zarand"))
    assert [item["status"] for item in mine["items"]] == [AuditStatus.DRAFT]
    results = json.loads(text(client, f"/api/v1/audits/{draft.pk}/results"))
    assert results["results"][0]["value"] == SECRET
    client.force_login(person(staff=True))
    assert json.loads(text(client, "/api/v1/audits"))["count"] == 4


def test_api_cities_and_a_city(client, world):
    cities = json.loads(text(client, "/api/v1/cities"))
    assert [item["slug"] for item in cities["items"]] == ["alba", "brad"]
    alba = json.loads(text(client, "/api/v1/cities/alba"))
    assert [audit["year"] for audit in alba["audits"]] == [2025, 2024]
    assert alba["audits"][0]["rank"] in (1, 2)
    hidden = json.loads(text(client, "/api/v1/cities/zarand"))
    assert hidden["audits"] == []


def test_api_results_of_a_published_audit(client, world):
    results = json.loads(text(client, f"/api/v1/audits/{world['brad'].pk}/results"))
    assert results["license"] == "CC-BY-4.0"
    assert {row["indicator"]: row["value"] for row in results["results"]} == {
        UNEMPLOYMENT: 8.0,
        ENROLMENT: 95.0,
    }


def test_draft_never_reaches_search_sitemap_or_home(client, world):
    stranger = person()
    found = search_everything(stranger, "Zarand")
    assert not any(group.provider.kind == "cities" for group in found)
    assert any(g.provider.kind == "cities" for g in search_everything(stranger, "Alba"))
    sitemap = text(client, "/sitemap.xml")
    assert "/cities/alba/" in sitemap
    assert "zarand" not in sitemap
    assert f"/audits/{world['draft'].pk}/" not in sitemap
    assert f"/audits/{world['alba'].pk}/" in sitemap


def test_rankings_and_data_without_any_publication_show_empty_states(client, db):
    assert "No published audit has been ranked yet" in text(client, reverse("audits:rankings"))
    assert "No audit has been published yet" in text(client, reverse("audits:data"))


def test_cached_lists_change_at_the_first_request_after_a_publication(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 60
    city = CityFactory(name="Lugoj", slug="lugoj")
    assert "No published audit has been ranked yet" in text(client, reverse("audits:rankings"))
    assert "Lugoj" not in text(client, "/api/v1/cities")
    published(city, **values(unemployment=4.0, enrolment=90.0))
    recompute_benchmarks()
    assert "Lugoj" in text(client, reverse("audits:rankings"))
    assert "Lugoj" in text(client, reverse("audits:cities"))
    assert "lugoj" in text(client, "/api/v1/cities")
    city.name = "Lugoj City"
    city.save()
    assert "Lugoj City" in text(client, reverse("audits:cities"))


def test_signed_in_pages_are_not_served_the_visitors_copy(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 60
    text(client, reverse("audits:cities"))
    staff = person(staff=True)
    client.force_login(staff)
    assert reverse("admin:index") in text(client, reverse("audits:cities"))


def queries_for(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


LISTS = ["/cities/", "/rankings/", "/api/v1/cities", "/api/v1/audits", "/data/values.csv"]


@pytest.mark.parametrize("url", LISTS)
def test_lists_ask_the_same_queries_for_one_city_and_several(client, db, url):
    published(CityFactory(), **values(unemployment=4.0, enrolment=90.0))
    recompute_benchmarks()
    one = queries_for(client, url)
    for number in range(3):
        published(CityFactory(), **values(unemployment=5.0 + number, enrolment=80.0))
    recompute_benchmarks()
    assert queries_for(client, url) == one


def test_audit_page_shows_the_engines_messages_translated(client, db):
    from django.utils import translation

    from wsco.audits.services.results import store_results
    from wsco.audits.tests.records import enter

    audit = AuditFactory()
    official = official_of(audit.city)
    enter(audit, by=official, unemployed_persons="12000", labour_force="150000")
    store_results(audit)
    client.force_login(official)
    page = text(client, reverse("audits:audit", kwargs={"pk": audit.pk}), theme="economy")
    # 12 000 of 150 000 unemployed: 8 %; youth unemployment has no values entered.
    assert "8 %" in page
    assert "cannot be computed: no value for" in page
    with translation.override("ro"):
        client.cookies["django_language"] = "ro"
        assert "Valoare" in text(
            client, reverse("audits:audit", kwargs={"pk": audit.pk}), theme="economy"
        )


def test_home_page_counts_audited_cities_and_published_audits_only(client, world):
    page = text(client, reverse("core:home"))
    assert "Smart City Audits" in page
    # Alba (2024, 2025) and Brad: 2 cities audited, 3 published audits; the draft counts nowhere.
    assert "<strong>2</strong> cities audited" in page
    assert "<strong>3</strong> published audits" in page


def test_cities_filter_by_theme_they_have_a_score_in(client, world):
    assert "Alba" in text(client, reverse("audits:cities"), theme="education")
    assert "No audited city matches" in text(client, reverse("audits:cities"), theme="water")


@pytest.mark.parametrize("who", ["visitor", "stranger"])
def test_a_drafts_value_reaches_no_public_page_file_or_endpoint(client, world, who):
    if who == "stranger":
        client.force_login(person("auditor"))
    draft = world["draft"].pk
    urls = [
        reverse("audits:cities"),
        reverse("audits:city", kwargs={"slug": "zarand"}),
        reverse("audits:compare") + "?cities=zarand,alba",
        reverse("audits:rankings"),
        reverse("audits:data"),
        reverse("audits:values_csv"),
        reverse("audits:values_json"),
        "/api/v1/cities",
        "/api/v1/cities/zarand",
        "/api/v1/audits",
        "/sitemap.xml",
    ]
    for url in urls:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert str(SECRET).encode() not in body, url
    for url in (f"/api/v1/audits/{draft}", f"/api/v1/audits/{draft}/results", f"/audits/{draft}/"):
        assert client.get(url).status_code == 404, url
