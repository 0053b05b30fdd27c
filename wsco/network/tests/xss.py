"""What the every-field XSS sweep needs from the network (see wsco/core/tests/xss_sweep.py).

"member" and "other" are connected and write to each other; a third member, introduced to
"member" by the secretariat, waits for an answer; "member" blocked, reported, dismissed and was
suggested three more people.
"""

from wsco.members.models import Visibility
from wsco.members.tests.factories import MemberProfileFactory
from wsco.network.models import (
    Block,
    Connection,
    DismissedSuggestion,
    Introduction,
    Message,
    Report,
    ReportReason,
    Suggestion,
)
from wsco.network.tests.factories import connect


def _someone():
    return MemberProfileFactory(visibility=Visibility.PUBLIC, recommend_consent=True)


def _member(world):
    return world.person("member").profile


BUILDERS = {
    Introduction: lambda world: Introduction.objects.create(
        sender=_someone(),
        recipient=_member(world),
        introduced_by=world.person("staff"),
        message="Let us meet.",
        staff_note="You two work on water.",
    ),
    Connection: lambda world: connect(_member(world), world.person("other").profile),
    Message: lambda world: Message.objects.create(
        connection=world[Connection], sender=world.person("other").profile, body="Hello."
    ),
    Block: lambda world: Block.objects.create(blocker=_member(world), blocked=_someone()),
    Report: lambda world: Report.objects.create(
        reporter=_member(world), reported=_someone(), reason=ReportReason.OTHER, details="Spam."
    ),
    DismissedSuggestion: lambda world: DismissedSuggestion.objects.create(
        profile=_member(world), dismissed=_someone()
    ),
    Suggestion: lambda world: Suggestion.objects.create(
        profile=_member(world), suggested=_someone(), rank=1, score=0.9, reasons=[]
    ),
}
URL_KWARGS = {
    "network:thread": lambda world: {"pk": world[Connection].pk},
    "network:thread_messages": lambda world: {"pk": world[Connection].pk},
    "network:request": lambda world: {"profile_id": world[Suggestion].suggested_id},
    "network:report": lambda world: {"profile_id": world[Suggestion].suggested_id},
    "network:block": lambda world: {"profile_id": world[Suggestion].suggested_id},
}
