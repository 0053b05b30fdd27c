"""Standards, editions and acts for the tests, made through the services where it matters."""

from datetime import date

import factory

from wsco.members.tests.factories import UserFactory
from wsco.standards import services
from wsco.standards.models import AppliesTo, Edition, Standard


class StandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Standard

    reference = factory.Sequence(lambda n: f"ISO {37200 + n}")
    slug = factory.Sequence(lambda n: f"iso-{37200 + n}")
    title = "Indicators for city services"
    summary = "A set of indicators a city reports each year."


def iso_37120() -> tuple[Standard, Edition, Edition]:
    """Return ISO 37120 with its 2014 edition replaced by its 2018 one, both catalogued."""
    staff = UserFactory(is_staff=True)
    standard = services.save_standard(
        by=staff,
        reference="ISO 37120",
        slug="iso-37120",
        title="Indicators for city services and quality of life",
        summary="Indicators a city reports to compare itself with others.",
        body="ISO/TC 268",
        themes=["economy", "water"],
    )
    earlier = services.add_edition(
        standard=standard, year=2014, by=staff, catalogue_key="ISO37120:2014"
    )
    later = services.add_edition(
        standard=standard, year=2018, by=staff, catalogue_key="ISO37120:2018", replaces=earlier
    )
    earlier.refresh_from_db()
    return standard, earlier, later


def act(standard: Standard, *, by=None, **fields):
    """Record an act adopting `standard` (Romania, every municipality, proposed) via the service."""
    values = {
        "country": "RO",
        "title": "Law on city indicators",
        "applies_to": AppliesTo.ALL_MUNICIPALITIES,
        "proposed_on": date(2024, 1, 10),
        "standard": standard,
    } | fields
    return services.record_adoption(by=by or UserFactory(is_staff=True), **values)


def in_force(adoption, *, on=date(2024, 6, 1), by=None):
    """Take `adoption` to in force, dated `on`."""
    return services.change_adoption_status(
        adoption=adoption, step="bring_into_force", on=on, by=by or UserFactory(is_staff=True)
    )
