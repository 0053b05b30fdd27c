"""The network API: suggestions, requests, introductions and connections, under /api/v1/network/.

The same rules and services as the pages: only current members use it, and contact details
(email, phone, website) appear only on connections, never on suggestions or requests.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from wsco.core.ids import Id
from wsco.core.links import web_url
from wsco.core.paging import Page, PageQuery, page_of
from wsco.core.text import CleanText
from wsco.members import people
from wsco.members.models import Profile
from wsco.members.people import Person
from wsco.network import access, queries, services
from wsco.network.explanations import render_reasons
from wsco.network.forms import REQUEST_MESSAGE_MAX_LENGTH

router = Router(tags=["network"])

SUGGESTIONS_SHOWN = 20


class PersonOut(Schema):
    """Who a person is, as far as their visibility lets the caller see; never how to reach
    them. A hidden profile on a request or a connection shows its name only."""

    id: int
    name: str
    title: str
    organization: str | None
    organization_type: str | None
    city: str
    country: str
    url: str | None = Field(description="Their profile page, when it is open to the caller.")

    @staticmethod
    def resolve_organization(person: Person) -> str | None:
        return person.organization.name if person.organization else None

    @staticmethod
    def resolve_organization_type(person: Person) -> str | None:
        return person.organization.type if person.organization else None

    @staticmethod
    def resolve_country(person: Person) -> str:
        return person.country_code

    @staticmethod
    def resolve_url(person: Person) -> str | None:
        return settings.SITE_URL + person.profile_url if person.profile_url else None


class ContactOut(Schema):
    email: str
    phone: str
    website: str


class SuggestionOut(Schema):
    rank: int
    person: PersonOut
    reasons: list[str] = Field(description="Why you should meet, in the request's language.")
    reason_codes: list[dict] = Field(description="The same reasons as data: a code and its values.")


class IntroductionOut(Schema):
    id: int
    person: PersonOut = Field(description="The other person.")
    direction: str = Field(description="received (yours to answer) or sent")
    status: str
    message: str
    introduced_by_staff: bool
    staff_note: str
    you_accepted: bool
    created_at: datetime.datetime
    answered_at: datetime.datetime | None


class ConnectionOut(Schema):
    id: int
    person: PersonOut
    contact: ContactOut
    created_at: datetime.datetime
    last_message_at: datetime.datetime | None


class ConnectionPage(Page):
    items: list[ConnectionOut]


class IntroductionPage(Page):
    items: list[IntroductionOut]


class RequestIn(Schema):
    profile_id: Id
    message: CleanText = Field(min_length=1, max_length=REQUEST_MESSAGE_MAX_LENGTH)


class AnsweredOut(Schema):
    introduction: IntroductionOut
    connection: ConnectionOut | None


class Problem(Schema):
    detail: str


def _me(request: HttpRequest) -> Profile:
    try:
        return access.get_member_profile(request.user)
    except PermissionDenied:
        raise HttpError(403, "The network is for current members.") from None


def _refused(error: ValidationError) -> HttpError:
    return HttpError(400, " ".join(error.messages))


def _introduction(introduction, me: Profile) -> dict:
    waiting_for_me = introduction.is_pending and not introduction.has_accepted(me)
    return {
        "id": introduction.pk,
        "person": people.show(introduction.other(me), me.user, named=True),
        "direction": "received" if waiting_for_me else "sent",
        "status": introduction.status,
        "message": introduction.message,
        "introduced_by_staff": introduction.by_staff,
        "staff_note": introduction.staff_note,
        "you_accepted": introduction.has_accepted(me),
        "created_at": introduction.created_at,
        "answered_at": introduction.answered_at,
    }


def _connection(connection, me: Profile) -> dict:
    other = connection.other(me)
    return {
        "id": connection.pk,
        "person": people.show(other, me.user, named=True),
        "contact": {
            "email": other.user.email,
            "phone": other.phone,
            "website": web_url(other.website),
        },
        "created_at": connection.created_at,
        "last_message_at": connection.last_message_at,
    }


@router.get("/suggestions", response=list[SuggestionOut])
def list_suggestions(request: HttpRequest):
    """List the people you should meet, best first, each with the reasons."""
    me = _me(request)
    if not queries.is_recommendable(me):
        return []
    return [
        {
            "rank": position,
            "person": people.show(suggestion.suggested, request.user),
            "reasons": render_reasons(suggestion.reasons),
            "reason_codes": suggestion.reasons,
        }
        for position, suggestion in enumerate(
            queries.visible_suggestions(me)[:SUGGESTIONS_SHOWN], start=1
        )
    ]


@router.post("/suggestions/{int:profile_id}/dismiss", response={204: None})
def dismiss_suggestion(request: HttpRequest, profile_id: Id):
    """Say "Not interested": the person is never suggested to you again."""
    me = _me(request)
    person = access.get_profile_to_meet(request.user, profile_id)
    services.dismiss_suggestion(profile=me, dismissed=person)
    return Status(204, None)


@router.post("/suggestions/{int:profile_id}/restore", response={204: None})
def restore_suggestion(request: HttpRequest, profile_id: Id):
    """Undo "Not interested": the person may be suggested to you again."""
    me = _me(request)
    person = access.get_dismissed_profile(request.user, profile_id)
    services.restore_suggestion(profile=me, dismissed=person)
    return Status(204, None)


@router.get("/requests/received", response=IntroductionPage)
def list_received_requests(request: HttpRequest, pages: Query[PageQuery]):
    """List the requests and introductions waiting for your answer, newest first."""
    me = _me(request)
    return page_of(queries.received_requests(me), pages, item=lambda item: _introduction(item, me))


@router.get("/requests/sent", response=IntroductionPage)
def list_sent_requests(request: HttpRequest, pages: Query[PageQuery]):
    """List the requests you made (and introductions you accepted), newest first."""
    me = _me(request)
    return page_of(queries.sent_requests(me), pages, item=lambda item: _introduction(item, me))


@router.post("/requests", response={201: IntroductionOut, 400: Problem})
def create_request(request: HttpRequest, payload: RequestIn):
    """Ask a member to meet you, with a short message."""
    me = _me(request)
    person = access.get_profile_to_meet(request.user, payload.profile_id)
    try:
        introduction = services.request_introduction(
            sender=me, recipient=person, message=payload.message
        )
    except ValidationError as error:
        raise _refused(error) from None
    return Status(201, _introduction(introduction, me))


def _answer(request: HttpRequest, introduction_id: int, action) -> tuple:
    """Run `action` on an introduction of the caller; return it fresh, the result, the caller."""
    me = _me(request)
    introduction = access.get_introduction_for_user(request.user, introduction_id)
    try:
        connection = action(introduction=introduction, by=me)
    except ValidationError as error:
        raise _refused(error) from None
    introduction.refresh_from_db()
    return introduction, connection, me


@router.post("/requests/{int:introduction_id}/accept", response={200: AnsweredOut, 400: Problem})
def accept_request(request: HttpRequest, introduction_id: Id):
    """Accept a request; the connection (with contact details) once both have accepted."""
    introduction, connection, me = _answer(request, introduction_id, services.accept_introduction)
    if connection is not None:
        connection = queries.connections_of(me).get(pk=connection.pk)
    return {
        "introduction": _introduction(introduction, me),
        "connection": _connection(connection, me) if connection else None,
    }


@router.post(
    "/requests/{int:introduction_id}/decline", response={200: IntroductionOut, 400: Problem}
)
def decline_request(request: HttpRequest, introduction_id: Id):
    """Decline a request or an introduction."""
    introduction, _, me = _answer(request, introduction_id, services.decline_introduction)
    return _introduction(introduction, me)


@router.post(
    "/requests/{int:introduction_id}/withdraw", response={200: IntroductionOut, 400: Problem}
)
def withdraw_request(request: HttpRequest, introduction_id: Id):
    """Withdraw your own request before it is answered."""
    introduction, _, me = _answer(request, introduction_id, services.withdraw_introduction)
    return _introduction(introduction, me)


@router.get("/connections", response=ConnectionPage)
def list_connections(request: HttpRequest, pages: Query[PageQuery]):
    """List your connections, with their contact details."""
    me = _me(request)
    return page_of(queries.connections_of(me), pages, item=lambda item: _connection(item, me))
