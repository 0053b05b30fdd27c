"""Reads of the members app that other places reuse."""

from django.db.models import Count, Q

from wsco.members.models import Organization, Profile


def directory_counts() -> dict[str, int]:
    """Return how many listed members, organizations with members, and countries there are."""
    listed = Profile.objects.listed()
    counts = listed.aggregate(
        members=Count("pk"),
        countries=Count("country", distinct=True),
        organizations=Count("organization", distinct=True, filter=Q(organization__isnull=False)),
    )
    return counts | {"organizations": counts["organizations"] or Organization.objects.count()}
