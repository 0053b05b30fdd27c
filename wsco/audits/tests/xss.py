"""What the every-field XSS sweep needs from the audits app (see wsco/core/tests/xss_sweep.py).

One city with a municipality, an audit of it with a base value, a reported indicator, its
history and the engine's results. "member" is an official of the city and on the audit's team,
so the unpublished audit's pages open for them.
"""

from wsco.audits.models import (
    Audit,
    AuditEvent,
    BaseValue,
    City,
    CityOfficial,
    IndicatorResult,
    ReportedValue,
    TeamMember,
)
from wsco.audits.services.audits import add_team_member, create_audit
from wsco.audits.services.results import store_results
from wsco.audits.tests.records import CityFactory
from wsco.members.models import Organization


def _audit(world) -> Audit:
    audit = create_audit(city=world[City], year=2025, by=world.person("staff"))
    add_team_member(audit=audit, user=world.person("member"), role="official", by=None)
    return audit


def _results(world) -> IndicatorResult:
    store_results(world[Audit])
    return IndicatorResult.objects.filter(audit=world[Audit]).first()


BUILDERS = {
    City: lambda world: CityFactory(municipality=world[Organization]),
    CityOfficial: lambda world: CityOfficial.objects.create(
        city=world[City], user=world.person("member")
    ),
    Audit: _audit,
    TeamMember: lambda world: TeamMember.objects.get(audit=world[Audit]),
    AuditEvent: lambda world: AuditEvent.objects.filter(audit=world[Audit]).first(),
    BaseValue: lambda world: BaseValue.objects.create(
        audit=world[Audit], variable="population", value="300000", source="Census"
    ),
    ReportedValue: lambda world: ReportedValue.objects.create(
        audit=world[Audit],
        indicator="ISO37120:2018/5.1",
        numerator="12000",
        denominator="150000",
        value="8",
    ),
    IndicatorResult: _results,
}
NOT_WRITTEN_BY_PEOPLE = {
    "audits.Audit.editions": "the editions' keys, chosen from a fixed list",
    "audits.Audit.level": "the level the engine gives",
    "audits.BaseValue.variable": "a variable of the engine's catalogue",
    "audits.ReportedValue.indicator": "an indicator key of the engine's catalogue",
    "audits.IndicatorResult.indicator": "an indicator key of the engine's catalogue",
    "audits.IndicatorResult.theme": "a theme slug",
    "audits.IndicatorResult.currency": "an ISO 4217 code the engine read",
    "audits.IndicatorResult.outcome": "the engine's status",
    "audits.Audit.report_key": "a fingerprint the report's task computes",
}
NOT_PAGES = {
    "audits:report": "the audit's report, a PDF made by the PDF renderer",
}
