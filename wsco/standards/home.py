"""What the standards put on the home page: a card with the library's and the register's figures."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext

from wsco.core.home import Figure, Part
from wsco.standards.models import Adoption, Standard
from wsco.standards.services import STANDARDS

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
