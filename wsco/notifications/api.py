"""The notifications API, under /api/v1/notifications: the caller's own, and marking them read."""

import datetime

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from wsco.core.ids import Id
from wsco.core.paging import Page, PageQuery, page_of
from wsco.notifications import access, queries, services
from wsco.notifications.models import Notification

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str
    title: str = Field(description="What happened, in the request's language.")
    url: str = Field(description="The page of what it is about.")
    about: str = Field(description='The object it is about, as "app.model:id", or empty.')
    created_at: datetime.datetime
    read_at: datetime.datetime | None


class NotificationPage(Page):
    items: list[NotificationOut]
    unread: int = Field(description="How many of all your notifications are unread.")


class MarkedOut(Schema):
    marked: int = Field(description="How many notifications were unread and are now read.")


def _notification(notification: Notification) -> dict:
    return {
        "id": notification.pk,
        "kind": notification.kind,
        "title": notification.title,
        "url": settings.SITE_URL + notification.url if notification.url else "",
        "about": notification.about,
        "created_at": notification.created_at,
        "read_at": notification.read_at,
    }


@router.get("/notifications", response=NotificationPage)
def list_notifications(request: HttpRequest, pages: Query[PageQuery]):
    """List your notifications, unread first, then newest first."""
    page = page_of(queries.notifications_of(request.user), pages, item=_notification)
    return page | {"unread": queries.unread_count(request.user)}


@router.post("/notifications/{int:notification_id}/read", response=NotificationOut)
def mark_notification_read(request: HttpRequest, notification_id: Id):
    """Mark one of your notifications read."""
    notification = access.get_notification_for_user(request.user, notification_id)
    return _notification(services.mark_read(notification=notification, by=request.user))


@router.post("/notifications/read", response=MarkedOut)
def mark_all_notifications_read(request: HttpRequest):
    """Mark all your notifications read."""
    return {"marked": services.mark_all_read(user=request.user)}
