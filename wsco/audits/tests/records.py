"""Cities, audits and their teams for the platform's tests (the engine's frames: factories.py)."""

import factory

from wsco.accounts.models import RoleGrant
from wsco.audits.models import Audit, BaseValue, City, ReportedValue
from wsco.audits.services.audits import add_team_member, name_official
from wsco.members.tests.factories import MemberProfileFactory


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City

    name = factory.Sequence(lambda n: f"City {n}")
    slug = factory.Sequence(lambda n: f"city-{n}")
    country = "RO"
    region = "Transylvania"
    population = 300_000


class AuditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Audit

    city = factory.SubFactory(CityFactory)
    year = 2025


def person(*roles: str, staff: bool = False):
    """Return a member's user holding `roles` (auditor, city_official...)."""
    user = MemberProfileFactory().user
    for role in roles:
        RoleGrant.objects.create(user=user, role=role)
    if staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return user


def official_of(city: City):
    """Return a city official named for `city` by staff."""
    official = person("city_official")
    name_official(city=city, user=official, by=person(staff=True))
    return official


def auditor_on(audit: Audit):
    """Return an auditor put on `audit`'s team by staff."""
    auditor = person("auditor")
    add_team_member(audit=audit, user=auditor, role="auditor", by=person(staff=True))
    return auditor


def enter(audit: Audit, by=None, **values: str) -> None:
    """Enter base values (`population="300000"`) as the city wrote them."""
    for variable, value in values.items():
        BaseValue.objects.update_or_create(
            audit=audit, variable=variable, defaults={"value": value, "entered_by": by}
        )


def report(audit: Audit, indicator: str, numerator="", denominator="", value="", by=None):
    return ReportedValue.objects.create(
        audit=audit,
        indicator=indicator,
        numerator=numerator,
        denominator=denominator,
        value=value,
        entered_by=by,
    )


def enter_every_variable(audit: Audit, value: str = "100", by=None) -> None:
    """Enter every base variable of the audit's editions as `value`: each indicator computable.

    With every variable at 100, shares are 100 % (not above) and every other value is a
    multiplier's power of ten: every indicator is ok or warned, never invalid, so the audit
    reaches each edition's top level.
    """
    from wsco.audits.engine.catalogue import load_catalogue

    formulas = load_catalogue().formulas(audit.edition_list)
    variables = {
        name
        for column in ("numerator_variable", "denominator_variable")
        for name in formulas[column].drop_nulls().cast(str).to_list()
    }
    BaseValue.objects.bulk_create(
        BaseValue(audit=audit, variable=variable, value=value, entered_by=by)
        for variable in sorted(variables)
    )


def verified(audit: Audit) -> Audit:
    """Take `audit` from draft to verified through its workflow (officials, two auditors)."""
    from wsco.audits.services.audits import take_step

    official = official_of(audit.city)
    take_step(audit=audit, step="submit", by=official)
    take_step(audit=audit, step="start_verification", by=auditor_on(audit))
    take_step(audit=audit, step="verify", by=auditor_on(audit))
    return audit
