"""What a visitor can do from a member's profile page, offered by the apps above `members`.

An app registers an action in its AppConfig.ready() (the network's "Ask to meet"); the profile
page renders every action that applies to the viewer and the person, without importing the apps
that provide them (as the home page does with its panels, `wsco/core/dashboard.py`).

The page is kept in the page cache (`wsco.members.profile_page`), so each action says which of
two kinds it is. One that shows every viewer the same (the courses' certificates, the awards'
placements) names `data_sets`: the data sets its app marks changed when what it shows of a
person changes; it is kept with the page and ended by them. One without `data_sets` depends on
who looks (the network's "Ask to meet": a connection, a request waiting, a block): it is
rendered afresh on every request, and offered to signed-in people only, since a visitor's
page is kept whole.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from wsco.members.models import Profile


@dataclass(frozen=True)
class ProfileAction:
    """A block of the profile page: a template and the function that gives its context.

    `context(request, profile)` returns None when the action does not apply to this viewer and
    this person, which hides it. `data_sets(user_id)`, for an action that shows every viewer
    the same, names the data sets whose change ends what it shows of the person `user_id`.
    """

    name: str
    template: str
    context: Callable[[HttpRequest, Profile], dict | None]
    order: int = 100
    data_sets: Callable[[int], list[str]] | None = None


_actions: dict[str, ProfileAction] = {}


def register_profile_action(action: ProfileAction) -> None:
    """Offer `action` on profile pages (registering the same name again replaces it)."""
    _actions[action.name] = action


def _chosen(*, for_viewer: bool) -> list[ProfileAction]:
    chosen = [action for action in _actions.values() if (action.data_sets is None) == for_viewer]
    return sorted(chosen, key=lambda action: (action.order, action.name))


def kept_actions_data_sets(user_id: int) -> list[str]:
    """Return the data sets whose change ends what the kept actions show of person `user_id`."""
    return [name for action in _chosen(for_viewer=False) for name in action.data_sets(user_id)]


def render_actions(request: HttpRequest, profile: Profile, *, for_viewer: bool) -> SafeString:
    """Render, in order, the actions that apply to `request.user` looking at `profile`.

    `for_viewer` chooses the actions that depend on who looks (none for a visitor), or else
    the ones that show every viewer the same.
    """
    if for_viewer and not request.user.is_authenticated:
        return mark_safe("")
    parts = []
    for action in _chosen(for_viewer=for_viewer):
        context = action.context(request, profile)
        if context is not None:
            parts.append(render_to_string(action.template, context, request=request))
    # Each part is a rendered (and so escaped) template; joining them keeps them safe.
    return mark_safe("".join(parts))
