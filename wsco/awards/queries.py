"""Reads of the awards that are reused or tricky: rankings, the score report, vote counts."""

import string
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Q
from django.utils import timezone

from wsco.accounts.models import Role
from wsco.awards import calibration
from wsco.awards.models import (
    Category,
    Exclusion,
    Nomination,
    NominationStatus,
    Placement,
    Score,
    Secondment,
    Vote,
)
from wsco.core.search import search
from wsco.members.models import Profile

NOMINEE_RELATIONS = ("category__edition", "project", "profile", "organization", "city")


def existing_nomination(category: Category, nominee) -> Nomination | None:
    """Return the nomination of `nominee` in `category`, if there is one."""
    return (
        Nomination.objects.filter(category=category, **{category.nominee_field: nominee})
        .select_related(*NOMINEE_RELATIONS)
        .first()
    )


def seconder_counts(nomination_ids) -> dict[int, int]:
    """Return how many members second each of the nominations (absent: none)."""
    rows = (
        Secondment.objects.filter(nomination_id__in=list(nomination_ids))
        .values("nomination_id")
        .annotate(seconders=Count("pk"))
    )
    return {row["nomination_id"]: row["seconders"] for row in rows}


def vote_counts(category: Category) -> dict[int, int]:
    """Return each nomination's votes cast before the close (read only after the announcement)."""
    rows = (
        Vote.objects.filter(category=category, cast_at__lt=category.edition.vote_closes_at)
        .values("nomination_id")
        .annotate(votes=Count("pk"))
    )
    return {row["nomination_id"]: row["votes"] for row in rows}


def marks_of(category: Category) -> list[calibration.Mark]:
    """Return each juror's weighted mark of each nomination they scored on every criterion."""
    weights = dict(category.criteria.values_list("pk", "weight"))
    by_pair: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    scores = Score.objects.filter(
        nomination__category=category, nomination__status=NominationStatus.ELIGIBLE
    ).values_list("juror_id", "nomination_id", "criterion_id", "value")
    for juror_id, nomination_id, criterion_id, value in scores:
        by_pair[(juror_id, nomination_id)].append((value, weights[criterion_id]))
    return [
        calibration.Mark(juror, nomination, calibration.weighted_mark(pairs))
        for (juror, nomination), pairs in sorted(by_pair.items())
        if len(pairs) == len(weights)
    ]


@dataclass
class RankedNomination:
    """A row of the ranking: the engine's result with the nomination and each juror's marks."""

    result: calibration.Result
    nomination_object: Nomination
    marks: list[tuple[str, float, float]] = field(default_factory=list)  # juror, raw, calibrated
    seconders: int = 0  # how many second it: a count, never who (the report is anonymous)

    def __getattr__(self, name):
        return getattr(self.result, name)


def juror_labels(category: Category) -> dict[int, str]:
    """Name the jurors "A", "B", ... in the order they were seated: the report is anonymous."""
    juror_ids = category.assignments.order_by("assigned_at", "pk").values_list(
        "juror_id", flat=True
    )
    letters = string.ascii_uppercase
    return {
        juror_id: letters[index % 26] * (index // 26 + 1)
        for index, juror_id in enumerate(juror_ids)
    }


def ranking(category: Category) -> list[RankedNomination]:
    """Rank `category`'s scored nominations by the calibrated jury result (see calibration)."""
    marks = marks_of(category)
    nominations = Nomination.objects.select_related(*NOMINEE_RELATIONS).in_bulk(
        {mark.nomination for mark in marks}
    )
    order = {pk: (nomination.created_at, pk) for pk, nomination in nominations.items()}
    sequence = {pk: index for index, pk in enumerate(sorted(order, key=order.get))}
    results = calibration.rank(
        marks,
        minimum=category.calibration_minimum,
        votes=vote_counts(category),
        order=sequence,
    )
    calibrated = calibration.calibrate(marks, minimum=category.calibration_minimum)
    labels = juror_labels(category)
    seconders = seconder_counts(nominations)
    per_nomination = defaultdict(list)
    for mark in marks:
        per_nomination[mark.nomination].append(
            (
                labels.get(mark.juror, "?"),
                round(mark.value, calibration.PLACES),
                round(calibrated[(mark.juror, mark.nomination)], calibration.PLACES),
            )
        )
    return [
        RankedNomination(
            result=result,
            nomination_object=nominations[result.nomination],
            marks=sorted(per_nomination[result.nomination]),
            seconders=seconders.get(result.nomination, 0),
        )
        for result in results
    ]


def juror_nominations(juror, category: Category) -> list[Nomination]:
    """The eligible nominations `juror` judges, in their own stable random order.

    Nominations the juror is excluded from (a conflict, a recusal) are not in it at all.
    """
    excluded = Exclusion.objects.filter(juror=juror, nomination__category=category).values(
        "nomination_id"
    )
    nominations = list(
        category.nominations.filter(status=NominationStatus.ELIGIBLE)
        .exclude(pk__in=excluded)
        .select_related(*NOMINEE_RELATIONS)
    )
    return sorted(nominations, key=lambda nomination: nomination.order_key(juror.pk))


def scored_by(juror, category: Category) -> set[int]:
    """The nominations `juror` has scored in `category`."""
    return set(
        Score.objects.filter(juror=juror, nomination__category=category).values_list(
            "nomination_id", flat=True
        )
    )


def placements_of(edition) -> list[Placement]:
    """The announced placements of an edition, by category and rank."""
    return list(
        Placement.objects.filter(category__edition=edition)
        .select_related("certificate", *[f"nomination__{name}" for name in NOMINEE_RELATIONS])
        .order_by("category__position", "category_id", "rank")
    )


def placements_held_by(user_id: int):
    """The placements a person holds, announced or not: as the member nominated, or on a
    project's team."""
    return Placement.objects.filter(
        Q(nomination__profile__user_id=user_id) | Q(nomination__project__team__user_id=user_id),
        category__edition__announced_at__isnull=False,
    )


def awards_of_user(user_id: int):
    """The announced placements a person holds: as the member nominated, or on a project's team."""
    return (
        placements_held_by(user_id)
        .filter(category__edition__announce_at__lte=timezone.now())
        .select_related("category__edition", "certificate", "nomination__project")
        .distinct()
        .order_by("-category__edition__year", "rank")
    )


def exclusion_log(category: Category) -> list[tuple[str, Exclusion]]:
    """Every exclusion and recusal of the category, with the juror's letter of the report."""
    labels = juror_labels(category)
    rows = Exclusion.objects.filter(nomination__category=category).select_related(
        *[f"nomination__{name}" for name in NOMINEE_RELATIONS]
    )
    return [(labels.get(row.juror_id, "?"), row) for row in rows]


@dataclass
class SeatedJuror:
    """A juror of a category as staff see it: who, since when, how many conflicts logged."""

    user_id: int
    name: str
    assigned_at: datetime
    conflicts: int
    scores: int  # the nominations they scored


def seated_jurors(category: Category, *, viewer) -> list[SeatedJuror]:
    """Return `category`'s jurors in the order they were seated, with their conflicts count.

    The conflicts count is every exclusion logged for them in the category (the automatic
    ones and their recusals). Three queries whatever the number of jurors.
    """
    from wsco.publications.reviewers import names_of

    assignments = list(
        category.assignments.select_related("juror")
        .annotate(
            conflicts=Count(
                "juror__award_exclusions",
                filter=Q(juror__award_exclusions__nomination__category=category),
                distinct=True,
            ),
            scores=Count(
                "juror__award_scores__nomination",
                filter=Q(juror__award_scores__nomination__category=category),
                distinct=True,
            ),
        )
        .order_by("assigned_at", "pk")
    )
    names = names_of([assignment.juror for assignment in assignments], viewer=viewer)
    return [
        SeatedJuror(
            user_id=assignment.juror_id,
            name=names[assignment.juror_id],
            assigned_at=assignment.assigned_at,
            conflicts=assignment.conflicts,
            scores=assignment.scores,
        )
        for assignment in assignments
    ]


def juror_candidates(category: Category, text: str, *, viewer, limit: int = 12) -> list:
    """Return the members holding the juror role whose name, organization or themes hold
    `text` (the members' search documents), those already seated left out.

    Each is a `(user_id, name)` pair, the names told apart as on the editors' reviewer picker.
    """
    from wsco.publications.reviewers import names_of

    if not text.strip():
        return []
    profiles = search(
        Profile.objects.filter(user__role_grants__role=Role.JUROR, user__is_active=True).exclude(
            user__award_assignments__category=category
        ),
        text,
    ).select_related("user")[:limit]
    users = [profile.user for profile in profiles]
    names = names_of(users, viewer=viewer)
    return [(user.pk, names[user.pk]) for user in users]
