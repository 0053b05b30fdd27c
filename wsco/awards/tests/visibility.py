"""Where the awards show people, for the visibility sweep (wsco/members/tests/visibility_sweep.py).

Each person is nominated, and found eligible, in a category for members of the world's edition
(announced): its page lists the nominees, by the name the viewer may see; the jury and staff
see the name on the pages where they decide.
"""

from wsco.awards.models import Edition, Nomination, NominationStatus
from wsco.awards.tests.factories import category


def _nominated(world, subject) -> list[str]:
    edition = world[Edition]
    members = edition.categories.filter(nominee_kind="member").first()
    members = members or category(edition, kind="member")
    Nomination.objects.create(
        category=members,
        nominator=world.person("member"),
        profile=subject.profile,
        statement="A year of open data.",
        status=NominationStatus.ELIGIBLE,
    )
    return [members.get_absolute_url()]


SHOWS_PEOPLE = {Nomination: _nominated}
