"""Demo data of the network: introductions in every state, connections with short threads, a
block and an abuse report, and everybody's suggestions.

Runs after the members demo and uses its people (`context.shared["profiles"]`, or the current
members in the database). The demo member account, when there is one, is in the middle of it, so
that signing in as that member shows every page with something on it.
"""

import datetime

from django.utils import timezone

from wsco.accounts.models import User
from wsco.members.models import Profile, Visibility
from wsco.network import services
from wsco.network.models import Connection, Introduction, Message
from wsco.network.queries import is_recommendable

REQUEST_MESSAGES = [
    "Hello! We are piloting smart parking in our city and would value your experience.",
    "I saw you work on water networks; we are looking for partners on leak detection.",
    "Your work on energy communities is close to ours. Could we talk next week?",
    "We are preparing a project on urban mobility and look for a public partner.",
    "Bună ziua! Lucrăm la un proiect de iluminat public inteligent și am dori să discutăm.",
]
THREAD = [
    "Thank you for accepting! When would suit you for a call?",
    "Thursday afternoon works well for me.",
    "Perfect, I will send an invitation. Talk soon.",
]
STAFF_NOTE = (
    "You both work on mobility data from different sides; the secretariat thinks a conversation "
    "would help the Urban Projects event in March."
)


def _members(context) -> list[Profile]:
    profiles = context.shared.get("profiles")
    if profiles is None:
        profiles = Profile.objects.filter(is_member=True)
    members = [
        profile
        for profile in profiles
        if profile.is_member and profile.visibility != Visibility.HIDDEN
    ]
    return sorted(members, key=lambda profile: profile.pk)


def _account_profile(context, role: str) -> Profile | None:
    email = context.accounts.get(role)
    return Profile.objects.filter(user__email=email, is_member=True).first() if email else None


def _backdate(introduction: Introduction, days: int) -> None:
    """Move an introduction (and its answer) into the past, so the pages show a history."""
    moment = timezone.now() - datetime.timedelta(days=days)
    rows = Introduction.objects.filter(pk=introduction.pk)
    rows.update(created_at=moment)
    rows.filter(answered_at__isnull=False).update(answered_at=moment + datetime.timedelta(hours=5))


def _thread(connection: Connection, first: Profile, second: Profile, days: int) -> None:
    start = timezone.now() - datetime.timedelta(days=days)
    for position, body in enumerate(THREAD):
        sender = first if position % 2 == 0 else second
        message = services.send_message(connection=connection, sender=sender, body=body)
        Message.objects.filter(pk=message.pk).update(
            sent_at=start + datetime.timedelta(hours=3 * position)
        )


def seed(context) -> None:
    """Create the network's demo data and compute everybody's suggestions."""
    members = _members(context)
    if len(members) < 12:
        context.say("Network demo: fewer than 12 members, no introductions created.")
        return
    rng = context.random
    hub = _account_profile(context, "member") or members[0]
    others = [profile for profile in members if profile.pk != hub.pk]
    rng.shuffle(others)
    people = iter(others)
    messages = iter(REQUEST_MESSAGES * 4)

    def request(sender, recipient):
        return services.request_introduction(
            sender=sender, recipient=recipient, message=next(messages)
        )

    # The demo member's requests, in every state.
    _backdate(request(next(people), hub), 1)  # waiting for the hub's answer
    _backdate(request(next(people), hub), 2)
    _backdate(request(hub, next(people)), 3)  # sent, waiting
    for days in (20, 12):  # accepted, with a short thread
        other = next(people)
        introduction = request(hub, other)
        connection = services.accept_introduction(introduction=introduction, by=other)
        _backdate(introduction, days)
        _thread(connection, hub, other, days - 1)
    declined = request(hub, next(people))
    services.decline_introduction(introduction=declined, by=declined.recipient)
    _backdate(declined, 9)
    withdrawn = request(hub, next(people))
    services.withdraw_introduction(introduction=withdrawn, by=hub)
    _backdate(withdrawn, 6)

    # A staff introduction waiting for the hub and another member.
    staff = User.objects.filter(email=context.accounts.get("staff", "")).first() or (
        User.objects.filter(is_staff=True).first()
    )
    if staff is not None:
        services.introduce_members(first=hub, second=next(people), note=STAFF_NOTE, by=staff)

    # Connections between other members, with threads.
    for days in (30, 15, 4):
        first, second = next(people), next(people)
        introduction = request(first, second)
        connection = services.accept_introduction(introduction=introduction, by=second)
        _backdate(introduction, days)
        _thread(connection, first, second, days - 1)

    # One block and one abuse report.
    spammer = next(people)
    services.block_member(blocker=hub, blocked=spammer)
    services.report_member(
        reporter=next(people),
        reported=spammer,
        reason="spam",
        details="Sent the same sales pitch to everyone in my organization.",
    )

    indexed = services.rebuild_index()
    consenting = sum(1 for profile in members if is_recommendable(profile))
    context.say(
        f"Network demo: introductions in every state around {hub.name}, "
        f"{Connection.objects.count()} connections, suggestions for {indexed} "
        f"of {consenting} consenting members."
    )
