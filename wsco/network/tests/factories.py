"""Factories and helpers for the network's tests."""

import itertools

from wsco.core.models import Theme
from wsco.members.models import OrganizationType, Profile
from wsco.members.tests.factories import MemberProfileFactory, OrganizationFactory
from wsco.network.models import Connection

_phones = itertools.count(1000)


def member(
    *,
    organization=None,
    with_organization: bool = True,
    organization_type: str = OrganizationType.COMPANY,
    interests=(),
    expertise=(),
    offers: str = "",
    looks_for: str = "",
    consent: bool = True,
    **fields,
) -> Profile:
    """Create a current member with themes and texts, of `organization`, of a new one, or of
    none (`with_organization=False`: the network treats that case apart)."""
    if organization is None and with_organization:
        organization = OrganizationFactory(type=organization_type)
    profile = MemberProfileFactory(
        organization=organization,
        recommend_consent=consent,
        offers=offers,
        looks_for=looks_for,
        phone=fields.pop("phone", f"+40 700 55{next(_phones)}"),
        **fields,
    )
    profile.themes_of_interest.set(Theme.objects.by_slugs(interests))
    profile.themes_of_expertise.set(Theme.objects.by_slugs(expertise))
    return profile


def connect(first: Profile, second: Profile) -> Connection:
    """Create a connection between two members directly (for tests of what follows one)."""
    low, high = sorted([first, second], key=lambda profile: profile.pk)
    return Connection.objects.create(first=low, second=high)
