"""The demo's standards library and register of adoptions.

The standards are the ISO/TC 268 family as it is publicly listed (references, editions, what
each is about), summarised in our own words; the indicator standards name their catalogue in the
audit engine. The acts are invented to show the register at work: each is marked a demo example,
its title says so, its number begins with DEMO and it has no official link.
"""

from datetime import date

from django.contrib.auth import get_user_model

from wsco.audits.models import City
from wsco.core.demo import DemoContext
from wsco.core.themes import THEMES
from wsco.standards import services
from wsco.standards.models import AppliesTo, Standard

ALL_THEMES = [theme.slug for theme in THEMES]

# reference, slug, title, summary (ours), themes, editions (year, label, catalogue key).
STANDARDS = [
    (
        "ISO 37100",
        "iso-37100",
        "Sustainable cities and communities: vocabulary",
        "The shared vocabulary of the family: what its standards mean by a sustainable, a smart "
        "or a resilient city, so that the others read alike.",
        ["governance"],
        [(2016, "", "")],
    ),
    (
        "ISO 37101",
        "iso-37101",
        "Management system for sustainable development in communities",
        "A management system, in the manner of ISO 9001 or ISO 14001, for a community that "
        "steers its own sustainable development: its purposes, a strategy, who is responsible, "
        "how progress is monitored and improved. A city can be certified against it.",
        ["governance", "environment", "urban-planning"],
        [(2016, "", "")],
    ),
    (
        "ISO 37104",
        "iso-37104",
        "Transforming our cities: guidance for practical implementation",
        "Practical guidance for putting ISO 37101 to work in a city: how departments, partners "
        "and residents agree on shared goals and work across their usual boundaries.",
        ["governance"],
        [(2019, "", "")],
    ),
    (
        "ISO 37105",
        "iso-37105",
        "Descriptive framework for cities and communities",
        "A way to describe a city as a whole (its people, places, activities and "
        "infrastructures) so that plans and data from different departments refer to the same "
        "picture.",
        ["urban-planning", "governance"],
        [(2019, "", "")],
    ),
    (
        "ISO 37106",
        "iso-37106",
        "Guidance on establishing smart city operating models",
        "How a city organises itself to become smart: leadership, services designed around "
        "residents, open and shared data, and a roadmap. An operating model, not a list of "
        "technologies. First a technical specification, then a full standard.",
        ["governance", "telecommunication"],
        [(2018, "ISO/TS 37106:2018", ""), (2021, "", "")],
    ),
    (
        "ISO/TS 37107",
        "iso-ts-37107",
        "Maturity model for smart sustainable communities",
        "A maturity model: a community rates how far it has come in managing itself as a smart, "
        "sustainable place, and sees what the next level asks of it.",
        ["governance"],
        [(2019, "", "")],
    ),
    (
        "ISO 37120",
        "iso-37120",
        "Indicators for city services and quality of life",
        "About a hundred indicators over the 19 city themes (unemployment, life expectancy, air "
        "quality, transport...), each with a fixed definition, so that a city follows itself "
        "over the years and compares itself with others. The basis of WSCO's Smart City Audits.",
        ALL_THEMES,
        [(2014, "", "ISO37120:2014"), (2018, "", "ISO37120:2018")],
    ),
    (
        "ISO 37122",
        "iso-37122",
        "Indicators for smart cities",
        "Indicators that add to ISO 37120 what makes a city smart: services online, smart "
        "meters, open data, sensors and the like, in the same form and themes.",
        ALL_THEMES,
        [(2019, "", "ISO37122:2019")],
    ),
    (
        "ISO 37123",
        "iso-37123",
        "Indicators for resilient cities",
        "Indicators of how well a city prepares for, absorbs and recovers from shocks such as "
        "disasters, extreme weather or an economic crisis, in the same form as ISO 37120.",
        ["safety", "environment", "economy", "health", "housing"],
        [(2019, "", "ISO37123:2019")],
    ),
    (
        "ISO 37151",
        "iso-37151",
        "Smart community infrastructures: principles for performance metrics",
        "How to define performance metrics for a community's infrastructures (energy, water, "
        "transport, waste, communications) so that they can be compared and improved.",
        ["energy", "water", "transportation", "solid-waste", "telecommunication"],
        [(2015, "", "")],
    ),
]

DEMO_SOURCE = "Invented for the demo: not a real act."

# country, region, city name, title, number, standard slug, edition year, rule, population,
# obligations, steps [(step, date)], proposed on, WSCO's part.
ACTS = [
    (
        "RO", "", "", "Demo example: a national law on city indicators", "DEMO-RO-2022-1",
        "iso-37120", 2018, AppliesTo.MUNICIPALITIES_ABOVE, 100_000,
        "Municipalities from 100 000 inhabitants report the ISO 37120 indicators every year.",
        [("adopt", date(2022, 11, 15)), ("bring_into_force", date(2023, 1, 1))],
        date(2022, 3, 1), "WSCO's experts commented on the draft (demo).",
    ),
    (
        "RO", "Nord-Vest", "", "Demo example: a regional decision on smart city operating models",
        "DEMO-RO-2024-2", "iso-37106", 2021, AppliesTo.ALL_MUNICIPALITIES, None,
        "The region's municipalities set out a smart city operating model and a roadmap.",
        [("adopt", date(2024, 3, 20)), ("bring_into_force", date(2024, 6, 1))],
        date(2023, 10, 2), "",
    ),
    (
        "RO", "", "", "Demo example: a bill on smart city indicators", "DEMO-RO-2025-3",
        "iso-37122", 2019, AppliesTo.MUNICIPALITIES_ABOVE, 200_000,
        "Municipalities from 200 000 inhabitants would report the ISO 37122 indicators.",
        [], date(2025, 4, 7), "WSCO proposed the bill's list of indicators (demo).",
    ),
    (
        "MD", "", "Chișinău", "Demo example: a city council decision on city indicators",
        "DEMO-MD-2023-1", "iso-37120", 2018, AppliesTo.NAMED_CITY, None,
        "The city publishes its ISO 37120 indicators and has them audited.",
        [("adopt", date(2023, 2, 9)), ("bring_into_force", date(2023, 3, 1))],
        date(2022, 12, 1), "",
    ),
    (
        "PT", "", "", "Demo example: procurement rules for city management systems",
        "DEMO-PT-2021-1", "iso-37101", 2016, AppliesTo.PUBLIC_PROCUREMENT, None,
        "Public tenders for city management may ask for ISO 37101 certification.",
        [("bring_into_force", date(2021, 9, 1))], date(2021, 2, 1), "",
    ),
    (
        "ES", "", "", "Demo example: a voluntary national smart city programme",
        "DEMO-ES-2022-1", "iso-37122", 2019, AppliesTo.VOLUNTARY, None,
        "Cities that join the programme are recommended to report ISO 37122.",
        [("bring_into_force", date(2022, 5, 1)), ("amend", date(2024, 1, 15))],
        date(2022, 1, 10), "",
    ),
    (
        "BG", "", "", "Demo example: an ordinance on city resilience indicators",
        "DEMO-BG-2021-1", "iso-37123", 2019, AppliesTo.ALL_MUNICIPALITIES, None,
        "Every municipality reported the ISO 37123 indicators; repealed in the demo.",
        [("bring_into_force", date(2021, 7, 1)), ("repeal", date(2024, 12, 31))],
        date(2021, 1, 20), "",
    ),
]  # fmt: skip


def _library(staff) -> dict[str, Standard]:
    standards = {}
    for reference, slug, title, summary, themes, editions in STANDARDS:
        standard = services.save_standard(
            by=staff,
            reference=reference,
            slug=slug,
            title=title,
            summary=summary,
            body="ISO/TC 268" if reference != "ISO 37151" else "ISO/TC 268/SC 1",
            themes=themes,
        )
        previous = None
        for year, label, catalogue_key in editions:
            previous = services.add_edition(
                standard=standard,
                year=year,
                label=label,
                catalogue_key=catalogue_key,
                replaces=previous,
                by=staff,
            )
        standards[slug] = standard
    return standards


def seed(context: DemoContext) -> None:
    """Load the ISO/TC 268 standards, followers, and demo acts in five countries."""
    users = get_user_model().objects
    staff = users.filter(email="staff@demo.wsco.example").first()
    standards = _library(staff)
    member = users.filter(email="member@demo.wsco.example").first()
    if member is not None:
        # Followed before the acts are recorded, so the member's home page has their news.
        services.follow(user=member, standard=standards["iso-37120"])
        services.follow(user=member, country="RO")
    for (
        country, region, city_name, title, number, slug, year, rule, population,
        obligations, steps, proposed_on, wsco_part,
    ) in ACTS:  # fmt: skip
        standard = standards[slug]
        adoption = services.record_adoption(
            by=staff,
            country=country,
            region=region,
            city=City.objects.filter(name=city_name).first() if city_name else None,
            title=title,
            act_number=number,
            act_date=steps[0][1] if steps else None,
            standard=standard,
            edition=standard.editions.get(year=year),
            applies_to=rule,
            min_population=population,
            obligations=obligations,
            proposed_on=proposed_on,
            wsco_took_part=bool(wsco_part),
            wsco_part=wsco_part,
            sources=DEMO_SOURCE,
            is_demo=True,
        )
        for step, on in steps:
            services.change_adoption_status(adoption=adoption, step=step, on=on, by=staff)
    context.say(
        f"Standards: {len(STANDARDS)} standards of ISO/TC 268, {len(ACTS)} demo acts "
        "in 5 countries (marked as demo examples)."
    )
