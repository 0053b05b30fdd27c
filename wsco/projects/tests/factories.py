"""Projects for the tests: private or published, owned by a city or a public entity."""

from wsco.audits.models import Audit, AuditStatus, IndicatorResult
from wsco.audits.tests.records import CityFactory, official_of, person
from wsco.core.models import Theme
from wsco.members.models import OrganizationType
from wsco.members.tests.factories import OrganizationFactory
from wsco.projects.models import Visibility
from wsco.projects.services.projects import add_team_member, create_project, set_visibility


def project(*, published: bool = False, city=None, entity: bool = False, themes=("water",)):
    """Return a project led by a city official (or by a public entity's person), with themes.

    `published` puts it in the portfolio; `entity` makes a ministry its owner instead of a city.
    """
    if entity:
        lead = person()
        owner = {"organization": OrganizationFactory(type=OrganizationType.MINISTRY)}
    else:
        city = city or CityFactory()
        lead = official_of(city)
        owner = {"city": city}
    made = create_project(
        title="Smart water meters",
        summary="Meters that tell the city where water is lost.",
        by=lead,
        themes=Theme.objects.filter(slug__in=themes),
        **owner,
    )
    if published:
        set_visibility(project=made, visibility=Visibility.PUBLISHED, by=lead)
    made.lead = lead
    return made


def on_team(made, role: str):
    """Return a new member put on the project's team with `role`."""
    user = person()
    add_team_member(project=made, user=user, role=role, by=made.lead)
    return user


def published_audit(city, year: int, values: dict[str, float]) -> Audit:
    """Return a published audit of `city` for `year` whose results hold `values` by indicator."""
    audit = Audit.objects.create(city=city, year=year, status=AuditStatus.PUBLISHED)
    IndicatorResult.objects.bulk_create(
        IndicatorResult(audit=audit, indicator=key, theme="water", value=value, outcome="ok")
        for key, value in values.items()
    )
    return audit
