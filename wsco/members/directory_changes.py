"""Keep the directory's cached pages true: every write to what they show changes a token.

Two kinds of cached pages show members (`wsco.core.page_cache`):

- `DIRECTORY`: whatever shows members as a whole (the home page's panels, the theme pages'
  members): every write to profiles, organizations, themes or memberships ends them.
- The directory's lists (the members' directory, the organizations' list and their API
  answers), per audience: a page lists the members its filters select, so a change to one
  profile ends only the pages that can show it. Each list page depends on `DIRECTORY_LISTS`
  (ended by every write but a single profile's: organizations, memberships, seats, a deploy)
  and on the facets its filters name (`list_facets`): a theme, a country, an organization
  type, or `all` for a page without any of them (the unfiltered list, a search alone). A
  change to a profile ends the facets it had before and has after (`profile_facets`) for
  the lists that show it (public profiles in the visitors' list, public and members-only
  ones in the members' list), and `all`.

A page filtered on several facets depends on each of them, so it ends when the changed
profile shares any one (a country RO change ends "RO + water" even for a profile without
water): more than needed, never less. Saves and deletes reach this module through signals;
the services that write with `update()` (which sends none) call `directory_changed` or
`profile_changed` themselves.

A deploy changes the pages too (templates, hashed names of static files): it runs `migrate`,
whose end marks the directory changed as well.
"""

from django.apps import apps
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_delete,
)
from django.utils import timezone

from wsco.core.page_cache import mark_changed

DIRECTORY = "members:directory"
DIRECTORY_LISTS = "members:directory:lists"
# The members' cards the lists show (`wsco.members.cards`): each is keyed by what it shows, so
# a profile's own change needs no token; the rest of `DIRECTORY_LISTS`'s changes end them.
DIRECTORY_CARDS = "members:directory:cards"
FACET_DIMENSIONS = ("theme", "country", "type")  # The filters that select a part of a list.
PUBLIC_LIST, MEMBERS_LIST = "public", "members"


def _facet(shown_list: str, dimension: str, value: str) -> str:
    return f"{DIRECTORY_LISTS}:{shown_list}:{dimension}:{value}"


ALL = f"{DIRECTORY_LISTS}:all"


def list_facets(shown_list: str, filters: dict[str, str]) -> list[str]:
    """Return the facets a list page depends on: one per filter it has, or `ALL` without any.

    `shown_list` is `PUBLIC_LIST` or `MEMBERS_LIST` (which profiles the audience sees).
    """
    facets = [
        _facet(shown_list, dimension, filters[dimension])
        for dimension in FACET_DIMENSIONS
        if filters.get(dimension)
    ]
    return facets or [ALL]


def profile_facets(state: dict) -> set[str]:
    """Return the facets that show a profile in `state`; none when it is not listed.

    `state` holds `is_member`, `visibility`, `country`, `type` (its organization's) and
    `themes` (slugs), as `Profile.directory_state()` gives them.
    """
    from wsco.members.models import Visibility

    if not state or not state["is_member"] or state["visibility"] == Visibility.HIDDEN:
        return set()
    shown_lists = [MEMBERS_LIST]
    if state["visibility"] == Visibility.PUBLIC:
        shown_lists.append(PUBLIC_LIST)
    values = [("country", state["country"]), ("type", state["type"])]
    values += [("theme", slug) for slug in state["themes"]]
    return {ALL} | {
        _facet(shown_list, dimension, value)
        for shown_list in shown_lists
        for dimension, value in values
        if value
    }


def directory_changed(**signal_arguments) -> None:
    """Mark the directory's data changed, every list page with it (also a signal receiver)."""
    if signal_arguments.get("action", "post_").startswith("post_"):
        mark_changed(DIRECTORY, DIRECTORY_LISTS, DIRECTORY_CARDS)


def profile_changed(*, before: dict | None, after: dict | None) -> None:
    """Mark changed what a change of one profile from `before` to `after` can affect."""
    mark_changed(DIRECTORY, *sorted(profile_facets(before) | profile_facets(after)))


def profile_state(profile, listing: dict | None = None) -> dict | None:
    """Return what of `profile` decides the lists that show it (see `profile_facets`).

    `listing` gives its listed columns as they were (`Profile.listing()`); by default, as they
    are. None when they are not known (a column was not loaded).
    """
    from wsco.members.models import Organization

    listing = profile.listing() if listing is None else listing
    if listing["is_member"] is None or listing["visibility"] is None:
        return None
    if listing["organization_id"] is None:
        kind = ""
    elif profile.organization_id == listing["organization_id"] and profile.organization:
        kind = profile.organization.type
    else:
        found = Organization.objects.filter(pk=listing["organization_id"]).values_list("type")
        kind = next(iter(found), ("",))[0]
    return {
        "is_member": listing["is_member"],
        "visibility": listing["visibility"],
        "country": str(listing["country"] or ""),
        "type": kind,
        "themes": profile.theme_slugs(),
    }


def profile_shown_changed(profile) -> None:
    """Mark changed the lists that show `profile` as it is (a change that keeps its facets)."""
    state = profile_state(profile)
    if state is None:
        directory_changed()
    else:
        profile_changed(before=None, after=state)


def _profile_saved(sender, instance, created, **_arguments) -> None:
    loaded = getattr(instance, "loaded_listing", None)
    after = profile_state(instance)
    before = None if created or loaded is None else profile_state(instance, loaded)
    if after is None or (not created and before is None):
        directory_changed()  # A column was not loaded: which lists showed it is not known.
    else:
        profile_changed(before=before, after=after)
    instance.loaded_listing = instance.listing()


def _profile_deleting(sender, instance, **_arguments) -> None:
    # Its theme rows go before it does: read them while they are there.
    instance.themes_deleted = instance.theme_slugs()


def _profile_deleted(sender, instance, **_arguments) -> None:
    loaded = getattr(instance, "loaded_listing", None) or instance.listing()
    before = profile_state(instance, loaded)
    if before is None:
        directory_changed()
        return
    themes = before["themes"] | getattr(instance, "themes_deleted", set())
    profile_changed(before=before | {"themes": themes}, after=None)


def _profile_themes_changed(sender, instance, action, pk_set, **_arguments) -> None:
    from wsco.core.models import Theme
    from wsco.members.models import Profile

    if not isinstance(instance, Profile):  # Changed from the theme's side: any profiles.
        directory_changed(action=action)
        return
    if action == "pre_clear":  # The themes cleared are known only before.
        instance.themes_cleared = instance.theme_slugs()
        return
    if not action.startswith("post_"):
        return
    # A card is kept under its profile's `updated_at` (`cards`): its themes move it too.
    instance.updated_at = timezone.now()
    Profile.objects.filter(pk=instance.pk).update(updated_at=instance.updated_at)
    state = profile_state(instance)
    if state is None:
        directory_changed()
        return
    if action == "post_clear":
        touched = getattr(instance, "themes_cleared", set())
    else:
        touched = set(Theme.objects.filter(pk__in=pk_set or ()).values_list("slug", flat=True))
    # The cards of the lists it shows in show its themes: all its facets, and the ones it lost.
    profile_changed(before=None, after=state | {"themes": state["themes"] | touched})


def connect() -> None:
    """Connect the receivers to the signals of every model the directory shows."""
    from wsco.members.models import Membership, Organization, Profile, Seat

    post_save.connect(_profile_saved, sender=Profile, dispatch_uid="directory-profile-saved")
    pre_delete.connect(_profile_deleting, sender=Profile, dispatch_uid="directory-profile-going")
    post_delete.connect(_profile_deleted, sender=Profile, dispatch_uid="directory-profile-gone")
    for model in (Organization, Membership, Seat):
        post_save.connect(directory_changed, sender=model, dispatch_uid=f"directory-{model}")
        post_delete.connect(directory_changed, sender=model, dispatch_uid=f"directory-{model}")
    for relation in (Profile.themes_of_interest, Profile.themes_of_expertise):
        m2m_changed.connect(
            _profile_themes_changed,
            sender=relation.through,
            dispatch_uid=f"directory-{relation.field}",
        )
    m2m_changed.connect(
        directory_changed,
        sender=Organization.themes.through,
        dispatch_uid=f"directory-{Organization.themes.field}",
    )
    post_migrate.connect(
        directory_changed, sender=apps.get_app_config("members"), dispatch_uid="directory-deploy"
    )
