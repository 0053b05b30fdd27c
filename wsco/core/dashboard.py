"""Panels on a member's home page ("My WSCO") contributed by the apps above `members`.

An app registers a panel in its AppConfig.ready(); the members app renders every panel the
person may see, in order, without importing the apps that provide them. A panel whose context
holds `pending` (a number) says how many things wait for the person there: a request to answer,
a review to write, an unread notification. The page never says "Nothing to do" while any does.

A panel that names its data sets (`Panel.data_sets`) is kept per person, rendered, with its
count of things waiting, and with the fact that it is not shown at all (most people have no
review to write): built again only once one of those data sets has changed
(`wsco.core.page_cache`). The app that registers it marks them on every write the panel shows;
a panel without data sets is built on every request.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial

from django.http import HttpRequest
from django.template.loader import render_to_string

from wsco.core.page_cache import CSRF_PLACEHOLDER, cached_value, with_csrf_token


@dataclass(frozen=True)
class Panel:
    """A block of the home page: a template and the function that gives its context.

    `data_sets(request)`, when given, names the data sets whose change ends the person's kept
    panel (the person's own first); it may return None to have the panel built afresh for
    this person.
    """

    name: str
    template: str
    context: Callable[[HttpRequest], dict | None]
    order: int = 100
    data_sets: Callable[[HttpRequest], Sequence[str] | None] | None = None


@dataclass(frozen=True)
class ShownPanel:
    """A panel as the page shows it: its text, and how many things wait for the person in it."""

    name: str
    html: str
    pending: int = 0


_panels: dict[str, Panel] = {}


def register_panel(panel: Panel) -> None:
    """Add `panel` to the home page (registering the same name again replaces it)."""
    _panels[panel.name] = panel


def _in_order() -> list[Panel]:
    return sorted(_panels.values(), key=lambda panel: (panel.order, panel.name))


def panels_for(request: HttpRequest) -> list[tuple[Panel, dict]]:
    """Return the panels to show `request.user`, each with its context built afresh; None hides
    a panel."""
    shown = []
    for panel in _in_order():
        context = panel.context(request)
        if context is not None:
            shown.append((panel, context))
    return shown


def _build(request: HttpRequest, panel: Panel, extra_context: dict) -> ShownPanel | None:
    context = panel.context(request)
    if context is None:
        return None
    html = render_to_string(panel.template, {**context, **extra_context}, request=request)
    return ShownPanel(name=panel.name, html=html, pending=context.get("pending", 0))


def _kept(request: HttpRequest, panel: Panel, data_sets: Sequence[str]) -> ShownPanel | None:
    """Return `panel` for `request.user` from the cache while none of `data_sets` changed."""
    user = request.user
    built = cached_value(
        data_set=data_sets[0],
        facets=data_sets[1:],
        key=f"dashboard:{panel.name}:{user.pk}:{user.is_staff}:{user.is_active}",
        compute=partial(_build, request, panel, {"csrf_token": CSRF_PLACEHOLDER}),
    )
    if built is None:
        return None
    return replace(built, html=with_csrf_token(request, built.html))


def shown_panels(request: HttpRequest) -> list[ShownPanel]:
    """Return the panels to show `request.user`, rendered; kept ones come from the cache."""
    shown = []
    for panel in _in_order():
        data_sets = panel.data_sets(request) if panel.data_sets is not None else None
        built = _kept(request, panel, data_sets) if data_sets else _build(request, panel, {})
        if built is not None:
            shown.append(built)
    return shown


def pending_work(shown: list[ShownPanel]) -> int:
    """Return how many things wait for the person in the panels `shown`."""
    return sum(panel.pending for panel in shown)
