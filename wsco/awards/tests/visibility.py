"""Where the awards show people, for the visibility sweep (wsco/members/tests/visibility_sweep.py).

Each person is nominated, and found eligible, in a category for members of the world's edition
(announced): its page lists the nominees, by the name the viewer may see; the jury and staff
see the name on the pages where they decide. Each person also seconds a nomination: its page
shows them, by their visibility, to its nominator and staff.
"""

from wsco.awards.models import Edition, Nomination, NominationStatus, Secondment
from wsco.awards.tests.factories import category
from wsco.projects.tests.factories import project


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


def _seconded(world, subject) -> list[str]:
    """The person seconds a nomination of "member": its page names them by their visibility to
    the nominator and staff (the jury of a blind category only counts them)."""
    edition = world[Edition]
    projects = edition.categories.filter(nominee_kind="project").first()
    projects = projects or category(edition, kind="project")
    seconded = Nomination.objects.create(
        category=projects,
        nominator=world.person("member"),
        project=project(published=True),
        statement="Water found where it was lost.",
        status=NominationStatus.ELIGIBLE,
    )
    Secondment.objects.create(
        nomination=seconded, seconder=subject.profile.user, statement="I saw it work."
    )
    return [seconded.get_absolute_url()]


SHOWS_PEOPLE = {Nomination: _nominated, Secondment: _seconded}
