"""What the standards put on the home page: a card with the library's and the register's figures."""

from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext

from wsco.audits.services.benchmarks import AUDITS
from wsco.core.home import Figure, Part
from wsco.core.page_cache import mark_changed
from wsco.standards.models import Adoption, AdoptionEvent, Edition, Standard
from wsco.standards.services import STANDARDS


def library_changed(**signal_arguments) -> None:
    """Mark the library and the register changed, and the cities' obligations they decide (a
    receiver of save and delete)."""
    mark_changed(STANDARDS, AUDITS)


def connect() -> None:
    """End the cached pages of the library and the register, and the kept panels that show
    them, on every write to a standard, an edition, an act or an act's event: the services
    mark them too, and the admin writes through these saves alone."""
    for model in (Standard, Edition, Adoption, AdoptionEvent):
        post_save.connect(library_changed, sender=model, dispatch_uid=f"library-{model}")
        post_delete.connect(library_changed, sender=model, dispatch_uid=f"library-{model}")


PART = Part(
    name="standards",
    title=_("Standards and legislation"),
    text=_("The ISO standards for cities, and where they are law."),
    url_name="standards:standards",
    icon="landmark",
    figures=(
        Figure(
            lambda: Standard.objects.count(),
            lambda n: npgettext("home figure", "standard", "standards", n),
        ),
        Figure(
            lambda: Adoption.objects.values("country").distinct().count(),
            lambda n: npgettext("home figure", "country with an act", "countries with acts", n),
        ),
    ),
    data_set=STANDARDS,
    order=36,
)
