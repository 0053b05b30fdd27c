"""Demo data of the awards: 2016 and 2017 (finished) and this year's edition (nominations open).

Each edition has three categories: the project of the year (blind judging), the smart city
company and the smart city of the year, each with a weighted rubric. In the finished editions
three jurors scored every eligible nomination they had no conflict with, members voted, and the
results were settled through `announce_edition` (placements and certificates), as the
scheduler would have; each category's first nomination was seconded by two members. This
year's edition takes nominations: the demo member nominated a project, awaiting screening and
seconded by another member, and the demo juror sits on every jury.

Runs after the members, audits and projects demos and uses their people, organizations,
cities and projects. The past is written directly (the services refuse a date gone by);
results go through the services.
"""

import datetime

from django.utils import timezone

from wsco.accounts.models import Role, RoleGrant, User
from wsco.audits.models import City
from wsco.awards.models import (
    Category,
    Criterion,
    Edition,
    Exclusion,
    JurorAssignment,
    Nomination,
    NominationStatus,
    NomineeKind,
    Score,
    Secondment,
    Vote,
)
from wsco.awards.services.jury import sync_exclusions
from wsco.awards.services.nominations import is_self_nomination
from wsco.awards.services.results import announce_edition
from wsco.core.models import Theme
from wsco.members.models import Organization, Profile
from wsco.projects.models import Project

CATEGORIES = [
    {
        "slug": "project-of-the-year",
        "name": "Smart City Project of the Year",
        "name_ro": "Proiectul Smart City al anului",
        "description": "A city project that **changed daily life** and shows it in numbers.",
        "description_ro": "Un proiect al unui oraș care **a schimbat viața de zi cu zi** și o "
        "arată în cifre.",
        "nominee_kind": NomineeKind.PROJECT,
        "themes": ["transportation", "energy"],
        "blind": True,
        "criteria": [
            ("Impact on residents", "Impactul asupra locuitorilor", 3),
            ("Innovation", "Inovația", 2),
            ("Replicability", "Posibilitatea de a fi reprodus", 1),
        ],
    },
    {
        "slug": "smart-city-company",
        "name": "Smart City Company of the Year",
        "name_ro": "Compania Smart City a anului",
        "description": "A company whose products or services made cities smarter.",
        "description_ro": "O companie ale cărei produse sau servicii au făcut orașele mai "
        "inteligente.",
        "nominee_kind": NomineeKind.ORGANIZATION,
        "themes": ["economy", "telecommunication"],
        "membership_required": True,
        "self_nomination": True,
        "criteria": [
            ("Results in cities", "Rezultate în orașe", 2),
            ("Partnerships", "Parteneriate", 1),
        ],
    },
    {
        "slug": "smart-city-of-the-year",
        "name": "Smart City of the Year",
        "name_ro": "Orașul inteligent al anului",
        "description": "The city that moved furthest on its smart-city path this year.",
        "description_ro": "Orașul care a avansat cel mai mult pe drumul său smart city anul "
        "acesta.",
        "nominee_kind": NomineeKind.CITY,
        "themes": ["governance", "urban-planning"],
        "criteria": [
            ("Strategy", "Strategia", 1),
            ("Delivery", "Realizarea", 2),
            ("Openness", "Transparența", 1),
        ],
    },
]
ANCHORS = ("Little evidence", "Solid, as expected", "Outstanding, a model for others")


def _at(year: int, month: int, day: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, 12, tzinfo=datetime.UTC)


def _timetable(year: int) -> dict:
    """A year's timetable: nominations in spring, the jury and the vote in autumn."""
    return {
        "nominations_open_at": _at(year, 3, 1),
        "nominations_close_at": _at(year, 6, 30),
        "screening_ends_at": _at(year, 8, 31),
        "jury_ends_at": _at(year, 10, 31),
        "vote_opens_at": _at(year, 9, 1),
        "vote_closes_at": _at(year, 10, 31),
        "announce_at": _at(year, 11, 20),
    }


def _current_timetable() -> dict:
    """This year's edition: nominations opened ten days ago and close in a month."""
    now = timezone.now().replace(microsecond=0)
    day = datetime.timedelta(days=1)
    return {
        "nominations_open_at": now - 10 * day,
        "nominations_close_at": now + 30 * day,
        "screening_ends_at": now + 45 * day,
        "jury_ends_at": now + 75 * day,
        "vote_opens_at": now + 45 * day,
        "vote_closes_at": now + 75 * day,
        "announce_at": now + 90 * day,
    }


def _categories(edition: Edition) -> list[Category]:
    made = []
    for position, spec in enumerate(CATEGORIES):
        fields = {key: value for key, value in spec.items() if key not in ("themes", "criteria")}
        category = Category.objects.create(edition=edition, position=position, **fields)
        category.themes.set(Theme.objects.filter(slug__in=spec["themes"]))
        for number, (name, name_ro, weight) in enumerate(spec["criteria"]):
            Criterion.objects.create(
                category=category,
                name=name,
                name_ro=name_ro,
                weight=weight,
                anchor_low=ANCHORS[0],
                anchor_middle=ANCHORS[1],
                anchor_high=ANCHORS[2],
                position=number,
            )
        made.append(category)
    return made


def _nominees(kind: str) -> list:
    if kind == NomineeKind.PROJECT:
        return list(Project.objects.published().order_by("pk")[:5])
    if kind == NomineeKind.ORGANIZATION:
        return list(Organization.objects.filter(type="company").order_by("pk")[:5])
    return list(City.objects.order_by("pk")[:5])


JURORS = 3


def _jurors(profiles: list[Profile]) -> list[User]:
    """The demo juror account, and members given the juror role to make three jurors."""
    jurors = list(User.objects.filter(role_grants__role=Role.JUROR).order_by("pk")[:1])
    for profile in reversed(profiles):
        if len(jurors) == JURORS:
            break
        if profile.user not in jurors:
            RoleGrant.objects.get_or_create(user=profile.user, role=Role.JUROR)
            jurors.append(profile.user)
    return jurors


def _judge(context, category: Category, jurors: list[User], voters: list[Profile]) -> None:
    """Score every nomination each juror may judge, and cast the members' votes, in the past."""
    rng = context.random
    criteria = list(category.criteria.all())
    # Each juror is a little harsh or lenient: the calibration has something to even out.
    habits = {juror.pk: rng.choice((-2, -1, 0, 1)) for juror in jurors}
    excluded = set(
        Exclusion.objects.filter(nomination__category=category).values_list(
            "nomination_id", "juror_id"
        )
    )
    nominations = list(category.nominations.filter(status=NominationStatus.ELIGIBLE))
    for index, nomination in enumerate(nominations):
        quality = 8 - index
        for juror in jurors:
            if (nomination.pk, juror.pk) in excluded:
                continue
            Score.objects.bulk_create(
                Score(
                    nomination=nomination,
                    juror=juror,
                    criterion=criterion,
                    value=max(1, min(10, quality + habits[juror.pk] + rng.choice((-1, 0, 1)))),
                    comment="",
                )
                for criterion in criteria
            )
    Vote.objects.bulk_create(
        Vote(
            category=category,
            voter=profile.user,
            nomination=rng.choice(nominations),
            cast_at=category.edition.vote_opens_at + datetime.timedelta(days=3),
        )
        for profile in voters
    )


def _second(nomination: Nomination, seconders: list[Profile], wanted: int, *, at=None) -> None:
    """Have the first `wanted` of `seconders` who may second `nomination` second it: not its
    nominator, not the nominee's own people (the rule `services.secondments` holds)."""
    kind = nomination.category.nominee_kind
    made = 0
    for profile in seconders:
        if made == wanted:
            return
        user = profile.user
        if user.pk == nomination.nominator_id or is_self_nomination(user, kind, nomination.nominee):
            continue
        Secondment.objects.create(
            nomination=nomination,
            seconder=user,
            statement=f"I have seen {nomination.nominee} at work: it deserves the award.",
            created_at=at or timezone.now(),
        )
        made += 1


def _edition(context, year: int, title_ro: str, timetable: dict, nominators, jurors):
    edition = Edition.objects.create(
        year=year,
        title=f"Smart City Industry Awards {year}",
        title_ro=title_ro,
        introduction="WSCO's annual awards for the best of the smart city industry.",
        introduction_ro="Premiile anuale WSCO pentru cele mai bune realizări din industria "
        "smart city.",
        **timetable,
    )
    categories = _categories(edition)
    for category in categories:
        for juror in jurors:
            JurorAssignment.objects.create(category=category, juror=juror)
    return edition, categories


def seed(context) -> None:
    """Create the 2016 and 2017 editions with their winners, and this year's, open."""
    profiles = [p for p in context.shared.get("profiles", []) if p.is_member]
    if not profiles or not Project.objects.published().exists():
        return
    jurors = _jurors(profiles)
    nominators = profiles[:12]
    seconders = [profile for profile in profiles[12:20] if profile.user not in jurors]
    for year in (2016, 2017):
        edition, categories = _edition(
            context, year, f"Premiile industriei Smart City {year}", _timetable(year), nominators,
            jurors,
        )  # fmt: skip
        for category in categories:
            for index, nominee in enumerate(_nominees(category.nominee_kind)):
                Nomination.objects.create(
                    category=category,
                    nominator=nominators[index].user,
                    statement=f"{nominee} delivered what it promised, and residents noticed.",
                    links="https://wsco.example/evidence",
                    status=NominationStatus.ELIGIBLE,
                    screening_reason="Within the category's rules.",
                    created_at=_at(year, 4, 1 + index),
                    **{category.nominee_field: nominee},
                )
            # The first nomination of each category is seconded by two members off the jury.
            first = category.nominations.order_by("created_at", "pk").first()
            if first is not None:
                _second(first, seconders, 2, at=_at(year, 5, 1))
            sync_exclusions(category=category)
            _judge(context, category, jurors, profiles[20:60])
        announce_edition(edition)
    year = timezone.localdate().year
    if Edition.objects.filter(year=year).exists():
        return
    _edition_now, categories = _edition(
        context, year, f"Premiile industriei Smart City {year}", _current_timetable(),
        nominators, jurors,
    )  # fmt: skip
    member = User.objects.filter(email="member@demo.wsco.example").first()
    project = Project.objects.published().exclude(team__user=member).order_by("pk").first()
    if member is not None and project is not None:
        nomination = Nomination.objects.create(
            category=categories[0],
            nominator=member,
            project=project,
            statement=f"**{project}** cut waiting times in half within a year.",
            links="https://wsco.example/results",
        )
        _second(nomination, seconders, 1)
    context.say(f"Awards: the 2016 and 2017 editions with their winners, and {year}'s, open.")
