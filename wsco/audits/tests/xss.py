"""What the every-field XSS sweep needs from the audits app (see wsco/core/tests/xss_sweep.py).

One city with a municipality, an audit of it with a base value (and a query about it, with its
history), a reported indicator, a verification signature, its history and the engine's results.
"member" is an official of the city and on the audit's team, so the unpublished audit's pages
open for them; staff see its verification.
"""

from wsco.audits.models import (
    Audit,
    AuditEvent,
    AuditScore,
    BaseValue,
    Benchmark,
    City,
    CityOfficial,
    IndicatorResult,
    Query,
    QueryEvent,
    ReportedValue,
    Signature,
    TeamMember,
    ThemeScore,
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


def _query(world) -> Query:
    return Query.objects.create(
        audit=world[Audit],
        base_value=world[BaseValue],
        question="Which survey?",
        raised_by=world.person("staff"),
        answer="The census.",
        answered_by=world.person("member"),
    )


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
    Query: _query,
    QueryEvent: lambda world: QueryEvent.objects.create(
        query=world[Query], to_status="open", by=world.person("staff"), comment="Why?"
    ),
    Signature: lambda world: Signature.objects.create(
        audit=world[Audit], auditor=world.person("other"), statement="Checked."
    ),
    Benchmark: lambda world: Benchmark.objects.create(
        audit=world[Audit],
        indicator="ISO37120:2018/5.1",
        peer_kind="region",
        peer_group="RO/Transylvania",
        group_size=1,
    ),
    ThemeScore: lambda world: ThemeScore.objects.create(
        audit=world[Audit], theme="economy", score=50.0, rank=1
    ),
    AuditScore: lambda world: AuditScore.objects.create(
        audit=world[Audit], index=50.0, rank=1, rank_low=1, rank_high=1, cities=1
    ),
}
# The verification's pages show the audit's values, queries and signatures to staff (and the
# queries to "member", an official of the city on the audit's team).
NOT_WRITTEN_BY_PEOPLE = {
    "audits.Audit.editions": "the editions' keys, chosen from a fixed list",
    "audits.Audit.level": "the level the engine gives",
    "audits.BaseValue.variable": "a variable of the engine's catalogue",
    "audits.ReportedValue.indicator": "an indicator key of the engine's catalogue",
    "audits.IndicatorResult.indicator": "an indicator key of the engine's catalogue",
    "audits.IndicatorResult.theme": "a theme slug",
    "audits.IndicatorResult.currency": "an ISO 4217 code the engine read",
    "audits.IndicatorResult.outcome": "the engine's status",
    "audits.AuditReport.key": "a fingerprint the report's task computes",
    "audits.AuditReport.language": "a language code of the site's",
    "audits.Benchmark.indicator": "an indicator key of the engine's catalogue",
    "audits.ThemeScore.theme": "a theme slug",
}


def _import_in_progress(world) -> dict:
    """An import of the audit that has finished, with a report quoting a value of the file."""
    from django.core.cache import cache

    from wsco.audits.tasks import progress_key

    report = {
        "rows": 1,
        "problems": [
            {
                "row": 2,
                "column": "variable",
                "message": world[BaseValue].comment or "unknown",
                "status": "invalid",
            }
        ],
    }
    cache.set(progress_key(world[Audit].pk, "sweep"), {"done": 1, "total": 1, "report": report})
    return {"pk": world[Audit].pk, "token": "sweep"}


URL_KWARGS = {
    "audits:city": lambda world: {"slug": world[City].slug},
    "audits:audit": lambda world: {"pk": world[Audit].pk},
    "audits:officials": lambda world: {"slug": world[City].slug},
    "audits:entry": lambda world: {"pk": world[Audit].pk},
    "audits:entry_theme": lambda world: {"pk": world[Audit].pk, "theme": "economy"},
    "audits:import": lambda world: {"pk": world[Audit].pk},
    "audits:import_progress": _import_in_progress,
    "audits:team": lambda world: {"pk": world[Audit].pk},
    "audits:verification": lambda world: {"pk": world[Audit].pk},
    "audits:queries": lambda world: {"pk": world[Audit].pk},
    "api-1.0.0:get_city_detail": lambda world: {"slug": world[City].slug},
    "api-1.0.0:get_audit": lambda world: {"audit_id": world[Audit].pk},
    "api-1.0.0:get_results": lambda world: {"audit_id": world[Audit].pk},
}
NOT_PAGES = {
    "audits:values_csv": "a CSV file, its text neutralised by wsco.core.spreadsheets",
    "audits:datapackage": "the data package's fixed descriptor: no text people wrote",
    "audits:template": "the audit's template, an XLSX file written by wsco.core.spreadsheets",
    "audits:report": "the audit's report, a PDF made by the PDF renderer",
}
