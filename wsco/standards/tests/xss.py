"""What the every-field XSS sweep needs from the standards app (see wsco/core/tests/xss_sweep.py).

A standard with an edition, an act adopting it in the audits' city (so the city's page shows
its obligations) with its history, a follow and a daily email. "member" follows the standard
and is an official of the city, so the home page's panel and the checklist open for them.
"""

from django.utils import timezone

from wsco.audits.models import City
from wsco.standards import services
from wsco.standards.models import Adoption, AdoptionEvent, Digest, Edition, Follow, Standard
from wsco.standards.tests.factories import StandardFactory


def _adoption(world) -> Adoption:
    adoption = services.record_adoption(
        by=world.person("staff"),
        country=world[City].country,
        city=world[City],
        title="A law",
        applies_to="named_city",
        standard=world[Standard],
        edition=world[Edition],
        official_url="https://example.org/law",
    )
    return services.change_adoption_status(
        adoption=adoption, step="bring_into_force", on=timezone.localdate(), by=None
    )


BUILDERS = {
    Standard: lambda world: StandardFactory(),
    Edition: lambda world: services.add_edition(standard=world[Standard], year=2019, by=None),
    Follow: lambda world: services.follow(user=world.person("member"), standard=world[Standard]),
    Adoption: _adoption,
    AdoptionEvent: lambda world: world[Adoption].events.first(),
    Digest: lambda world: Digest.objects.create(
        user=world.person("member"), day=timezone.localdate(), up_to=timezone.now()
    ),
}
URL_KWARGS = {
    "standards:standard": lambda world: {"slug": world[Standard].slug},
    "standards:edit_standard": lambda world: {"slug": world[Standard].slug},
    "standards:add_edition": lambda world: {"slug": world[Standard].slug},
    "standards:adoption": lambda world: {"pk": world[Adoption].pk},
    "standards:edit_adoption": lambda world: {"pk": world[Adoption].pk},
    "standards:country": lambda world: {"code": world[Adoption].country.code},
    "standards:obligations": lambda world: {"slug": world[City].slug},
    "api-1.0.0:get_standard": lambda world: {"slug": world[Standard].slug},
}
NOT_PAGES = {
    "standards:export_csv": "a CSV file, its text neutralised by wsco.core.spreadsheets",
    "standards:follow_standard": "an action (POST) that redirects",
    "standards:follow_country": "an action (POST) that redirects",
    "standards:withdraw_edition": "an action (POST) that redirects",
    "standards:change_status": "an action (POST) that redirects",
}
