"""Where the members app shows people, for the visibility sweep (tests/visibility_sweep.py).

A person is listed in the directory, on their organization's page and on the page of a theme
they work on, and found by the site-wide search; the administrator of an organization's
membership sees the people it covers.
"""

from urllib.parse import urlencode

from django.urls import reverse

from wsco.core.models import Theme
from wsco.members.models import (
    Application,
    JoinRequest,
    Membership,
    Profile,
    Seat,
    SeatInvitation,
)

THEME = "water"  # the theme whose page the XSS sweep's world asks for


def _listed(world, subject) -> list[str]:
    from wsco.members.services.profiles import refresh_search_document

    subject.profile.themes_of_interest.add(Theme.objects.get(slug=THEME))
    refresh_search_document(profile=subject.profile)
    # Found by their name, with their bio as the excerpt where it may be shown.
    by_name = urlencode({"q": subject.profile.name})
    return [
        reverse("api-1.0.0:get_member", kwargs={"member_id": subject.profile.pk}),
        subject.profile.organization.get_absolute_url(),
        f"{reverse('core:search')}?{by_name}",
        f"{reverse('api-1.0.0:search')}?{by_name}",
    ]


def _covered(world, subject) -> list[str]:
    Seat.objects.create(membership=world[Membership], profile=subject.profile)
    return []


SHOWS_PEOPLE = {
    Profile: _listed,
    Seat: _covered,
}
NOT_SHOWN = {
    Application: "seen by the applicant and the secretariat only",
    Membership: "seen by its holder (or the organization's administrator) and the secretariat only",
    JoinRequest: "seen by the person asking, the organization's administrator (by name, with the "
    "title their visibility allows) and the secretariat only",
    SeatInvitation: "shows the address and name the administrator typed, to them and to whoever "
    "holds the link; nothing of a profile",
}
