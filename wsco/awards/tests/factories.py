"""Awards for the tests: editions placed in a phase of their timetable, categories, jurors."""

import datetime

from django.utils import timezone

from wsco.audits.tests.records import person
from wsco.awards.models import Category, Criterion, Edition, JurorAssignment, Nomination, Phase
from wsco.members.tests.factories import MemberProfileFactory

DAY = datetime.timedelta(days=1)

# Each timetable date, in days from now, that puts an edition in a phase (docs/awards.md).
TIMETABLES = {
    Phase.UPCOMING: (1, 3, 4, 6, 4, 6, 7),
    Phase.NOMINATIONS: (-1, 1, 2, 4, 2, 4, 5),
    Phase.SCREENING: (-3, -1, 1, 3, 1, 3, 4),
    Phase.JURY: (-5, -3, -1, 1, -1, 1, 2),
    Phase.DELIBERATION: (-7, -5, -3, -1, -3, -1, 1),
    Phase.ANNOUNCED: (-9, -7, -5, -3, -5, -3, -1),
}
DATES = (
    "nominations_open_at",
    "nominations_close_at",
    "screening_ends_at",
    "jury_ends_at",
    "vote_opens_at",
    "vote_closes_at",
    "announce_at",
)


def timetable(phase: str, *, now=None) -> dict:
    """Return the dates that put an edition in `phase` at `now`."""
    now = now or timezone.now()
    return {name: now + days * DAY for name, days in zip(DATES, TIMETABLES[phase], strict=True)}


def edition(phase: str = Phase.NOMINATIONS, *, year: int = 2026) -> Edition:
    return Edition.objects.create(year=year, title=f"Awards {year}", **timetable(phase))


def move_to(made: Edition, phase: str) -> Edition:
    """Set `made`'s timetable so that it is in `phase` now (the clock moves, the pages follow)."""
    Edition.objects.filter(pk=made.pk).update(**timetable(phase))
    made.refresh_from_db()
    return made


def category(made: Edition, *, kind: str = "project", weights=(3, 1), **fields) -> Category:
    """Return a category of `kind` with one criterion per weight."""
    fields.setdefault("slug", f"best-{kind}")
    made_category = Category.objects.create(
        edition=made,
        name=f"Best {kind}",
        description="The best of the year.",
        nominee_kind=kind,
        **fields,
    )
    for position, weight in enumerate(weights):
        Criterion.objects.create(
            category=made_category,
            name=f"Criterion {position + 1}",
            weight=weight,
            anchor_low="Weak",
            anchor_middle="Sound",
            anchor_high="Outstanding",
            position=position,
        )
    return made_category


def juror(**profile_fields):
    """Return a member holding the juror role."""
    user = MemberProfileFactory(**profile_fields).user
    from wsco.accounts.models import RoleGrant

    RoleGrant.objects.create(user=user, role="juror")
    return user


def seat(made_category: Category, *jurors) -> None:
    for each in jurors:
        JurorAssignment.objects.create(category=made_category, juror=each)


def nomination(made_category: Category, nominee, *, status="eligible", nominator=None):
    """Return a nomination of `nominee` in a state, made directly (setting up, not testing)."""
    return Nomination.objects.create(
        category=made_category,
        nominator=nominator or person(),
        statement="Because it changed the city.",
        status=status,
        **{made_category.nominee_field: nominee},
    )
