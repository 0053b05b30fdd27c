"""The standards' kinds of notification: what the people following a standard or a country hear.

They are shown at once in the notification centre and on the home page; their email is sent once
a day, every item of the day together (`wsco standards_daily`, `wsco.standards.digest`).
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from wsco.notifications.kinds import Kind
from wsco.standards.models import AdoptionStatus

DIGEST_TEMPLATE = "standards/email/digest"


def _country(params: dict) -> str:
    # Stored as its code and named in the reader's language.
    return str(countries.name(params["country"])) or params["country"]


def _new_adoption(params: dict) -> str:
    return _("%(country)s: “%(title)s” adopts %(standard)s") % {
        **params,
        "country": _country(params),
    }


def _status_changed(params: dict) -> str:
    state = str(AdoptionStatus(params["state"]).label).lower()
    return _("%(country)s: “%(title)s” is now %(state)s") % {
        **params,
        "country": _country(params),
        "state": state,
    }


def _adoption_page(params: dict) -> str:
    return reverse("standards:adoption", kwargs={"pk": params["adoption"]})


KINDS = [
    Kind(
        name="standards.new_edition",
        label=gettext_lazy("A standard you follow has a new edition (daily email)"),
        title=lambda params: _("%(edition)s: a new edition of %(standard)s") % params,
        link=lambda params: reverse("standards:standard", kwargs={"slug": params["slug"]}),
        email_template=DIGEST_TEMPLATE,
        digest=True,
        order=60,
    ),
    Kind(
        name="standards.new_adoption",
        label=gettext_lazy("A standard or a country you follow has a new act (daily email)"),
        title=_new_adoption,
        link=_adoption_page,
        email_template=DIGEST_TEMPLATE,
        digest=True,
        order=61,
    ),
    Kind(
        name="standards.status_changed",
        label=gettext_lazy("An act you follow changes status (daily email)"),
        title=_status_changed,
        link=_adoption_page,
        email_template=DIGEST_TEMPLATE,
        digest=True,
        order=62,
    ),
]
KIND_NAMES = [kind.name for kind in KINDS]
