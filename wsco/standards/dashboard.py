"""Two panels of a member's home page: the latest news of what they follow, and, for a city's
officials, how much of what the law asks of their cities its audits cover.

Both are kept per person (`wsco.core.dashboard`). The first until the person's follows
(`follows_data_set`), their notifications or the library (`services.STANDARDS`: references and
addresses) change. The second only for the people who act for no city, to whom it shows
nothing, until the cities' officials change (`wsco.audits.officials`); an official's is built
on every request, from audits, acts and values that change too often to be worth tracking.
"""

from django.db.models.signals import post_delete, post_init, post_save
from django.http import HttpRequest

from wsco.audits.access import readable_audits
from wsco.audits.models import City
from wsco.audits.officials import OFFICIALS, official_ids
from wsco.core.dashboard import Panel
from wsco.core.page_cache import mark_changed
from wsco.notifications.changes import person_data_set
from wsco.notifications.queries import notifications_of
from wsco.standards.models import Follow
from wsco.standards.notifications import KIND_NAMES
from wsco.standards.queries import obligations_for
from wsco.standards.services import STANDARDS

PANEL_ROWS = 5


def panel_context(request: HttpRequest) -> dict | None:
    """Return what the person follows and its latest news, or None when they follow nothing."""
    user = request.user
    if not user.is_authenticated:
        return None
    follows = list(Follow.objects.filter(user=user).select_related("standard"))
    if not follows:
        return None
    news = notifications_of(user).filter(kind__in=KIND_NAMES).order_by("-created_at", "-pk")
    return {"follows": follows, "news": list(news[:PANEL_ROWS])}


def follows_data_set(user_id: int) -> str:
    """Return the name of the data set of what `user_id` follows."""
    return f"standards-follows:{user_id}"


def data_sets(request: HttpRequest) -> list[str] | None:
    """The panel is kept per person until their follows, their news or the library change."""
    user = request.user
    if not user.is_authenticated:
        return None
    return [follows_data_set(user.pk), person_data_set(user.pk), STANDARDS]


PANEL = Panel(
    name="standards",
    template="standards/_dashboard_panel.html",
    context=panel_context,
    order=40,
    data_sets=data_sets,
)


def obligations_context(request: HttpRequest) -> dict | None:
    """Return, for a city official, each of their cities' obligations covered and in all."""
    user = request.user
    if not user.is_authenticated:
        return None
    cities = list(City.objects.filter(official_rows__user=user).order_by("name"))
    rows = []
    for city in cities:
        found = obligations_for(city, list(readable_audits(user).filter(city=city)))
        if found:
            rows.append(
                {"city": city, "done": sum(1 for row in found if row.done), "all": len(found)}
            )
    return {"cities": rows} if rows else None


def obligations_data_sets(request: HttpRequest) -> list[str] | None:
    """Keep the (absent) panel of someone who acts for no city until the officials change;
    build an official's afresh."""
    user = request.user
    if not user.is_authenticated or user.pk in official_ids():
        return None
    return [OFFICIALS]


OBLIGATIONS_PANEL = Panel(
    name="obligations",
    template="standards/_obligations_panel.html",
    context=obligations_context,
    order=41,
    data_sets=obligations_data_sets,
)


def _follow_loaded(sender, instance, **_signal_arguments) -> None:
    # The person a follow belonged to when read: the admin may give it to someone else, and
    # both people's panels change then. Read from the row's fields, never a query.
    instance._follower_when_read = instance.__dict__.get("user_id")


def _follow_written(sender, instance, **_signal_arguments) -> None:
    followers = {instance.user_id, getattr(instance, "_follower_when_read", None)} - {None}
    mark_changed(*(follows_data_set(user_id) for user_id in sorted(followers)))


def connect() -> None:
    """Mark a person's follows changed on every save and delete of one of them.

    Follows are written one at a time (`services.follow`, `services.unfollow`, the admin),
    never with `update()` or in bulk.
    """
    post_init.connect(_follow_loaded, sender=Follow, dispatch_uid="standards-follows")
    post_save.connect(_follow_written, sender=Follow, dispatch_uid="standards-follows")
    post_delete.connect(_follow_written, sender=Follow, dispatch_uid="standards-follows")
