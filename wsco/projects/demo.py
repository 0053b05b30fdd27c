"""Demo data for the projects app: 30 projects over the demo cities, in every stage.

Each project is owned by one of the audits demo's cities and led by its official; its themes
and KPIs come from the city's weakest themes where the city has a published audit, so the
baselines are its published values and the actuals its later audits'. Gates before the
project's stage were passed on a reviewer's go with evidence for each criterion; milestones
of passed stages are done, the current stage's are under way (some late); budgets and funding
are in the city's currency. Everything is written through the services, as a real project
would be, and every run gives the same projects.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from wsco.accounts.models import User
from wsco.audits.demo import seed_of
from wsco.audits.engine.catalogue import load_catalogue
from wsco.audits.models import City
from wsco.core.demo import DemoContext
from wsco.core.models import Theme
from wsco.projects.models import STAGES, FundingKind, Project, ProjectStatus, TeamRole
from wsco.projects.services import gates, kpis, milestones, money
from wsco.projects.services import projects as project_services

# (title, summary, themes, the indicator the project should move, better: "higher"/"lower")
PROJECTS = [
    ("Smart water meters", "Meters that show where the network loses water.", ("water",), "23.5"),
    (
        "Leak detection on the mains",
        "Acoustic sensors on the oldest water mains.",
        ("water",),
        "23.4",
    ),
    (
        "Bus rapid transit line",
        "A fast bus line on its own lane across the city.",
        ("transportation",),
        "19.1",
    ),
    (
        "Bike lanes on the ring road",
        "Protected lanes that join the districts.",
        ("transportation",),
        "19.4",
    ),
    (
        "Real-time passenger information",
        "Arrival times at every stop and in an app.",
        ("transportation", "telecommunication"),
        "19.2",
    ),
    (
        "Energy retrofit of schools",
        "Insulation and heat pumps in 40 schools.",
        ("energy", "education"),
        "7.4",
    ),
    ("LED street lighting", "Dimmable LED lamps on every street.", ("energy",), "7.3"),
    (
        "Rooftop solar on public buildings",
        "Panels on the city's own roofs.",
        ("energy", "environment"),
        "7.2",
    ),
    (
        "Air quality sensor network",
        "Sensors in every district, data in the open.",
        ("environment", "health"),
        "8.1",
    ),
    (
        "Urban tree canopy plan",
        "Ten thousand trees where the heat is worst.",
        ("environment", "urban-planning"),
        "21.1",
    ),
    (
        "Separate waste collection",
        "Door-to-door collection of five fractions.",
        ("solid-waste",),
        "16.4",
    ),
    ("Smart bins in the centre", "Bins that say when they are full.", ("solid-waste",), "16.1"),
    (
        "Wastewater treatment upgrade",
        "A third treatment stage at the main plant.",
        ("wastewater",),
        "22.3",
    ),
    (
        "Flood early warning",
        "Level sensors and alerts along the river.",
        ("safety", "environment"),
        "15.6",
    ),
    (
        "Emergency response dispatch",
        "One dispatch centre for police, fire and ambulance.",
        ("safety",),
        "15.3",
    ),
    (
        "Telemedicine for the suburbs",
        "Consultations by video in the outer districts.",
        ("health",),
        "11.3",
    ),
    (
        "Digital city hall",
        "Every permit and payment online.",
        ("governance", "telecommunication"),
        "10.1",
    ),
    (
        "Participatory budgeting platform",
        "Residents propose and vote on projects.",
        ("governance",),
        "10.4",
    ),
    (
        "Open data portal",
        "The city's data sets, open and documented.",
        ("governance", "telecommunication"),
        "10.3",
    ),
    (
        "Public Wi-Fi in parks",
        "Free Wi-Fi in parks and squares.",
        ("telecommunication", "recreation"),
        "18.1",
    ),
    (
        "Affordable housing registry",
        "One list of social housing and who waits for it.",
        ("housing",),
        "12.2",
    ),
    (
        "Energy-efficient social housing",
        "Renovation of 1,200 flats.",
        ("housing", "energy"),
        "12.1",
    ),
    (
        "School digital classrooms",
        "Tablets, connectivity and training for teachers.",
        ("education",),
        "6.4",
    ),
    ("Adult skills centre", "Evening courses in digital skills.", ("education", "economy"), "6.1"),
    (
        "Start-up hub in the old factory",
        "Offices and mentoring for young companies.",
        ("economy",),
        "5.1",
    ),
    (
        "Urban farming in schoolyards",
        "Gardens that feed school canteens.",
        ("agriculture", "education"),
        "20.1",
    ),
    (
        "Sports halls for every district",
        "Four halls open to clubs and residents.",
        ("sport-culture", "recreation"),
        "17.1",
    ),
    (
        "Library as a digital hub",
        "The central library as a place to learn online.",
        ("sport-culture", "education"),
        "17.3",
    ),
    (
        "Municipal budget dashboard",
        "Where each leu and euro of the budget goes.",
        ("finance", "governance"),
        "9.3",
    ),
    (
        "Land use digital twin",
        "A 3D model of the city to plan its growth.",
        ("urban-planning",),
        "21.4",
    ),
]

CURRENCY = {"RO": "RON", "MD": "MDL", "BG": "BGN"}
REVIEW_REASON = "The criteria are met and the evidence is on file."


def seed(context: DemoContext) -> None:
    """Create the 30 projects: published but five, each stage five times, one stopped."""
    staff = User.objects.filter(is_staff=True).order_by("pk").first()
    cities = list(City.objects.order_by("pk"))
    if staff is None or not cities:
        return
    catalogue = load_catalogue().indicators
    today = timezone.localdate()
    for index, (title, summary, themes, number) in enumerate(PROJECTS):
        city = cities[index % len(cities)]
        lead = _lead(city, staff)
        stage_index = index % len(STAGES)
        project = project_services.create_project(
            title=title,
            summary=summary,
            description=_description(title, summary),
            city=city,
            themes=Theme.objects.filter(slug__in=themes),
            problem=f"{city.name}: {summary.lower()}",
            problem_indicators=[f"ISO37120:2018/{number}"],
            by=lead,
        )
        if lead != staff:
            project_services.add_team_member(
                project=project, user=staff, role=TeamRole.EXPERT, by=lead
            )
        _money(project, city, index, lead)
        key = f"ISO37120:2018/{number}"
        kpis.add_kpi(
            project=project,
            indicator=key,
            target=_target(project, key, catalogue[key]),
            target_year=2030,
            by=lead,
        )
        for passed in STAGES[:stage_index]:
            _milestones(project, passed, stage_index, today, lead, done=True)
            _pass_gate(project, staff, lead)
        _milestones(project, STAGES[stage_index], stage_index, today, lead, done=False)
        if index == 13:
            _stop(project, staff)
        if index % 6 != 5:
            project_services.set_visibility(project=project, visibility="published", by=lead)
        if stage_index >= 3:
            update = project_services.write_update(
                project=project,
                title=f"{title}: the contract is signed",
                body=f"{city.name} signed the contract for **{title.lower()}**.",
                by=lead,
            )
            project_services.publish_update(update=update, by=lead)
    context.say(
        f"Projects: {len(PROJECTS)}, in every stage "
        f"({Project.objects.filter(status=ProjectStatus.STOPPED).count()} stopped)."
    )


def _lead(city: City, staff: User) -> User:
    row = city.official_rows.select_related("user").order_by("pk").first()
    return row.user if row else staff


def _description(title: str, summary: str) -> str:
    return (
        f"## {title}\n\n{summary}\n\n"
        "- **Why**: the city's audit shows the gap.\n"
        "- **How**: a pilot first, then the whole city.\n"
    )


def _target(project: Project, key: str, indicator) -> Decimal:
    """Return a target 10 % better than the baseline (or a round figure without one)."""
    values = kpis.published_values(project, key)
    if not values:
        return Decimal("100")
    baseline = Decimal(str(values[-1][1]))
    factor = Decimal("0.9") if indicator.better == "lower" else Decimal("1.1")
    target = (baseline * factor).quantize(Decimal("0.01"))
    return min(target, Decimal("100")) if indicator.unit == "%" else target


def _money(project: Project, city: City, index: int, lead: User) -> None:
    currency = CURRENCY.get(str(city.country), "EUR")
    rng = seed_of("project-money", project.title)
    for year, label in ((2025, "Studies"), (2026, "Works"), (2027, "Operation")):
        amount = Decimal(rng.randrange(50, 900) * 1000)
        money.add_budget_line(
            project=project, label=label, year=year, amount=amount, currency=currency, by=lead
        )
    kinds = list(FundingKind)
    for offset in (0, 2):
        kind = kinds[(index + offset) % len(kinds)]
        source = money.add_funding(
            project=project,
            kind=kind,
            name=f"{kind.label} ({city.name})",
            amount=Decimal(rng.randrange(100, 1500) * 1000),
            currency="EUR" if kind == FundingKind.EU else currency,
            by=lead,
        )
        for step in ("apply", "grant", "receive")[: (index + offset) % 4]:
            money.advance_funding(source=source, step=step, by=lead)


def _milestones(project, stage: str, current: int, today, lead, *, done: bool) -> None:
    """Plan two milestones of `stage`: done in a passed stage, under way in the current one
    (its first late by ten days), a quarter of a year apart from one stage to the next."""
    offset = (STAGES.index(stage) - current) * 90
    for number, title in enumerate(("Plan agreed", "Results reviewed")):
        planned = today + datetime.timedelta(days=offset + 30 * number - 10)
        milestone = milestones.add_milestone(
            project=project,
            stage=stage,
            title=title,
            planned_on=planned,
            owner=lead,
            by=lead,
        )
        if done:
            milestones.update_milestone(milestone=milestone, done_on=planned, progress=100, by=lead)
        elif number == 0:
            milestones.update_milestone(milestone=milestone, progress=60, by=lead)


def _pass_gate(project: Project, reviewer: User, lead: User) -> None:
    project.refresh_from_db()
    gate = project.gates.get(stage=project.stage)
    for criterion in gate.criteria.all():
        gates.update_criterion(criterion=criterion, evidence=REVIEW_REASON, met=True, by=lead)
    gates.name_reviewer(gate=gate, user=reviewer, by=lead)
    gates.review_gate(gate=gate, reviewer=reviewer, decision="go", reason=REVIEW_REASON)
    project.refresh_from_db()


def _stop(project: Project, reviewer: User) -> None:
    project.refresh_from_db()
    gate = project.gates.get(stage=project.stage)
    gates.name_reviewer(gate=gate, user=reviewer, by=reviewer)
    gates.review_gate(
        gate=gate, reviewer=reviewer, decision="stop", reason="The national programme closed."
    )
