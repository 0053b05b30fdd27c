"""A city's project in Chromium, through the real pages: a city official starts it from an
audit's weakest themes, plans a milestone and a KPI, puts a reviewer on the team, passes two
gates on the reviewer's go, records a KPI actual and publishes; a visitor finds it in the
portfolio by its theme. Once in English and once in Romanian: the forms are reached by their
fields, the pages checked by their words in each language."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.browser.test_audits_journey import sign_in, visit
from wsco.audits.models import Audit, AuditStatus, IndicatorResult, ThemeScore
from wsco.audits.tests.records import CityFactory, official_of, person
from wsco.projects.models import Criterion, KpiActual, Project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "en": {"stage": "Feasibility", "portfolio": "Projects", "published": "Published"},
    "ro": {"stage": "Fezabilitate", "portfolio": "Proiecte", "published": "Publicat"},
}


def submit(page, form: str):
    """Press the submit button of the form `form` (a CSS selector) and wait for the next page."""
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")


def audit_with_gaps() -> Audit:
    """A published audit of Sibiu whose weakest themes are water, transport and education."""
    audit = Audit.objects.create(
        city=CityFactory(name="Sibiu", slug="sibiu"), year=2025, status=AuditStatus.PUBLISHED
    )
    ThemeScore.objects.bulk_create(
        ThemeScore(audit=audit, theme=theme, score=score)
        for theme, score in [
            ("water", 12),
            ("transportation", 30),
            ("education", 45),
            ("health", 90),
        ]
    )
    IndicatorResult.objects.create(
        audit=audit, indicator="ISO37120:2018/23.1", theme="water", value=96.5, outcome="ok"
    )
    return audit


def pass_gate(page, project: Project, stage: str, official, reviewer, language):
    """Meet the gate's criteria as the official, name the reviewer, and take their go."""
    sign_in(page, official, language=language)
    visit(page, f"/projects/{project.slug}/gates/")
    for criterion in Criterion.objects.filter(gate__project=project, gate__stage=stage):
        page.locator(f"#evidence-{criterion.pk}").fill("Minutes of the council, 3 March.")
        page.locator(f"#met-{criterion.pk}").check()
        submit(page, f"form[action$='/criteria/{criterion.pk}/']")
    page.locator(f"#reviewer-{stage}").select_option(str(reviewer.pk))
    submit(page, f"form[action$='/gates/{stage}/reviewers/']")
    sign_in(page, reviewer, language=language)
    visit(page, f"/projects/{project.slug}/gates/")
    page.locator(f"#decision-{stage}").select_option("go")
    page.locator(f"#reason-{stage}").fill("Every criterion is met, with its evidence.")
    submit(page, f"form[action$='/gates/{stage}/review/']")


@pytest.mark.parametrize("language", ["en", "ro"])
def test_a_project_from_an_audits_gap_to_the_public_portfolio(page, language):
    audit = audit_with_gaps()
    official = official_of(audit.city)
    reviewer = person()
    words = WORDS[language]

    # The official starts the project from the audit's gaps: city and themes are filled in.
    sign_in(page, official, language=language)
    visit(page, f"/audits/{audit.pk}/")
    with page.expect_navigation():
        page.locator(f"a[href='/projects/new/?audit={audit.pk}']").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("#id_city")).to_have_value(str(audit.city_id))
    expect(page.locator("input[name=themes][value]:checked")).to_have_count(3)
    page.locator("#id_title").fill("Smart water meters for Sibiu")
    page.locator("#id_summary").fill("Meters that show where the network loses water.")
    submit(page, "main form[method=post]")
    project = Project.objects.get(title="Smart water meters for Sibiu")
    assert project.source_audit_id == audit.pk
    assert set(project.themes.values_list("slug", flat=True)) == {
        "water",
        "transportation",
        "education",
    }

    # A milestone, a KPI (its baseline from the audit), a reviewer on the team.
    visit(page, f"/projects/{project.slug}/milestones/")
    page.locator("#id_title").fill("Pilot district chosen")
    page.locator("#id_planned_on").fill("2030-03-31")
    submit(page, "main form[method=post]:not([action])")
    assert project.milestones.count() == 1
    visit(page, f"/projects/{project.slug}/kpis/")
    page.locator("#id_indicator").select_option("ISO37120:2018/23.1")
    page.locator("#id_target").fill("99")
    page.locator("#id_target_year").fill("2030")
    submit(page, "main form[method=post]:not([action])")
    kpi = project.kpis.get()
    assert kpi.baseline == Decimal("96.5")
    expect(page.locator("main svg").first).to_be_visible()
    visit(page, f"/projects/{project.slug}/team/")
    page.locator("#id_email").fill(reviewer.email)
    page.locator("#id_role").select_option("reviewer")
    submit(page, "main form[method=post]:not([action])")

    # Two gates passed on the reviewer's go: the project stands at feasibility.
    pass_gate(page, project, "vision", official, reviewer, language)
    pass_gate(page, project, "concept", official, reviewer, language)
    project.refresh_from_db()
    assert project.stage == "feasibility"

    # The official records the KPI's actual and publishes the project.
    sign_in(page, official, language=language)
    visit(page, f"/projects/{project.slug}/kpis/")
    page.locator(f"#actual-year-{kpi.pk}").fill("2026")
    page.locator(f"#actual-value-{kpi.pk}").fill("97.2")
    submit(page, f"form[action$='/kpis/{kpi.pk}/actual/']")
    assert KpiActual.objects.get(kpi=kpi, year=2026).value == Decimal("97.2")
    visit(page, f"/projects/{project.slug}/edit/")
    page.locator("#id_visibility").select_option("published")
    submit(page, "form[action$='/visibility/']")

    # A visitor finds it in the portfolio by its theme.
    sign_in(page, None, language=language)
    visit(page, "/projects/")
    expect(page.locator("h1")).to_have_text(words["portfolio"])
    page.locator("#id_theme").select_option("water")
    submit(page, "form.filters")
    link = page.get_by_role("link", name="Smart water meters for Sibiu")
    expect(link).to_be_visible()
    with page.expect_navigation():
        link.click()
    page.wait_for_load_state("networkidle")
    main = page.locator("main")
    expect(main).to_contain_text(words["stage"])
    expect(main).to_contain_text("97")
