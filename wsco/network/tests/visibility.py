"""Where the network shows people, for the visibility sweep
(wsco/members/tests/visibility_sweep.py).

Each person is put on one side of something "member" (or "other") sees: a request waiting for
an answer, a connection, a message, a block, a report (the secretariat's page) or a suggestion
(to a member, and to everyone on a theme's page, as an expert on it).
"""

from urllib.parse import urlencode

from django.urls import reverse

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


def _member(world):
    return world.person("member").profile


def _asks_to_meet(world, subject) -> list[str]:
    Introduction.objects.create(sender=subject.profile, recipient=_member(world), message="Hi.")
    return []


def _connected(world, subject) -> list[str]:
    connect(subject.profile, _member(world))
    return []


def _writes(world, subject) -> list[str]:
    connection = connect(subject.profile, world.person("other").profile)
    Message.objects.create(connection=connection, sender=subject.profile, body="Hello.")
    return [connection.get_absolute_url()]


def _blocked(world, subject) -> list[str]:
    Block.objects.create(blocker=_member(world), blocked=subject.profile)
    return []


def _reported(world, subject) -> list[str]:
    Report.objects.create(
        reporter=_member(world), reported=subject.profile, reason=ReportReason.OTHER
    )
    return []


def _suggested(world, subject) -> list[str]:
    from wsco.members.services.profiles import refresh_search_document
    from wsco.publications.models import Review

    Suggestion.objects.create(
        profile=_member(world), suggested=subject.profile, rank=2, score=0.8, reasons=[]
    )
    # Suggestions never show a hidden member. The editors' reviewer picker, which finds every
    # current member by name (the network's matching suggests there too), names them, with the
    # details their visibility allows.
    refresh_search_document(profile=subject.profile)
    picker = reverse("publications:reviewer_candidates", kwargs={"pk": world[Review].article_id})
    return [
        f"{picker}?{urlencode({'reviewer_q': subject.profile.name})}",
        _expert_on_water(subject),
    ]


def _expert_on_water(subject) -> str:
    """Make the person an expert on water in the matching index; return water's theme page.

    The index is updated in place, not rebuilt: a rebuild would replace the suggestions made
    above for the other people of the sweep.
    """
    from wsco.core.models import Theme
    from wsco.network.index_file import current_index, exclusive, write_index
    from wsco.network.matching import MatchingIndex
    from wsco.network.services.recommendations import engine_profile

    subject.profile.themes_of_expertise.add(Theme.objects.get(slug="water"))
    with exclusive():
        index = current_index()
        if index is None:
            index = MatchingIndex.build([engine_profile(subject.profile)])
        else:
            index.upsert(engine_profile(subject.profile))
        write_index(index)
    return reverse("core:theme", kwargs={"slug": "water"})


SHOWS_PEOPLE = {
    Introduction: _asks_to_meet,
    Connection: _connected,
    Message: _writes,
    Block: _blocked,
    Report: _reported,
    Suggestion: _suggested,
}
NOT_SHOWN = {
    DismissedSuggestion: "kept to leave someone out of one's suggestions; shown nowhere",
}
