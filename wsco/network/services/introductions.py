"""Introductions, connections, messages, blocks, abuse reports and "not interested".

Every write of the network's social side goes through these functions; views, the API, tasks and
the demo call them. A refusal is a `ValidationError` whose message can be shown as it is.
"""

import datetime
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wsco.accounts.models import User
from wsco.core.access import require_not_party
from wsco.core.compiled_query import CompiledQuery
from wsco.members.models import Profile, Visibility
from wsco.network.models import (
    INTRODUCTION_WORKFLOW,
    REPORT_WORKFLOW,
    Block,
    Connection,
    DismissedSuggestion,
    Introduction,
    IntroductionStatus,
    Message,
    Report,
    Suggestion,
)
from wsco.network.page_parts import network_changed
from wsco.notifications.services import notify

MESSAGE_MAX_LENGTH = 2000
REQUEST_WINDOW = datetime.timedelta(days=7)


def is_blocked_between(first: Profile, second: Profile) -> bool:
    """Say whether either person has blocked the other."""
    return Block.objects.filter(
        Q(blocker=first, blocked=second) | Q(blocker=second, blocked=first)
    ).exists()


def requests_this_week(profile: Profile) -> int:
    """Return how many requests `profile` sent in the last 7 days that were not accepted.

    Withdrawn and declined requests still count, so that withdrawing and asking again, or being
    turned down, never raises the limit; accepted ones do not, since they were wanted.
    """
    since = timezone.now() - REQUEST_WINDOW
    return (
        Introduction.objects.filter(
            sender=profile, introduced_by__isnull=True, created_at__gte=since
        )
        .exclude(status=IntroductionStatus.ACCEPTED)
        .count()
    )


class Between(NamedTuple):
    """What stands between two people, `first` and `second`, for an introduction."""

    blocked: bool  # either blocked the other
    connected: bool  # a live connection
    pending: bool  # an open request, either way
    declined: bool  # `second` declined a request from `first`


def _between(first_id: int, second_id: int, low_id: int, high_id: int):
    pair = Q(sender=first_id, recipient=second_id)
    return (
        Profile.objects.filter(pk=first_id)
        .annotate(
            blocked=Exists(
                Block.objects.filter(
                    Q(blocker=first_id, blocked=second_id) | Q(blocker=second_id, blocked=first_id)
                )
            ),
            connected=Exists(
                Connection.objects.filter(first_id=low_id, second_id=high_id, ended_at__isnull=True)
            ),
            pending=Exists(Introduction.objects.pending().between(first_id, second_id)),
            declined=Exists(Introduction.objects.filter(pair, status=IntroductionStatus.DECLINED)),
        )
        .values_list(*Between._fields)
    )


# Asked before every request, and on every profile page a member opens ("Ask to meet"): one
# query, compiled once, rather than four built each time.
_BETWEEN = CompiledQuery(_between)


def between(first: Profile, second: Profile) -> Between:
    """Return what stands between `first` and `second` for an introduction."""
    low, high = sorted([first.pk, second.pk])
    row = _BETWEEN.rows(first_id=first.pk, second_id=second.pk, low_id=low, high_id=high)
    return Between(*(bool(value) for value in row[0]))


def _check_can_meet(first: Profile, second: Profile) -> Between:
    """Refuse an introduction that cannot be: oneself, non-members, blocks, existing links.

    Return what stands between them otherwise (an earlier no is for the caller to judge).
    """
    if first.pk == second.pk:
        raise ValidationError(_("You cannot ask to meet yourself."), code="self")
    for person in (first, second):
        if not person.is_member or person.visibility == Visibility.HIDDEN:
            raise ValidationError(
                _("%(name)s is not a current member of the network.") % {"name": person.name},
                code="not_member",
            )
    found = between(first, second)
    if found.blocked:
        raise ValidationError(_("This introduction is not possible."), code="blocked")
    if found.connected:
        raise ValidationError(_("You are already connected."), code="connected")
    # pragma: no mutate: refused sooner than by the one-open-request-per-pair constraint, which
    # `_create_introduction` turns into the same refusal.
    if found.pending:
        raise ValidationError(
            _("There is already an open request between you; answer or wait for it."),
            code="duplicate",
        )
    return found


def _create_introduction(**fields) -> Introduction:
    """Create an introduction; a concurrent duplicate becomes the same clear refusal."""
    try:
        with transaction.atomic():
            return Introduction.objects.create(**fields)
    except IntegrityError:
        raise ValidationError(
            _("There is already an open request between you; answer or wait for it."),
            code="duplicate",
        ) from None


def _check_can_ask(sender: Profile, recipient: Profile) -> None:
    """Refuse a request `sender` may not make: the rules of meeting, an earlier no, the limit."""
    if _check_can_meet(sender, recipient).declined:
        raise ValidationError(
            _("%(name)s declined an earlier request from you.") % {"name": recipient.name},
            code="declined",
        )
    limit = settings.NETWORK_WEEKLY_REQUEST_LIMIT
    if requests_this_week(sender) >= limit:
        raise ValidationError(
            _("You have sent %(limit)d requests in the last 7 days, the most allowed.")
            % {"limit": limit},
            code="limit",
        )


def refusal_to_ask(*, sender: Profile, recipient: Profile) -> ValidationError | None:
    """Return why `sender` may not ask `recipient` to meet now, or None when they may.

    The same rules as `request_introduction`, read without locking: for pages that offer the
    request only where it would be taken.
    """
    try:
        _check_can_ask(sender, recipient)
    except ValidationError as refusal:
        return refusal
    return None


@transaction.atomic
def request_introduction(*, sender: Profile, recipient: Profile, message: str) -> Introduction:
    """Ask `recipient` to meet `sender`, with a short message; tell the recipient."""
    # Lock the sender's row so that two requests at once cannot both pass the weekly limit.
    sender = Profile.objects.select_for_update().get(pk=sender.pk)
    _check_can_ask(sender, recipient)
    introduction = _create_introduction(
        sender=sender, recipient=recipient, message=message.strip(), sender_accepted=True
    )
    _refill_suggestions(sender)
    _notify(
        recipient,
        "network.request_received",
        introduction,
        name=sender.name,
        email_context={"introduction": introduction, "sender": sender, "recipient": recipient},
    )
    return introduction


@transaction.atomic
def introduce_members(*, first: Profile, second: Profile, note: str, by: User) -> Introduction:
    """Introduce two members on behalf of the secretariat; both must accept. Email both."""
    fields = {
        "sender": first,
        "recipient": second,
        "introduced_by": by,
        "staff_note": note.strip(),
        "sender_accepted": False,
        "recipient_accepted": False,
    }
    require_not_party(by, Introduction(**fields))
    _check_can_meet(first, second)
    introduction = _create_introduction(**fields)
    for person, other in ((first, second), (second, first)):
        _notify(
            person,
            "network.staff_introduction",
            introduction,
            name=other.name,
            email_context={"introduction": introduction, "person": person, "other": other},
        )
    return introduction


def _lock_for_participant(introduction: Introduction, profile: Profile, step_name: str):
    """Return `introduction` locked for the step, if `profile` is one of its two people."""
    if profile.pk not in (introduction.sender_id, introduction.recipient_id):
        raise ValidationError(_("This request is not addressed to you."), code="not_yours")
    return INTRODUCTION_WORKFLOW.lock(introduction, step_name)


@transaction.atomic
def accept_introduction(*, introduction: Introduction, by: Profile) -> Connection | None:
    """Accept an introduction; once both sides have, connect them and email both.

    Returns the connection when the introduction is complete, None while it waits for the other
    person (a staff introduction accepted by one of the two).
    """
    introduction = _lock_for_participant(introduction, by, "accept")
    if is_blocked_between(introduction.sender, introduction.recipient):
        raise ValidationError(_("This introduction is not possible."), code="blocked")
    mine, theirs = ("sender_accepted", "recipient_accepted")
    if by.pk == introduction.recipient_id:
        mine, theirs = theirs, mine
    if not getattr(introduction, theirs):
        INTRODUCTION_WORKFLOW.advance(introduction, "accept_one_side", **{mine: True})
        return None
    INTRODUCTION_WORKFLOW.advance(
        introduction, "accept", **{mine: True}, answered_at=timezone.now()
    )
    connection = _connect(introduction)
    for person, other in (
        (introduction.sender, introduction.recipient),
        (introduction.recipient, introduction.sender),
    ):
        _notify(
            person,
            "network.request_accepted",
            introduction,
            name=other.name,
            connection=connection.pk,
            email_context={"introduction": introduction, "person": person, "other": other},
        )
    return connection


def _connect(introduction: Introduction) -> Connection:
    """Create (or bring back, after an unblock) the connection of an accepted introduction."""
    low, high = sorted([introduction.sender_id, introduction.recipient_id])
    connection, created = Connection.objects.get_or_create(
        first_id=low, second_id=high, defaults={"introduction": introduction}
    )
    if not created:
        connection.introduction = introduction
        connection.ended_at = None
        connection.created_at = timezone.now()
        connection.save()
    Suggestion.objects.filter(
        Q(profile_id=low, suggested_id=high) | Q(profile_id=high, suggested_id=low)
    ).delete()
    return connection


@transaction.atomic
def decline_introduction(*, introduction: Introduction, by: Profile) -> Introduction:
    """Decline an introduction; the other person is told in their notifications.

    No email unless they asked for one: the asker also sees it in their sent requests.
    """
    introduction = _lock_for_participant(introduction, by, "decline")
    if not introduction.by_staff and by.pk == introduction.sender_id:
        raise ValidationError(_("Withdraw your own request instead."), code="own_request")
    introduction = INTRODUCTION_WORKFLOW.advance(
        introduction, "decline", answered_at=timezone.now()
    )
    _notify(introduction.other(by), "network.request_declined", introduction, name=by.name)
    return introduction


@transaction.atomic
def withdraw_introduction(*, introduction: Introduction, by: Profile) -> Introduction:
    """Withdraw one's own request before it is answered."""
    introduction = _lock_for_participant(introduction, by, "withdraw")
    if introduction.by_staff or by.pk != introduction.sender_id:
        raise ValidationError(
            _("Only the person who asked can withdraw a request."), code="not_sender"
        )
    return INTRODUCTION_WORKFLOW.advance(introduction, "withdraw", answered_at=timezone.now())


@transaction.atomic
def send_message(*, connection: Connection, sender: Profile, body: str) -> Message:
    """Add a message to the thread of two connected members."""
    body = body.strip()
    if not connection.includes(sender) or connection.ended_at is not None:
        raise ValidationError(_("You can only write to your connections."), code="not_connected")
    if not body:
        raise ValidationError(_("Write a message first."), code="empty")
    if len(body) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            _("A message holds at most %(limit)d characters.") % {"limit": MESSAGE_MAX_LENGTH},
            code="too_long",
        )
    message = Message.objects.create(connection=connection, sender=sender, body=body)
    Connection.objects.filter(pk=connection.pk).update(last_message_at=message.sent_at)
    network_changed(connection.first_id, connection.second_id)  # Their lists' order changed.
    _notify(
        connection.other(sender),
        "network.message_received",
        connection,
        name=sender.name,
        connection=connection.pk,
    )
    return message


@transaction.atomic
def block_member(*, blocker: Profile, blocked: Profile) -> Block:
    """Block a member: end any connection, close open requests, stop suggestions both ways."""
    if blocker.pk == blocked.pk:
        raise ValidationError(_("You cannot block yourself."), code="self")
    block, created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    if not created:  # Blocked already (twice in a row, or two requests at once): done.
        return block
    now = timezone.now()
    INTRODUCTION_WORKFLOW.advance_all(
        Introduction.objects.between(blocker, blocked), "close_on_block", answered_at=now
    )
    low, high = sorted([blocker.pk, blocked.pk])
    Connection.objects.filter(first_id=low, second_id=high, ended_at__isnull=True).update(
        ended_at=now
    )
    Suggestion.objects.filter(
        Q(profile=blocker, suggested=blocked) | Q(profile=blocked, suggested=blocker)
    ).delete()
    _refill_suggestions(blocker)
    return block


def unblock_member(*, blocker: Profile, blocked: Profile) -> None:
    """Lift a block (an ended connection stays ended; a new request can start another)."""
    Block.objects.filter(blocker=blocker, blocked=blocked).delete()


@transaction.atomic
def report_member(
    *, reporter: Profile, reported: Profile, reason: str, details: str, block: bool = False
) -> Report:
    """Report a member's abuse to the secretariat, and block them if asked."""
    if reporter.pk == reported.pk:
        raise ValidationError(_("You cannot report yourself."), code="self")
    report = Report.objects.create(
        reporter=reporter, reported=reported, reason=reason, details=details.strip()
    )
    if block:
        block_member(blocker=reporter, blocked=reported)
    return report


@transaction.atomic
def resolve_report(*, report: Report, by: User, resolution: str) -> Report:
    """Close a report with what the secretariat did about it (not by someone party to it)."""
    return REPORT_WORKFLOW.take(
        report,
        "resolve",
        by=by,
        resolved_at=timezone.now(),
        resolved_by=by,
        resolution=resolution.strip(),
    )


@transaction.atomic
def dismiss_suggestion(*, profile: Profile, dismissed: Profile) -> DismissedSuggestion:
    """Say "Not interested": `dismissed` is never suggested to `profile` again."""
    dismissal, _created = DismissedSuggestion.objects.get_or_create(
        profile=profile, dismissed=dismissed
    )
    Suggestion.objects.filter(profile=profile, suggested=dismissed).delete()
    _refill_suggestions(profile)
    return dismissal


@transaction.atomic
def restore_suggestion(*, profile: Profile, dismissed: Profile) -> bool:
    """Undo "Not interested": `dismissed` may be suggested to `profile` again.

    Return whether there was a dismissal to undo. The suggestions are computed again in the
    background, so the person comes back at the rank the engine gives them.
    """
    removed, _by_model = DismissedSuggestion.objects.filter(
        profile=profile, dismissed=dismissed
    ).delete()
    if removed:
        _refill_suggestions(profile)
    return bool(removed)


def _refill_suggestions(profile: Profile) -> None:
    """Once the change is saved, top up `profile`'s stored suggestions in the background.

    The pages filter out at once whoever was asked, blocked or set aside; this replaces them
    with the next best, so that the list never runs dry between two rebuilds.
    """
    from wsco.network.tasks import refresh_member_suggestions

    transaction.on_commit(lambda: refresh_member_suggestions.enqueue(profile_id=profile.pk))


def _notify(person: Profile, kind: str, about: Introduction | Connection, **params) -> None:
    """Tell `person` of a network event: their notifications, and the email if they want it."""
    notify(
        recipient=person.user, kind=kind, about=f"{about._meta.label_lower}:{about.pk}", **params
    )
