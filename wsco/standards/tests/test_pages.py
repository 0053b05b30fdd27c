"""The library's and the register's pages, the CSV, the API, the staff's forms and following."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from wsco.audits.models import AuditStatus
from wsco.audits.tests.records import AuditFactory, CityFactory, official_of
from wsco.courses.tests.factories import course
from wsco.members.tests.factories import UserFactory, current_member
from wsco.standards.models import Adoption, AdoptionStatus, Follow
from wsco.standards.tests.factories import StandardFactory, act, in_force, iso_37120

pytestmark = pytest.mark.django_db


def test_a_standard_page_lists_indicators_changes_countries_and_audits(client):
    standard, _earlier, later = iso_37120()
    in_force(act(standard, edition=later, title="Law on indicators"))
    AuditFactory(editions="ISO37120:2018", status=AuditStatus.PUBLISHED, city__name="Cluj")
    page = client.get(standard.get_absolute_url()).content.decode()
    # The 2018 edition's catalogue file holds 128 indicators, 7 of them on Water.
    assert "The indicators of ISO 37120:2018" in page
    assert 'Water <span class="count">7</span>' in page
    # The carry-over table from 2014 to 2018 counts 51 renumbered and 7 discontinued
    # indicators, and 42 of the 2018 edition's 128 are reached from none of 2014's.
    assert "Renumbered: 51" in page
    assert "Discontinued: 7" in page
    assert "New in the later edition: 42" in page
    assert "Romania</a>: 1 act, 1 in force" in page
    assert "Cluj, 2025" in page


def test_the_register_filters_by_standard_status_and_year(client):
    first, second = StandardFactory(), StandardFactory()
    act(first, title="Proposed in 2024", proposed_on=date(2024, 2, 1))
    in_force(act(second, title="In force, of 2023", act_date=date(2023, 5, 5), proposed_on=None))
    page = client.get(reverse("standards:legislation"), {"status": "in_force"}).content.decode()
    assert "In force, of 2023" in page
    assert "Proposed in 2024" not in page
    page = client.get(reverse("standards:legislation"), {"year": 2024}).content.decode()
    assert "Proposed in 2024" in page
    assert "In force, of 2023" not in page
    page = client.get(reverse("standards:legislation"), {"standard": first.slug}).content.decode()
    assert "Proposed in 2024" in page
    assert "In force, of 2023" not in page
    # The country list counts both acts, one of them in force.
    page = client.get(reverse("standards:legislation")).content.decode()
    assert "Romania</a>: 2 acts, 1 in force" in page


def test_the_register_says_when_nothing_matches(client):
    act(StandardFactory())
    page = client.get(reverse("standards:legislation"), {"status": "repealed"}).content.decode()
    assert "No act matches these filters." in page


def test_the_csv_neutralises_formulas_and_keeps_the_filters(client):
    standard = StandardFactory()
    act(standard, title="=HYPERLINK(1)", act_number="7/2024")
    act(standard, title="Other", country="BG")
    response = client.get(reverse("standards:export_csv"), {"standard": standard.slug})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["title"] for row in rows] == ["Other", "'=HYPERLINK(1)"]
    assert rows[1]["act_number"] == "7/2024"


def test_a_country_page_lists_its_acts_and_a_lower_case_code_redirects(client):
    act(StandardFactory(), title="Romanian law")
    assert client.get("/legislation/ro/").url == "/legislation/RO/"
    assert "Romanian law" in client.get("/legislation/RO/").content.decode()
    assert client.get("/legislation/XX/").status_code == 404


def test_staff_record_an_act_through_the_form_and_a_bad_date_names_the_field(client):
    standard = StandardFactory()
    client.force_login(UserFactory(is_staff=True))
    fields = {
        "country": "RO",
        "title": "Law 12",
        "act_number": "12/2024",
        "standard": standard.pk,
        "applies_to": "all_municipalities",
        "proposed_on": "2024-03-01",
        "adopted_on": "2024-02-01",
    }
    response = client.post(reverse("standards:new_adoption"), fields)
    assert response.status_code == 200
    assert "cannot be before" in response.content.decode()
    assert not Adoption.objects.exists()
    response = client.post(reverse("standards:new_adoption"), fields | {"adopted_on": ""})
    adoption = Adoption.objects.get()
    assert response.url == adoption.get_absolute_url()
    response = client.post(
        reverse("standards:change_status", kwargs={"pk": adoption.pk}),
        {"step": "bring_into_force", "on": "2024-04-01"},
    )
    adoption.refresh_from_db()
    assert (adoption.status, adoption.in_force_on) == (AdoptionStatus.IN_FORCE, date(2024, 4, 1))


def test_a_member_follows_and_unfollows_a_standard(client):
    member = current_member().user
    standard = StandardFactory()
    client.force_login(member)
    client.post(reverse("standards:follow_standard", kwargs={"slug": standard.slug}))
    assert Follow.objects.filter(user=member, standard=standard).exists()
    client.post(reverse("standards:follow_standard", kwargs={"slug": standard.slug}), {"stop": "1"})
    assert not Follow.objects.exists()


def test_an_official_sees_the_city_checklist_and_the_city_page_shows_obligations(client):
    standard, _earlier, later = iso_37120()
    city = CityFactory(population=250_000)
    in_force(act(standard, edition=later, title="Law on indicators"))
    public = client.get(city.get_absolute_url()).content.decode()
    assert "Standards the law asks of it" in public
    assert "No audit covers it yet" in public
    official = official_of(city)
    client.force_login(official)
    page = client.get(reverse("standards:obligations", kwargs={"slug": city.slug}))
    assert "0 of 1 obligation covered by a published audit." in page.content.decode()
    client.force_login(UserFactory())
    assert (
        client.get(reverse("standards:obligations", kwargs={"slug": city.slug})).status_code == 404
    )


def test_the_api_lists_standards_and_filters_adoptions(client):
    standard, _earlier, later = iso_37120()
    act(standard, edition=later, title="Law A", act_number="1/2024")
    act(StandardFactory(), title="Law B", country="BG")
    body = client.get("/api/v1/standards").json()
    iso = next(item for item in body["items"] if item["slug"] == "iso-37120")
    assert [edition["edition"] for edition in iso["editions"]] == [
        "ISO 37120:2018",
        "ISO 37120:2014",
    ]
    assert iso["editions"][1]["replaced_by"] == "ISO 37120:2018"
    body = client.get("/api/v1/adoptions", {"standard": "iso-37120"}).json()
    assert [item["title"] for item in body["items"]] == ["Law A"]
    assert body["items"][0]["edition"] == "ISO 37120:2018"
    assert client.get("/api/v1/adoptions", {"country": "bg"}).json()["count"] == 1
    assert client.get("/api/v1/adoptions", {"standard": "nothing"}).json()["count"] == 0


@pytest.mark.parametrize("acts", [1, 4])
def test_the_register_queries_do_not_grow_with_its_rows(
    client, django_assert_max_num_queries, acts
):
    standard = StandardFactory()
    for number in range(acts):
        act(standard, title=f"Law {number}", city=CityFactory(), applies_to="named_city")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("standards:legislation")).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/adoptions").status_code == 200


def test_the_library_says_which_standards_the_audits_measure(client):
    iso_37120()
    StandardFactory(reference="ISO 37101")
    page = client.get(reverse("standards:standards")).content.decode()
    rows = page.split("<tr>")[2:]
    # By reference: ISO 37101 (no catalogue), then ISO 37120 (two catalogued editions).
    assert "ISO 37101" in rows[0]
    assert "Yes, in the audits" not in rows[0]
    assert "ISO 37120" in rows[1]
    assert "Yes, in the audits" in rows[1]


@pytest.mark.parametrize("standards", [1, 4])
def test_the_library_queries_do_not_grow_with_its_standards(
    client, django_assert_max_num_queries, standards
):
    for number in range(standards):
        standard = StandardFactory()
        act(standard, title=f"Law {number}")
    # Session-free visitor: the standards with their counts, editions and themes (3).
    with django_assert_max_num_queries(3):
        assert client.get(reverse("standards:standards")).status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get("/api/v1/standards").status_code == 200


# A standard's page for a visitor: the standard, its editions and themes (3); the catalogued
# editions for its audits (1); the countries with acts and those in force (2); the audits and
# their count (2); the courses that teach it (1); the offers on its themes: people,
# organizations, projects, articles, posts, working groups, problems, the courses, the
# standards with their themes, the upcoming events and the award categories (at most 13: the
# awards' offer added one, the events' one, with no event here).
STANDARD_PAGE_QUERIES = 22


@pytest.mark.parametrize("acts", [1, 4])
def test_a_standard_page_queries_do_not_grow_with_its_acts(
    client, django_assert_max_num_queries, acts
):
    standard, _earlier, later = iso_37120()
    for number in range(acts):
        act(standard, edition=later, title=f"Law {number}", country=["RO", "BG"][number % 2])
    AuditFactory(editions="ISO37120:2018", status=AuditStatus.PUBLISHED)
    with django_assert_max_num_queries(STANDARD_PAGE_QUERIES):
        assert client.get(standard.get_absolute_url()).status_code == 200


def test_a_standard_page_lists_the_published_courses_that_teach_it(client):
    standard, _earlier, _later = iso_37120()
    # Cited by an edition, by the reference alone, or not at all ("ISO 3712" is another).
    course(title="Audits in practice", standards=["ISO 37120:2018"], themes=())
    course(title="Indicators overview", standards=["ISO 37120", "ISO 37122:2019"], themes=())
    course(title="Unpublished audits", standards=["ISO 37120:2018"], status="draft", themes=())
    course(title="Another standard", standards=["ISO 3712:2001"], themes=())
    course(title="Nothing cited", themes=())
    page = client.get(standard.get_absolute_url()).content.decode()
    section = page.split("Courses that teach it")[1].split("</ul>")[0]
    assert section.index("Audits in practice") < section.index("Indicators overview")
    for title in ("Unpublished audits", "Another standard", "Nothing cited"):
        assert title not in section
    assert "6.0 CPD hours" in section


def test_a_standard_page_says_when_no_course_teaches_it(client):
    standard, _earlier, _later = iso_37120()
    course(title="Another standard", standards=["ISO 37101:2016"], themes=())
    page = client.get(standard.get_absolute_url()).content.decode()
    assert "No published course teaches this standard yet." in page


@pytest.mark.parametrize("courses", [1, 4])
def test_a_standard_page_queries_do_not_grow_with_its_courses(
    client, django_assert_max_num_queries, courses
):
    standard, _earlier, _later = iso_37120()
    for number in range(courses):
        course(title=f"Audits {number}", standards=["ISO 37120:2018"], themes=("water",))
    with django_assert_max_num_queries(STANDARD_PAGE_QUERIES):
        page = client.get(standard.get_absolute_url()).content.decode()
    assert page.split("Courses that teach it")[1].count("Audits ") >= courses


def test_cached_pages_change_at_the_first_request_after_a_change(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    standard, _earlier, later = iso_37120()
    city = CityFactory(name="Lugoj", population=40_000)
    pages = [reverse("standards:legislation"), "/legislation/RO/", city.get_absolute_url()]
    for url in pages:
        assert "Cities from 30 000" not in client.get(url).content.decode()
    assert "Romania</a>" not in client.get(standard.get_absolute_url()).content.decode()
    adoption = act(standard, edition=later, title="Cities from 30 000")
    in_force(adoption)
    for url in pages[:2]:
        assert "Cities from 30 000" in client.get(url).content.decode(), url
    assert (
        "Romania</a>: 1 act, 1 in force" in client.get(standard.get_absolute_url()).content.decode()
    )
    # The city's page (the audits' cache) lists the act among its obligations at once.
    assert "Cities from 30 000" in client.get(city.get_absolute_url()).content.decode()
    # A publication ends the standard's copy too: it lists the audits that use it.
    AuditFactory(city=city, editions="ISO37120:2018", status=AuditStatus.PUBLISHED)
    assert "Lugoj, 2025" in client.get(standard.get_absolute_url()).content.decode()
    # So does a course that starts teaching it.
    taught = course(title="Audits in practice", status="draft", standards=["ISO 37120:2018"])
    assert "Audits in practice" not in client.get(standard.get_absolute_url()).content.decode()
    taught.status = "published"
    taught.save()
    assert "Audits in practice" in client.get(standard.get_absolute_url()).content.decode()


def test_staff_withdraw_an_edition_after_a_question(client):
    standard, _earlier, later = iso_37120()
    client.force_login(UserFactory(is_staff=True))
    page = client.get(standard.get_absolute_url()).content.decode()
    assert f'data-open-dialog="withdraw-edition-{later.pk}"' in page
    assert "Withdraw ISO 37120:2018?" in page
    client.post(reverse("standards:withdraw_edition", kwargs={"pk": later.pk}))
    later.refresh_from_db()
    assert later.status == "withdrawn"
