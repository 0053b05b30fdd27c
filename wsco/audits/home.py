"""What the audits app puts on the home page, and what ends its cached figures and pages."""

from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext

from wsco.audits.models import Audit, City
from wsco.audits.public import audited_cities
from wsco.audits.services.benchmarks import AUDITS
from wsco.core.home import Figure, Part
from wsco.core.page_cache import mark_changed


def audits_changed(**signal_arguments) -> None:
    """Mark what readers see of the audits changed (a receiver of save and delete)."""
    mark_changed(AUDITS)


def connect() -> None:
    """End the cached public pages of the audits on every write to a city or an audit."""
    for model in (City, Audit):
        post_save.connect(audits_changed, sender=model, dispatch_uid=f"audits-{model}")
        post_delete.connect(audits_changed, sender=model, dispatch_uid=f"audits-{model}")


PART = Part(
    name="audits",
    title=_("Smart City Audits"),
    text=_("Cities measured against the ISO 37120 indicators, verified and published."),
    url_name="audits:cities",
    icon="trending-up",
    figures=(
        Figure(
            lambda: audited_cities().count(),
            lambda n: npgettext("home figure", "city audited", "cities audited", n),
        ),
        Figure(
            lambda: Audit.objects.published().count(),
            lambda n: npgettext("home figure", "published audit", "published audits", n),
        ),
    ),
    data_set=AUDITS,
    order=35,
)
