"""The awards a person won or reached the final of, on their public profile page."""

from wsco.awards.changes import AWARDS as AWARDS_DATA_SET
from wsco.awards.changes import PLACEMENTS
from wsco.awards.queries import awards_of_user
from wsco.members.profile_actions import ProfileAction


def _context(request, profile) -> dict | None:
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
