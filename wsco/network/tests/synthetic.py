"""A synthetic population of members with planted communities, for tests and the benchmark.

Each community works on two or three themes and has two sides: public bodies (city halls,
ministries, agencies) that look for what the other side offers, and companies, universities and
NGOs that offer it and look for what the public side offers. A member's planted partners are the
other side of their community: same interests, complementary offers and needs, another
organization type. A tenth of the members belong to no community and write at random.
"""

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass

from wsco.network.matching import ISO_37120_THEMES, Profile

# What members of each theme offer or look for, as they would write it.
PHRASES: dict[str, tuple[str, ...]] = {
    "economy": (
        "startup incubation",
        "investment attraction",
        "local business mapping",
        "innovation vouchers",
        "economic impact studies",
        "cluster development",
        "tourism analytics",
        "retail footfall counting",
    ),
    "education": (
        "digital classrooms",
        "school enrolment forecasting",
        "teacher training platforms",
        "campus wifi",
        "adult skills courses",
        "stem outreach programmes",
        "learning management systems",
        "school transport planning",
    ),
    "energy": (
        "led street lighting",
        "smart meters",
        "rooftop solar",
        "district heating",
        "energy performance contracting",
        "battery storage",
        "building energy audits",
        "demand response",
    ),
    "environment": (
        "air quality sensors",
        "noise monitoring",
        "urban heat mapping",
        "tree canopy surveys",
        "climate adaptation plans",
        "carbon accounting",
        "green roofs",
        "flood risk models",
    ),
    "finance": (
        "green bonds",
        "participatory budgeting",
        "municipal credit ratings",
        "public private partnerships",
        "grant writing",
        "eu funding applications",
        "revenue forecasting",
        "procurement advisory",
    ),
    "governance": (
        "open data portals",
        "e-government services",
        "citizen engagement apps",
        "digital identity",
        "transparency dashboards",
        "records digitisation",
        "policy impact evaluation",
        "interoperability standards",
    ),
    "health": (
        "telemedicine",
        "ambulance dispatch optimisation",
        "elderly care monitoring",
        "health data platforms",
        "epidemiological surveillance",
        "hospital bed management",
        "mental health outreach",
        "vaccination registries",
    ),
    "housing": (
        "social housing registries",
        "building permits workflow",
        "housing affordability analysis",
        "retrofit programmes",
        "modular construction",
        "tenant services apps",
        "vacant property mapping",
        "housing cooperatives",
    ),
    "population": (
        "census microdata",
        "poverty mapping",
        "social services case management",
        "migrant integration programmes",
        "demographic projections",
        "accessibility audits",
        "inclusion indicators",
        "community centres",
    ),
    "recreation": (
        "park booking systems",
        "playground design",
        "recreation centre management",
        "trail mapping",
        "public space activation",
        "outdoor fitness equipment",
        "leisure participation surveys",
        "waterfront regeneration",
    ),
    "safety": (
        "video surveillance analytics",
        "emergency alert systems",
        "crime mapping",
        "fire detection sensors",
        "disaster response drills",
        "street safety audits",
        "police dispatch software",
        "earthquake early warning",
    ),
    "solid-waste": (
        "smart bins",
        "waste collection routing",
        "recycling education",
        "composting programmes",
        "landfill gas capture",
        "pay as you throw",
        "circular economy hubs",
        "waste composition analysis",
    ),
    "sport-culture": (
        "museum digitisation",
        "event ticketing",
        "cultural heritage mapping",
        "sports facility scheduling",
        "library services",
        "festival logistics",
        "stadium crowd management",
        "creative industries support",
    ),
    "telecommunication": (
        "fiber backbone",
        "public wifi",
        "mobile coverage mapping",
        "iot connectivity",
        "lorawan gateways",
        "data centre hosting",
        "cybersecurity assessments",
        "broadband vouchers",
    ),
    "transportation": (
        "traffic sensors",
        "smart parking",
        "bus fleet electrification",
        "traffic signal optimisation",
        "bike sharing",
        "journey planner apps",
        "ev charging stations",
        "road condition monitoring",
    ),
    "agriculture": (
        "urban farms",
        "vertical farming",
        "food bank logistics",
        "farmers markets",
        "community gardens",
        "food waste reduction",
        "soil testing",
        "hydroponic systems",
    ),
    "urban-planning": (
        "digital twins",
        "gis mapping",
        "zoning analysis",
        "master planning",
        "land use simulation",
        "3d city models",
        "public consultation platforms",
        "transit oriented development",
    ),
    "wastewater": (
        "sewer inspection robots",
        "stormwater management",
        "treatment plant automation",
        "sludge valorisation",
        "combined sewer overflow monitoring",
        "nature based drainage",
        "wastewater epidemiology",
        "pumping station telemetry",
    ),
    "water": (
        "leak detection",
        "smart water meters",
        "water quality monitoring",
        "pressure management",
        "rainwater harvesting",
        "desalination",
        "water tariff design",
        "reservoir telemetry",
    ),
}

PUBLIC_TYPES = ("city-hall", "ministry", "public-agency")
PRIVATE_TYPES = ("company", "university", "ngo")
SECTORS: dict[str, tuple[str, ...]] = {
    "city-hall": ("local-government",),
    "ministry": ("central-government",),
    "public-agency": ("utilities", "transport-authority", "local-government"),
    "company": ("technology", "construction", "consulting", "energy", "telecom"),
    "university": ("research",),
    "ngo": ("civil-society", "research"),
}
COUNTRIES = (
    "RO",
    "MD",
    "BG",
    "HU",
    "PL",
    "DE",
    "FR",
    "IT",
    "ES",
    "PT",
    "NL",
    "BE",
    "AT",
    "CZ",
    "SK",
    "GR",
    "RS",
    "HR",
    "SI",
    "UA",
    "GB",
    "IE",
    "SE",
    "FI",
    "DK",
    "NO",
    "EE",
    "LV",
    "LT",
    "TR",
)
OFFER_OPENINGS = ("We offer", "Our team provides", "We can help with", "Experience in", "Oferim")
NEED_OPENINGS = ("Looking for", "We need", "Seeking partners for", "Interested in", "Cautam")

SIDE_SIZE = (10, 13)  # members on each side of a community, so everyone has 10 partners or more
LONER_SHARE = 0.1


@dataclass(frozen=True, slots=True)
class Population:
    """Profiles and, for community members, their planted partners."""

    profiles: list[Profile]
    partners: dict[int, frozenset[int]]


def population(members: int, *, seed: int = 0) -> Population:
    """Return about `members` profiles (exactly that many), most of them in communities."""
    generator = random.Random(seed)
    profiles: list[Profile] = []
    partners: dict[int, frozenset[int]] = {}
    next_organization = iter(range(1, 10 * members + 10))
    community_target = round(members * (1 - LONER_SHARE))
    while len(profiles) + 2 * SIDE_SIZE[1] <= community_target:
        public, private = community(generator, len(profiles), next_organization)
        for side, other_side in ((public, private), (private, public)):
            for profile in side:
                partners[profile.id] = frozenset(other.id for other in other_side)
        profiles += public + private
    while len(profiles) < members:
        profiles.append(loner(generator, len(profiles), next(next_organization)))
    return Population(profiles, partners)


Organization = tuple[int, str, str]  # id, organization type, country


def community(
    generator: random.Random, first_id: int, organizations: Iterator[int]
) -> tuple[list[Profile], list[Profile]]:
    """Return the public and the private side of one new community, ids from `first_id` on."""
    themes = generator.sample(ISO_37120_THEMES, generator.choice((2, 2, 3)))
    pool = [phrase for theme in themes for phrase in PHRASES[theme]]
    public_offers = generator.sample(pool, 3)
    private_offers = generator.sample([phrase for phrase in pool if phrase not in public_offers], 3)
    countries = generator.sample(COUNTRIES, 3)
    ids = itertools.count(first_id)
    sides = []
    for types, offers, needs in (
        (PUBLIC_TYPES, public_offers, private_offers),
        (PRIVATE_TYPES, private_offers, public_offers),
    ):
        organization = new_organization(generator, organizations, types, countries)
        members = []
        for _ in range(generator.randint(*SIDE_SIZE)):
            # Officials may share a city hall; everyone else comes from an organization apart.
            if types is PRIVATE_TYPES or generator.random() < 0.6:
                organization = new_organization(generator, organizations, types, countries)
            members.append(member(generator, next(ids), organization, themes, offers, needs))
        sides.append(members)
    return sides[0], sides[1]


def new_organization(
    generator: random.Random, organizations: Iterator[int], types: tuple[str, ...], countries: list
) -> Organization:
    """Return a new organization of one of `types`, in one of `countries`."""
    return next(organizations), generator.choice(types), generator.choice(countries)


def member(
    generator: random.Random,
    profile_id: int,
    organization: Organization,
    themes: list[str],
    offers: list[str],
    needs: list[str],
) -> Profile:
    """Return one community member: the community's themes and texts, each a little varied."""
    organization_id, organization_type, country = organization
    interest = set(themes)
    if generator.random() < 0.3:
        interest.add(generator.choice(ISO_37120_THEMES))
    expertise = set(generator.sample(themes, 1))
    return Profile(
        id=profile_id,
        organization_id=organization_id,
        organization_type=organization_type,
        sector=generator.choice(SECTORS[organization_type]),
        country=country,
        themes_of_interest=frozenset(interest),
        themes_of_expertise=frozenset(expertise),
        offers=sentence(generator, OFFER_OPENINGS, generator.sample(offers, 2) + stray(generator)),
        looks_for=sentence(generator, NEED_OPENINGS, generator.sample(needs, 2)),
    )


def loner(generator: random.Random, profile_id: int, organization_id: int) -> Profile:
    """Return a member of no community: random themes, random phrases."""
    organization_type = generator.choice(PUBLIC_TYPES + PRIVATE_TYPES)
    themes = generator.sample(ISO_37120_THEMES, generator.randint(1, 3))
    return Profile(
        id=profile_id,
        organization_id=organization_id,
        organization_type=organization_type,
        sector=generator.choice(SECTORS[organization_type]),
        country=generator.choice(COUNTRIES),
        themes_of_interest=frozenset(themes),
        themes_of_expertise=frozenset(themes[:1]),
        offers=sentence(generator, OFFER_OPENINGS, stray(generator) + stray(generator)),
        looks_for=sentence(generator, NEED_OPENINGS, stray(generator)),
    )


def stray(generator: random.Random) -> list[str]:
    """Return, one time in three, a phrase from any theme: people mention side lines."""
    if generator.random() < 1 / 3:
        return [generator.choice(PHRASES[generator.choice(ISO_37120_THEMES)])]
    return []


def sentence(generator: random.Random, openings: tuple[str, ...], phrases: list[str]) -> str:
    """Return the phrases as one sentence with an opening, as a member would write it."""
    if not phrases:
        return ""
    listed = ", ".join(phrases[:-1]) + (" and " if len(phrases) > 1 else "") + phrases[-1]
    return f"{generator.choice(openings)} {listed}."
