"""What the members app puts on the home page: the directory, organizations, network, joining."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext

from wsco.core.home import Activity, Figure, Item, Part
from wsco.members.directory_changes import DIRECTORY
from wsco.members.models import Profile, Visibility
from wsco.members.queries import directory_counts


def _members() -> int:
    return directory_counts()["members"]


def _organizations() -> int:
    return directory_counts()["organizations"]


PARTS = [
    Part(
        name="directory",
        title=_("The members"),
        text=_("People from city halls, companies, universities and NGOs, by theme and country."),
        url_name="members:directory",
        icon="users",
        figures=(Figure(_members, lambda n: npgettext("home figure", "member", "members", n)),),
        data_set=DIRECTORY,
        order=10,
    ),
    Part(
        name="organizations",
        title=_("Organizations"),
        text=_("Companies, public entities, universities, NGOs and political organizations."),
        url_name="members:organizations",
        icon="building",
        figures=(
            Figure(
                _organizations,
                lambda n: npgettext("home figure", "organization", "organizations", n),
            ),
        ),
        data_set=DIRECTORY,
        order=20,
    ),
    Part(
        name="network",
        title=_("The network"),
        text=_(
            "Explained suggestions and double opt-in introductions between people from "
            "different areas with the same interests."
        ),
        url_name="network:people_to_meet",
        icon="globe",
        order=30,
    ),
    Part(
        name="join",
        title=_("Join WSCO"),
        text=_("Individual, corporate, institutional and political memberships."),
        url_name="members:apply",
        icon="plus",
        order=90,
    ),
]


def _new_members(limit: int) -> list[Item]:
    """Return the newest members whose profile is public, to anyone."""
    profiles = (
        Profile.objects.listed()
        .filter(visibility=Visibility.PUBLIC)
        .select_related("organization")
        .order_by("-created_at")[:limit]
    )
    return [
        Item(
            kind=str(_("New member")),
            title=profile.name,
            url=reverse("members:profile", kwargs={"pk": profile.pk}),
            at=profile.created_at,
            person=profile,
        )
        for profile in profiles
    ]


ACTIVITY = Activity(name="members", latest=_new_members, data_set=DIRECTORY)
