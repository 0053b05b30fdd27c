"""Panels on a member's home page ("My WSCO") contributed by the apps above `members`.

An app registers a panel in its AppConfig.ready(); the members app renders every panel the
person may see, in order, without importing the apps that provide them. A panel whose context
holds `pending` (a number) says how many things wait for the person there: a request to answer,
a review to write, an unread notification. The page never says "Nothing to do" while any does.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class Panel:
    """A block of the home page: a template and the function that gives its context."""

    name: str
    template: str
    context: Callable[[HttpRequest], dict | None]
    order: int = 100


_panels: dict[str, Panel] = {}


def register_panel(panel: Panel) -> None:
    """Add `panel` to the home page (registering the same name again replaces it)."""
    _panels[panel.name] = panel


def panels_for(request: HttpRequest) -> list[tuple[Panel, dict]]:
    """Return the panels to show `request.user`, each with its context; None hides a panel."""
    shown = []
    for panel in sorted(_panels.values(), key=lambda panel: (panel.order, panel.name)):
        context = panel.context(request)
        if context is not None:
            shown.append((panel, context))
    return shown


def pending_work(shown: list[tuple[Panel, dict]]) -> int:
    """Return how many things wait for the person in the panels `shown` (their `pending`)."""
    return sum(context.get("pending", 0) for _panel, context in shown)
