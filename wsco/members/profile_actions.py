"""What a visitor can do from a member's profile page, offered by the apps above `members`.

An app registers an action in its AppConfig.ready() (the network's "Ask to meet"); the profile
page renders every action that applies to the viewer and the person, without importing the apps
that provide them (as the home page does with its panels, `wsco/core/dashboard.py`).
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
    this person, which hides it.
    """

    name: str
    template: str
    context: Callable[[HttpRequest, Profile], dict | None]
    order: int = 100


_actions: dict[str, ProfileAction] = {}


def register_profile_action(action: ProfileAction) -> None:
    """Offer `action` on profile pages (registering the same name again replaces it)."""
    _actions[action.name] = action


def render_actions(request: HttpRequest, profile: Profile) -> SafeString:
    """Render, in order, every action that applies to `request.user` looking at `profile`."""
    parts = []
    for action in sorted(_actions.values(), key=lambda action: (action.order, action.name)):
        context = action.context(request, profile)
        if context is not None:
            parts.append(render_to_string(action.template, context, request=request))
    # Each part is a rendered (and so escaped) template; joining them keeps them safe.
    return mark_safe("".join(parts))
