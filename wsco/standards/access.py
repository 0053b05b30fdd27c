"""Who may see and do what in the library and the register; views reach objects only here.

The library and the register are public. Staff edit them. Current members (and staff) follow
a standard or a country. A city's checklist of obligations is for its officials and staff:
anyone else gets a 404, as for the city's unpublished audits.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django_countries import countries

from wsco.audits.models import City
from wsco.members.access import require_staff
from wsco.standards.models import Adoption, Edition, Standard

__all__ = ["require_staff"]


def get_standard(slug: str) -> Standard:
    return get_object_or_404(Standard, slug=slug)


def get_adoption(pk: int) -> Adoption:
    return get_object_or_404(
        Adoption.objects.select_related("standard", "edition__standard", "city"), pk=pk
    )


def get_edition_for_staff(user, pk: int) -> Edition:
    require_staff(user)
    return get_object_or_404(Edition.objects.select_related("standard"), pk=pk)


def country_code(code: str) -> str:
    """Return the upper-case country code of `code`; 404 for a code that names no country."""
    code = code.upper()
    if code not in dict(countries):
        raise Http404
    return code


def may_follow(user) -> bool:
    """Say whether `user` may follow: current members and staff."""
    if not (user.is_authenticated and user.is_active):
        return False
    profile = getattr(user, "profile", None)
    return user.is_staff or bool(profile and profile.is_member)


def require_follower(user) -> None:
    if not may_follow(user):
        raise PermissionDenied


def get_city_for_official(user, slug: str) -> City:
    """Return the city `slug` if `user` acts for it (an official) or is staff; 404 otherwise."""
    city = get_object_or_404(City, slug=slug)
    if user.is_staff or city.official_rows.filter(user=user).exists():
        return city
    raise Http404
