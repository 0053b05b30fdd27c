"""Demo data for the audits app: 12 cities, their audits from 2021 to 2025 in every state.

Values are plausible, not noise: each indicator of ISO 37120:2018 has a typical band (below),
each city its place in that band and a trend of a few percent a year, all drawn from a
generator seeded by the city's name, so every run gives the same values. The base values are
worked out backwards from those indicator values (numerator = value x denominator / multiplier)
and entered as BaseValue rows; the engine then computes the indicators from them, as it does
for a real city (`store_results`). Each city reaches its own level year by year by reporting
more or fewer supporting indicators (profile indicators never count).
"""

import datetime
import math
import random
from dataclasses import dataclass
from decimal import Decimal

import polars as pl
from django.utils import timezone

from wsco.accounts.models import Role, RoleGrant, User
from wsco.audits.engine.catalogue import DEFAULT_STANDARD, Indicator, load_catalogue
from wsco.audits.engine.compute import compute
from wsco.audits.models import Audit, AuditEvent, AuditStatus, BaseValue, TeamRole
from wsco.audits.services.audits import (
    STAMPS,
    add_team_member,
    create_audit,
    create_city,
    name_official,
    take_step,
)
from wsco.audits.services.results import BASE_FILE, CITY, EngineRun, store_results
from wsco.core.access import parties_of
from wsco.core.demo import DemoContext

YEARS = range(2021, 2026)
LAST_YEAR = YEARS[-1]


@dataclass(frozen=True)
class DemoCity:
    name: str
    country: str
    region: str
    population: int  # the latest census or estimate, rounded
    area_km2: float
    latitude: float
    longitude: float
    climate_zone: str  # Köppen group
    government_type: str
    first_year: int
    levels: tuple[str, ...]  # the level reached each year from `first_year`
    last_status: str  # the state of its latest audit (LAST_YEAR)
    municipality: str = ""  # the demo organization that governs it, if any


CITIES = [
    DemoCity("Bucharest", "RO", "București-Ilfov", 1_716_961, 228.0, 44.4268, 26.1025,
             "continental", "metropolitan", 2021,
             ("Silver", "Silver", "Gold", "Gold", "Gold"), AuditStatus.PUBLISHED),
    DemoCity("Cluj-Napoca", "RO", "Nord-Vest", 286_598, 179.5, 46.7712, 23.6236,
             "continental", "mayor_council", 2021,
             ("Silver", "Gold", "Gold", "Gold", "Platinum"), AuditStatus.VERIFICATION,
             "Primăria Municipiului Cluj-Napoca"),
    DemoCity("Iași", "RO", "Nord-Est", 271_692, 93.9, 47.1585, 27.6014,
             "continental", "mayor_council", 2021,
             ("Bronze", "Bronze", "Silver", "Silver", "Silver"), AuditStatus.DRAFT,
             "Primăria Municipiului Iași"),
    DemoCity("Timișoara", "RO", "Vest", 250_849, 130.5, 45.7489, 21.2087,
             "continental", "mayor_council", 2022,
             ("Bronze", "Silver", "Silver", "Gold"), AuditStatus.SUBMITTED,
             "Primăria Municipiului Timișoara"),
    DemoCity("Brașov", "RO", "Centru", 237_589, 267.3, 45.6427, 25.5887,
             "continental", "mayor_council", 2022,
             ("Aspirational", "Bronze", "Bronze", "Silver"), AuditStatus.VERIFIED),
    DemoCity("Oradea", "RO", "Nord-Vest", 183_105, 115.6, 47.0465, 21.9189,
             "continental", "mayor_council", 2021,
             ("Silver", "Silver", "Gold", "Gold", "Gold"), AuditStatus.WITHDRAWN,
             "Primăria Municipiului Oradea"),
    DemoCity("Chișinău", "MD", "Municipiul Chișinău", 567_000, 123.0, 47.0105, 28.8638,
             "continental", "mayor_council", 2023,
             ("Aspirational", "Aspirational", "Bronze"), AuditStatus.PUBLISHED),
    DemoCity("Sofia", "BG", "Sofia City", 1_248_452, 492.0, 42.6977, 23.3219,
             "continental", "mayor_council", 2022,
             ("Bronze", "Silver", "Silver", "Silver"), AuditStatus.VERIFICATION),
    DemoCity("Lisbon", "PT", "Lisboa", 545_796, 100.05, 38.7223, -9.1393,
             "temperate", "mayor_council", 2021,
             ("Gold", "Gold", "Platinum", "Platinum", "Platinum"), AuditStatus.VERIFIED),
    DemoCity("Tallinn", "EE", "Harju", 457_572, 159.2, 59.4370, 24.7536,
             "continental", "mayor_council", 2021,
             ("Gold", "Platinum", "Platinum", "Platinum", "Platinum"), AuditStatus.SUBMITTED),
    DemoCity("Valencia", "ES", "Comunitat Valenciana", 807_693, 134.6, 39.4699, -0.3763,
             "arid", "mayor_council", 2022,
             ("Silver", "Silver", "Gold", "Gold"), AuditStatus.DRAFT),
    DemoCity("Bologna", "IT", "Emilia-Romagna", 392_203, 140.9, 44.4949, 11.3426,
             "temperate", "mayor_council", 2022,
             ("Silver", "Gold", "Gold", "Gold"), AuditStatus.WITHDRAWN),
]  # fmt: skip

# The typical band of each ISO 37120:2018 indicator in a European city (low, high): a city's
# value sits at its own place in the band. Indicators not listed get a band by their unit.
TYPICAL = {
    "5.1": (3, 10), "5.2": (20, 40), "5.3": (55, 80), "5.4": (10, 25), "5.5": (3000, 9000),
    "5.6": (5, 60), "5.7": (150_000, 600_000), "5.8": (30, 150), "5.9.1": (15_000, 45_000),
    "5.9.2": (1.5, 7), "5.9.3": (12_000, 45_000),
    "6.1": (90, 99), "6.2": (88, 99), "6.3": (75, 95), "6.4": (12, 20), "6.5": (85, 98),
    "6.6": (18_000, 35_000),
    "7.1": (25, 70), "7.2": (8, 35), "7.3": (97.5, 99.9), "7.4": (15_000, 35_000),
    "7.5": (0.4, 1.2), "7.6": (15_000, 45_000), "7.7": (1, 8), "7.8.1": (1800, 3500),
    "7.8.2": (50, 600),
    "8.1": (8, 22), "8.2": (15, 35), "8.3": (3, 9), "8.4": (2, 15), "8.5": (15, 40),
    "8.6": (2, 10), "8.7": (40, 75), "8.8": (10, 30), "8.9": (-8, 3),
    "9.1": (2, 12), "9.2": (15, 35), "9.3": (35, 65), "9.4": (85, 99), "9.5.1": (1000, 4000),
    "9.5.2": (200, 1200),
    "10.1": (15, 40), "10.2": (0.2, 3), "10.3": (85, 99), "10.4": (30, 55),
    "11.1": (74, 83), "11.2": (450, 900), "11.3": (250, 600), "11.4": (3, 9),
    "11.5": (600, 1200), "11.6": (6, 15),
    "12.1": (1, 8), "12.2": (10, 35), "12.3": (20, 120), "12.4": (0.5, 4), "12.5.3": (4, 12),
    "12.5.4": (18, 40), "12.5.5": (2, 8), "12.5.6": (8, 35),
    "13.1": (0.2, 2), "13.2": (5, 20), "13.3": (0.26, 0.36), "13.4.2": (2, 20),
    "13.4.4": (0.3, 2), "13.4.5": (1, 12), "13.4.6": (5000, 20_000),
    "14.1": (0.2, 1.0), "14.2": (4, 20),
    "15.1": (40, 120), "15.2": (0.2, 1.5), "15.3": (0.01, 0.5), "15.4": (250, 450),
    "15.5": (0.5, 3), "15.6": (5, 60), "15.7": (7, 15), "15.8": (1200, 3500),
    "15.9": (0.1, 1), "15.10": (20, 120),
    "16.1": (92, 100), "16.2": (0.3, 0.55), "16.3": (10, 45), "16.4": (20, 70),
    "16.5": (0.5, 25), "16.6": (5, 20), "16.7": (0.1, 2), "16.8": (1, 8),
    "16.9": (0.01, 0.06), "16.10": (20, 60),
    "17.1": (15, 60), "17.2": (2, 7), "17.3": (200, 900),
    "18.1": (25_000, 45_000), "18.2": (110_000, 150_000),
    "19.1": (40, 150), "19.2": (150, 450), "19.3": (40, 75), "19.4": (5, 60), "19.5": (2, 8),
    "19.6": (55, 90), "19.7": (22, 40), "19.8.1": (0.3, 0.55), "19.8.2": (0.01, 0.08),
    "20.1": (2, 30), "20.2": (3, 15), "20.3": (0.5, 3), "20.4": (40, 60),
    "21.1": (200, 900), "21.2": (0.01, 1), "21.3": (0.8, 1.6), "21.4": (70, 95),
    "21.5.2": (8000, 25_000), "21.5.3": (0.3, 1.2),
    "22.1": (88, 99.5), "22.2": (85, 99.9), "22.3": (95, 99.9), "22.4": (90, 99.5),
    "23.1": (97, 99.9), "23.2": (97, 99.9), "23.3": (100, 180), "23.4": (95, 99.9),
    "23.5": (130, 250), "23.6": (2, 15), "23.7": (15, 40),
}  # fmt: skip

# Denominators no indicator computes, per resident of the city (or a fixed count).
PER_RESIDENT = {
    "labour_force": 0.5,
    "youth_labour_force": 0.06,
    "dwelling_units": 0.45,
    "school_aged_population": 0.15,
    "female_school_aged_population": 0.073,
    "primary_cohort_enrolled": 0.012,
    "secondary_cohort_enrolled": 0.011,
    "primary_teachers_fte": 0.0035,
    "voting_age_population": 0.82,
    "live_births": 0.0095,
    "emergency_responses": 0.05,
    "commuters": 0.45,
    "food_supplied_tonnes": 0.6,
    "wastewater_collected_m3": 62.0,
    "water_supplied_m3": 75.0,
    "assessed_value_all_properties": 60_000.0,
    "total_expenditures": 1400.0,
    "total_revenues": 1450.0,
    "tax_billed": 300.0,
    "municipal_budget": 1500.0,
    "public_buildings_floor_area_m2": 2.1,
}
FIXED = {
    "elected_city_office": 41,
    "native_species_baseline": 820,
    "wastewater_tests": 2400,
    "drinking_water_tests": 3600,
}
# What each level needs of ISO 37120:2018's 55 supporting indicators (the engine's ladder:
# Bronze 0, Silver 15, Gold 31, Platinum 46), with room for a city's own few more or less.
SUPPORTING_FOR_LEVEL = {
    "Aspirational": 6,
    "Bronze": 8,
    "Silver": 21,
    "Gold": 37,
    "Platinum": 50,
}
ASPIRATIONAL_CORE_LEFT_OUT = 9  # of 49 core: 40 reported, above the 32 Aspirational needs
DRAFT_SHARE = 0.7  # a draft has about this share of its values entered so far
STEPS_TO = {
    AuditStatus.DRAFT: [],
    AuditStatus.SUBMITTED: ["submit"],
    AuditStatus.VERIFICATION: ["submit", "start_verification"],
    AuditStatus.VERIFIED: ["submit", "start_verification", "verify"],
    AuditStatus.PUBLISHED: ["submit", "start_verification", "verify", "publish"],
    AuditStatus.WITHDRAWN: ["submit", "withdraw"],
}
# When each step of a year's audit happened: months after the end of its data year.
STEP_MONTHS = {"submit": 3, "start_verification": 4, "verify": 5, "publish": 6, "withdraw": 5}
SOURCE = "Demo data: plausible values, not the city's own"


def seed_of(*parts) -> random.Random:
    """Return a generator seeded by `parts` (a city's name): the same values on every run."""
    return random.Random("/".join(str(part) for part in parts))


def _band(indicator: Indicator) -> tuple[float, float]:
    if indicator.number in TYPICAL:
        return TYPICAL[indicator.number]
    if indicator.unit == "%":
        return {"lower": (2, 20), "higher": (60, 97)}.get(indicator.better, (15, 50))
    return (1, 100)


def _inside(value: float, indicator: Indicator) -> float:
    """Keep `value` inside the indicator's range in the catalogue (a share at most 100 %)."""
    low = indicator.range_min if indicator.range_min is not None else -math.inf
    high = indicator.range_max if indicator.range_max is not None else math.inf
    if indicator.share:
        high = min(high, 100.0)
    return min(max(value, low), high)


@dataclass(frozen=True)
class Trend:
    """An indicator's value in a city's first year, and its change each year after."""

    start: float
    rate: float  # a fraction a year: -0.03 to 0.03

    def at(self, years_since: int) -> float:
        return self.start * (1 + self.rate) ** years_since


def city_trends(city: str, indicators: list[Indicator]) -> dict[str, Trend]:
    """Return each indicator's trend in `city`: its place in the typical band, its drift."""
    rng = seed_of("trends", city)
    trends = {}
    for indicator in indicators:
        low, high = _band(indicator)
        place = rng.uniform(0.15, 0.85)
        if low > 0 and high / low > 20:  # a wide band: a city's place is on a log scale
            start = math.exp(math.log(low) + place * (math.log(high) - math.log(low)))
        else:
            start = low + place * (high - low)
        trends[indicator.key] = Trend(start=start, rate=rng.uniform(-0.03, 0.03))
    return trends


def indicator_values(city: DemoCity, year: int) -> dict[str, float]:
    """Return the value each ISO 37120:2018 indicator has in `city` in `year` (in range)."""
    indicators = load_catalogue().for_standard(DEFAULT_STANDARD)
    trends = city_trends(city.name, indicators)
    return {
        indicator.key: _inside(trends[indicator.key].at(year - YEARS[0]), indicator)
        for indicator in indicators
    }


def population(city: DemoCity, year: int) -> float:
    growth = seed_of("population", city.name).uniform(-0.008, 0.012)
    return city.population * (1 + growth) ** (year - LAST_YEAR)


def base_values(city: DemoCity, year: int) -> dict[str, float]:
    """Return every base variable of ISO 37120:2018 for `city` in `year`.

    The denominators come from the city's population and area; each numerator is worked out
    from its indicator's value, so that the engine gives that value back.
    """
    residents = population(city, year)
    household_size = 2.2 + 0.4 * seed_of("households", city.name).random()
    values = {
        "population": residents,
        "population_previous_year": population(city, year - 1),
        "population_change": residents - population(city, year - 1),
        "households": residents / household_size,
        "city_area_km2": city.area_km2,
        "city_area_without_green_area_m2": city.area_km2 * 1e6 * 0.7,
        "lighted_streets_km": city.area_km2 * 4.2,
        **{name: share * residents for name, share in PER_RESIDENT.items()},
        **FIXED,
    }
    targets = indicator_values(city, year)
    waiting = [
        indicator
        for indicator in load_catalogue().for_standard(DEFAULT_STANDARD)
        if indicator.numerator and indicator.numerator not in values
    ]
    # A denominator that is another indicator's numerator (energy use, waste tonnes) is worked
    # out first: repeat until every numerator whose denominator is known has its value.
    while waiting:
        left = []
        for indicator in waiting:
            if indicator.denominator is None:
                values[indicator.numerator] = targets[indicator.key]
            elif indicator.denominator in values:
                multiplier = indicator.multiplier or 1.0
                values[indicator.numerator] = (
                    targets[indicator.key] * values[indicator.denominator] / multiplier
                )
            else:
                left.append(indicator)
        if len(left) == len(waiting):
            raise ValueError(f"No value for the denominators of {[i.key for i in left]}")
        waiting = left
    return values


def written(value: float) -> str:
    """Write a number as a city would: whole above 100, else with at most four decimals."""
    if abs(value) >= 100:
        return str(round(value))
    return f"{value:.4f}".rstrip("0").rstrip(".")


def reported_keys(city: DemoCity, level: str) -> set[str]:
    """Return the ISO 37120:2018 indicators `city` reports in a year it reaches `level`.

    The city leaves out the same supporting indicators every year, fewer as it improves;
    indicators whose base variables others need (population, energy use...) are always in.
    """
    indicators = load_catalogue().for_standard(DEFAULT_STANDARD)
    needed = {indicator.denominator for indicator in indicators} | {"population", "households"}
    optional = {
        kind: [
            indicator.key
            for indicator in indicators
            if indicator.type == kind and indicator.numerator not in needed
        ]
        for kind in ("core", "supporting")
    }
    rng = seed_of("reports", city.name)
    for keys in optional.values():
        rng.shuffle(keys)
    supporting = [indicator for indicator in indicators if indicator.type == "supporting"]
    always = len(supporting) - len(optional["supporting"])
    wanted = SUPPORTING_FOR_LEVEL[level] + rng.randint(-1, 2)
    left_out = set(optional["supporting"][max(0, wanted - always) :])
    if level == "Aspirational":
        left_out |= set(optional["core"][:ASPIRATIONAL_CORE_LEFT_OUT])
    return {indicator.key for indicator in indicators} - left_out


def entered_variables(city: DemoCity, year: int, level: str) -> dict[str, str]:
    """Return the base values (as written) the city enters for the indicators it reports."""
    catalogue = load_catalogue()
    values = base_values(city, year)
    names: set[str] = set()
    for key in reported_keys(city, level):
        indicator = catalogue.indicators[key]
        names |= {name for name in (indicator.numerator, indicator.denominator) if name}
    return {name: written(values[name]) for name in sorted(names)}


def seed(context: DemoContext) -> None:
    """Create the 12 cities, their officials and auditors, and their audits in every state."""
    staff = list(User.objects.filter(is_staff=True).order_by("pk"))
    people = _people(context, staff[0] if staff else None)
    organizations = {
        organization.name: organization for organization in context.shared.get("organizations", [])
    }
    plans = []
    for index, facts in enumerate(CITIES):
        city = create_city(
            name=facts.name,
            country=facts.country,
            region=facts.region,
            population=facts.population,
            area_km2=Decimal(str(facts.area_km2)),
            latitude=Decimal(str(facts.latitude)),
            longitude=Decimal(str(facts.longitude)),
            climate_zone=facts.climate_zone,
            government_type=facts.government_type,
            municipality=organizations.get(facts.municipality),
        )
        official = people["officials"][index % len(people["officials"])]
        name_official(city=city, user=official, by=staff[0])
        for year, level in zip(range(facts.first_year, LAST_YEAR + 1), facts.levels, strict=True):
            status = facts.last_status if year == LAST_YEAR else AuditStatus.PUBLISHED
            audit = _open(city, facts, year, level, status, official, people["auditors"], staff)
            plans.append((audit, status, official))
    for audit, run in engine_runs([audit for audit, _status, _official in plans]).items():
        store_results(audit, run)
    for audit, status, official in plans:
        _take_steps(audit, status, official, staff)
    _date_the_steps([Audit.objects.get(pk=audit.pk) for audit, _status, _official in plans])
    context.say(
        f"Audits: {len(CITIES)} cities, {len(plans)} audits from {YEARS[0]} to {LAST_YEAR}."
    )


def _people(context: DemoContext, staff_user) -> dict[str, list[User]]:
    """The demo's city officials and auditors: the role accounts first, then a few members."""
    official = User.objects.filter(email="city-official@demo.wsco.example").first()
    auditor = User.objects.filter(email="auditor@demo.wsco.example").first()
    others = list(
        User.objects.filter(email__startswith="person", profile__isnull=False)
        .exclude(role_grants__isnull=False)
        .order_by("pk")[:8]
    )
    officials = [user for user in [official] if user] + others[:3]
    auditors = [user for user in [auditor] if user] + others[3:6]
    for user in others[:3]:
        RoleGrant.objects.get_or_create(
            user=user, role=Role.CITY_OFFICIAL, defaults={"granted_by": staff_user}
        )
    for user in others[3:6]:
        RoleGrant.objects.get_or_create(
            user=user, role=Role.AUDITOR, defaults={"granted_by": staff_user}
        )
    if officials[0] == official and official is not None:
        context.add_account(
            "city_official",
            official.email,
            "a member who speaks for a city hall: an official of "
            + ", ".join(city.name for city in CITIES[:: len(officials)])
            + " (enters their audits' data, submits them)",
        )
    if auditor is not None:
        context.add_account(
            "auditor", auditor.email, "a member who audits cities: verifies their audits"
        )
    return {"officials": officials, "auditors": auditors}


def _independent(audit: Audit, users) -> list[User]:
    parties = parties_of(audit)
    return [user for user in users if user.pk not in parties]


def _open(city, facts, year, level, status, official, auditors, staff) -> Audit:
    """Open one audit, put its team on it and enter its values (as the city wrote them)."""
    audit = create_audit(city=city, year=year, by=official)
    add_team_member(audit=audit, user=official, role=TeamRole.OFFICIAL, by=official)
    values = entered_variables(facts, year, level)
    if status == AuditStatus.DRAFT:
        rng = seed_of("draft", facts.name, year)
        values = {name: text for name, text in values.items() if rng.random() < DRAFT_SHARE}
    BaseValue.objects.bulk_create(
        BaseValue(audit=audit, variable=name, value=text, source=SOURCE, entered_by=official)
        for name, text in values.items()
    )
    if STEPS_TO[status][1:]:  # beyond submission: two independent auditors (four eyes)
        for auditor in _independent(audit, auditors)[:2]:
            add_team_member(audit=audit, user=auditor, role=TeamRole.AUDITOR, by=staff[0])
    return audit


def engine_runs(audits: list[Audit]) -> dict[Audit, EngineRun]:
    """Run the engine once on every demo audit's values, and split its results by audit.

    One run for all is what makes the demo fast (the engine works on columnar frames); each
    city's years are one series, so its year-on-year checks see the year before.
    """
    by_key = {(audit.city.name, audit.year): audit for audit in audits}
    rows = BaseValue.objects.filter(audit__in=audits).values_list(
        "audit__city__name", "audit__year", "variable", "value", "source", "pk"
    )
    cities, years, variables, values, sources, pks = zip(*rows, strict=True)
    frame = pl.DataFrame(
        {
            "city": list(cities),
            "year": [str(year) for year in years],
            "variable": list(variables),
            "value": list(values),
            "source": list(sources),
            "line": list(pks),
            "file": [BASE_FILE] * len(pks),
        },
        schema_overrides={"line": pl.Int64},
    )
    results, findings = compute(variables=frame, standards=[DEFAULT_STANDARD], with_parameters=True)
    runs = {}
    for (city, year), group in results.partition_by(["city", "year"], as_dict=True).items():
        audit = by_key[(str(city), int(year))]
        runs[audit] = EngineRun(
            group.with_columns(pl.lit(CITY).alias("city")),
            findings.head(0),  # the demo's values have no findings to show
        )
    return runs


def _take_steps(audit: Audit, status: str, official, staff) -> None:
    """Take the audit through its workflow to `status`, each step by whom it falls to."""
    auditors = list(
        User.objects.filter(audit_roles__audit=audit, audit_roles__role=TeamRole.AUDITOR).order_by(
            "pk"
        )
    )
    deciders = {
        "submit": lambda: official,
        "withdraw": lambda: official,
        "start_verification": lambda: auditors[0] if auditors else None,
        "verify": lambda: auditors[-1] if auditors else None,
        "publish": lambda: next(iter(_independent(audit, staff)), None),
    }
    for step in STEPS_TO[status]:
        by = deciders[step]()
        if by is None:
            break
        take_step(audit=audit, step=step, by=by)


def _date_the_steps(audits: list[Audit]) -> None:
    """Date each audit's history as if each step was taken months after its data year."""
    now = timezone.now()
    starts = {
        audit.pk: datetime.datetime(audit.year + 1, 1, 15, 9, tzinfo=datetime.UTC)
        for audit in audits
    }
    steps = {target: name for name, target in STEP_TARGETS.items()}
    events = list(AuditEvent.objects.filter(audit__in=audits))
    stamps: dict[int, dict[str, datetime.datetime]] = {pk: {} for pk in starts}
    for event in events:
        step_name = steps.get(event.to_status) if event.from_status else None
        months = STEP_MONTHS.get(step_name, 0)
        event.at = min(starts[event.audit_id] + datetime.timedelta(days=30 * months), now)
        if step_name in STAMPS:
            stamps[event.audit_id][STAMPS[step_name]] = event.at
    AuditEvent.objects.bulk_update(events, ["at"])
    for audit in audits:
        audit.created_at = starts[audit.pk]
        for name, moment in stamps[audit.pk].items():
            setattr(audit, name, moment)
    Audit.objects.bulk_update(audits, ["created_at", "submitted_at", "verified_at", "published_at"])


STEP_TARGETS = {
    "submit": AuditStatus.SUBMITTED,
    "start_verification": AuditStatus.VERIFICATION,
    "verify": AuditStatus.VERIFIED,
    "publish": AuditStatus.PUBLISHED,
    "withdraw": AuditStatus.WITHDRAWN,
}
