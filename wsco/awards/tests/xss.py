"""What the every-field XSS sweep needs from the awards app (see wsco/core/tests/xss_sweep.py).

An edition whose results are announced, with a category, its rubric, a nomination of the
projects' project by "member" (placed first, with its vote), and a second nomination "other"
recused from. "other" sits on the jury: the jury list, the scoring page, the conflicts page
and (the jury being closed) the score report open for them; staff see the screening queue and
the jurors page. "other" seconded the first nomination: "member" (its nominator) and staff read
the statement on its page, "other" on their own nominations page.
"""

from django.utils import timezone

from wsco.awards.models import (
    Category,
    Criterion,
    DeclaredConflict,
    Edition,
    Exclusion,
    JurorAssignment,
    Nomination,
    Phase,
    Placement,
    Score,
    Secondment,
    Vote,
)
from wsco.awards.tests.factories import category, edition, nomination
from wsco.members.models import Organization
from wsco.projects.models import Project
from wsco.projects.tests.factories import project


def _edition(world) -> Edition:
    made = edition(Phase.ANNOUNCED, year=2019)
    Edition.objects.filter(pk=made.pk).update(announced_at=timezone.now())
    made.refresh_from_db()
    return made


def _nomination(world) -> Nomination:
    made = nomination(world[Category], world[Project], nominator=world.person("member"))
    made.links = "https://wsco.example/evidence"
    made.screening_reason = "Within the rules."
    made.save(update_fields=["links", "screening_reason"])
    return made


def _exclusion(world) -> Exclusion:
    world[JurorAssignment]
    other_nomination = nomination(world[Category], project(), nominator=world.person("member"))
    return Exclusion.objects.create(
        nomination=other_nomination,
        juror=world.person("other"),
        reason="recused",
        detail="A relative leads it.",
    )


BUILDERS = {
    Edition: _edition,
    Category: lambda world: category(world[Edition]),
    Criterion: lambda world: world[Category].criteria.first(),
    Nomination: _nomination,
    JurorAssignment: lambda world: JurorAssignment.objects.create(
        category=world[Category], juror=world.person("other")
    ),
    DeclaredConflict: lambda world: DeclaredConflict.objects.create(
        juror=world.person("other"),
        edition=world[Edition],
        organization=world[Organization],
        reason="I advised them.",
    ),
    Exclusion: _exclusion,
    Score: lambda world: Score.objects.create(
        nomination=world[Nomination],
        juror=world[JurorAssignment].juror,
        criterion=world[Criterion],
        value=7,
        comment="Bold and well run.",
    ),
    Secondment: lambda world: Secondment.objects.create(
        nomination=world[Nomination], seconder=world.person("other"), statement="I saw it work."
    ),
    Vote: lambda world: Vote.objects.create(
        category=world[Category], voter=world.person("member"), nomination=world[Nomination]
    ),
    Placement: lambda world: Placement.objects.create(
        category=world[Category],
        nomination=world[Nomination],
        rank=1,
        award="winner",
        raw_score=7,
        calibrated_score=7,
        votes=1,
    ),
}


def _category(world) -> dict:
    return {"year": world[Edition].year, "slug": world[Category].slug}


def _year(world) -> dict:
    return {"year": world[Edition].year}


URL_KWARGS = {
    "awards:edition": _year,
    "awards:screening": _year,
    "awards:conflicts": _year,
    "awards:category": _category,
    "awards:nominate": _category,
    "awards:second": _category,
    "awards:jury": _category,
    "awards:jurors": _category,
    "awards:report": _category,
    "awards:nomination": lambda world: {"pk": world[Nomination].pk},
    "awards:score": lambda world: {"pk": world[Nomination].pk},
    "api-1.0.0:get_edition": _year,
}
NOT_PAGES = {
    "awards:report_csv": "a CSV file, its text neutralised by wsco.core.spreadsheets",
}
NOT_WRITTEN_BY_PEOPLE = {
    "awards.Placement.tie_break": "the name of a tie-break rule the ranking gives",
}
