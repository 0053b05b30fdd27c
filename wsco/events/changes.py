"""The events' data set of the page cache: the answers that offer upcoming events on a theme
(a theme's page, a standard's page, an audit's gaps) are built again after any change to an
event, a session, or the themes of either. `save_session` changes an existing session with
`update()`, which moves nothing the offer shows; its themes change through the relation, which
is heard here."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from wsco.core.page_cache import mark_changed
from wsco.events.models import Event, Session

EVENTS = "events"


def events_changed(**signal_arguments) -> None:
    """Mark the public events changed (a receiver of save, delete and theme changes)."""
    mark_changed(EVENTS)


def connect() -> None:
    for model in (Event, Session):
        name = model._meta.model_name
        post_save.connect(events_changed, sender=model, dispatch_uid=f"events-{name}-changed-save")
        post_delete.connect(
            events_changed, sender=model, dispatch_uid=f"events-{name}-changed-delete"
        )
    for through in (Event.themes.through, Session.themes.through):
        m2m_changed.connect(
            events_changed,
            sender=through,
            dispatch_uid=f"events-{through._meta.model_name}-changed-themes",
        )
