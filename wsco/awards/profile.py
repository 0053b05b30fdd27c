"""The awards a person won or reached the final of, on their public profile page."""

from wsco.awards.changes import AWARDS as AWARDS_DATA_SET
from wsco.awards.changes import PLACEMENTS
from wsco.awards.queries import awards_of_user, placements_held_by
from wsco.core.compiled_query import CompiledQuery
from wsco.members.profile_actions import ProfileAction

# Most people hold none: asked first, compiled once, it spares building the whole query. It
# leaves out the announcement time, which a compiled query cannot take, so it may say yes to
# placements still to be announced; `awards_of_user` then tells.
_MAY_HOLD_ANY = CompiledQuery(lambda user_id: placements_held_by(user_id).values_list("pk")[:1])


def _context(request, profile) -> dict | None:
    if not _MAY_HOLD_ANY.rows(user_id=profile.user_id):
        return None
    placements = list(awards_of_user(profile.user_id))
    if not placements:
        return None
    return {"placements": placements}


AWARDS = ProfileAction(
    name="awards",
    template="awards/profile_awards.html",
    context=_context,
    order=210,
    data_sets=lambda user_id: [AWARDS_DATA_SET, PLACEMENTS],
)
