"""What the network has on a theme (`wsco.core.theme_offers`): the people with that expertise.

The people are the ones the network would suggest for the themes (`suggest_people_for`:
current members who consented to be recommended, never hidden ones), among those whose
expertise holds one of the themes and whom the viewer may see in the directory: a visitor
sees only the public profiles, a member and staff the members-only ones too.
"""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext

from wsco.core.theme_offers import Offer, OfferItem
from wsco.members import people
from wsco.members.directory_changes import DIRECTORY
from wsco.members.models import Profile, sees_members_only_profiles
from wsco.network.queries import recommendable_profiles

EXPERTISE = Profile.themes_of_expertise.through


def experts_visible_to(user):
    """Return the recommendable profiles `user` may see in the directory."""
    return recommendable_profiles().visible_to(user)


def find_people(themes: list[str], *, user, limit: int) -> list[OfferItem]:
    """Return the best placed people with expertise in `themes` whom `user` may see."""
    from wsco.network.services import suggest_people_for  # NumPy: loaded on first use

    candidates = (
        EXPERTISE.objects.filter(profile__in=experts_visible_to(user), theme__slug__in=themes)
        .values_list("profile_id", flat=True)
        .distinct()
    )
    matches = suggest_people_for(themes=themes, limit=limit, candidates=candidates)
    expertise: dict[int, set[str]] = {}
    for profile_id, slug in EXPERTISE.objects.filter(
        profile_id__in=[match.profile.pk for match in matches], theme__slug__in=themes
    ).values_list("profile_id", "theme__slug"):
        expertise.setdefault(profile_id, set()).add(slug)
    items = []
    for match in matches:
        person = people.shown(match.profile, user)
        organization = person.organization.name if person.organization else ""
        items.append(
            OfferItem(
                title=person.name,
                url=person.url,
                text=" · ".join(part for part in (person.title, organization) if part),
                image=person.photo_url,
                initials=person.initials,
                tone=person.tone,
                themes=tuple(
                    slug for slug in themes if slug in expertise.get(match.profile.pk, ())
                ),
            )
        )
    return items


def count_people(user) -> dict[str, int]:
    """Return, per theme, how many people with that expertise `user` may see."""
    rows = (
        EXPERTISE.objects.filter(profile__in=experts_visible_to(user))
        .values("theme__slug")
        .annotate(number=Count("profile_id"))
        .order_by()
    )
    return {row["theme__slug"]: row["number"] for row in rows}


def _directory_of(themes: list[str]) -> str:
    return reverse("members:directory") + f"?theme={themes[0]}" if len(themes) == 1 else ""


def _audience(user) -> str:
    return "members" if sees_members_only_profiles(user) else "public"


PEOPLE = Offer(
    name="people",
    title=_("People with this expertise"),
    find=find_people,
    count=count_people,
    count_label=lambda n: npgettext("theme figure", "expert", "experts", n),
    icon="users",
    empty=_("No member you can see has declared expertise in %(themes)s yet."),
    action_label=_("Declare your expertise"),
    action_url=lambda themes: reverse("members:edit_profile"),
    see_all=_directory_of,
    audience=_audience,
    data_set=DIRECTORY,
    order=10,
)
