"""The jury: seats on a category, conflicts excluded automatically, recusals, and scores.

Every exclusion and recusal is a row (`Exclusion`) with its reason: the log staff read. The
conflicts are looked for when a juror is seated, when a nomination is found eligible, when a
juror declares a conflict, and again when a juror scores, so that a conflict that arose in
between (a juror joining a project's team) still keeps them away.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wsco.accounts.models import Role
from wsco.awards.models import (
    Category,
    DeclaredConflict,
    Edition,
    Exclusion,
    ExclusionReason,
    JurorAssignment,
    Nomination,
    NominationStatus,
    Score,
)
from wsco.projects.models import TeamMember


def _nominee_organization_ids(nomination: Nomination) -> set[int]:
    """The organizations behind a nominee: itself, the project's owner, the member's employer."""
    ids = {
        nomination.organization_id,
        nomination.project.organization_id if nomination.project_id else None,
        nomination.profile.organization_id if nomination.profile_id else None,
        nomination.city.municipality_id if nomination.city_id else None,
    }
    return ids - {None}


def conflicts_of(juror, nomination: Nomination) -> list[tuple[str, str]]:
    """Return the reasons `juror` may not judge `nomination`, each with a detail; [] if none."""
    found = []
    profile = getattr(juror, "profile", None)
    organizations = _nominee_organization_ids(nomination)
    if profile is not None and profile.organization_id in organizations:
        found.append((ExclusionReason.OWN_ORGANIZATION, str(profile.organization)))
    if nomination.nominator_id == juror.pk:
        found.append((ExclusionReason.NOMINATOR, ""))
    seconders = set(nomination.secondments.values_list("seconder_id", flat=True))
    if juror.pk in seconders:
        found.append((ExclusionReason.SECONDER, ""))
    if nomination.profile_id and nomination.profile.user_id == juror.pk:
        found.append((ExclusionReason.NOMINEE, ""))
    if nomination.project_id:
        role = TeamMember.objects.filter(project_id=nomination.project_id, user=juror).first()
        if role is not None:
            found.append((ExclusionReason.PROJECT_TEAM, role.get_role_display()))
    people = nomination.nominee_user_ids() | {nomination.nominator_id} | seconders
    for conflict in DeclaredConflict.objects.filter(
        juror=juror, edition_id=nomination.category.edition_id
    ):
        if conflict.organization_id in organizations or conflict.person_id in people:
            found.append((ExclusionReason.DECLARED, conflict.reason))
    return found


def _exclude(juror, nomination: Nomination) -> Exclusion | None:
    """Log `juror`'s first conflict with `nomination`, if they have one and it is not logged."""
    conflicts = conflicts_of(juror, nomination)
    if not conflicts:
        return None
    reason, detail = conflicts[0]
    exclusion, _created = Exclusion.objects.get_or_create(
        nomination=nomination, juror=juror, defaults={"reason": reason, "detail": detail[:300]}
    )
    # A juror kept away has no say: scores given before the conflict was known go.
    Score.objects.filter(nomination=nomination, juror=juror).delete()
    return exclusion


def sync_exclusions(*, category: Category) -> int:
    """Look for every seated juror's conflicts with the eligible nominations; log new ones."""
    nominations = list(
        category.nominations.filter(status=NominationStatus.ELIGIBLE).select_related(
            "category", "project", "profile", "organization", "city"
        )
    )
    jurors = [assignment.juror for assignment in category.assignments.select_related("juror")]
    logged = Exclusion.objects.filter(nomination__category=category)
    known = set(logged.values_list("nomination_id", "juror_id"))
    added = 0
    with transaction.atomic():
        for juror in jurors:
            for nomination in nominations:
                if (nomination.pk, juror.pk) not in known and _exclude(juror, nomination):
                    added += 1
    return added


def assign_juror(*, category: Category, juror, by) -> JurorAssignment:
    """Seat `juror` (who holds the juror role) on `category`'s jury."""
    if not by.is_staff:
        raise PermissionDenied(_("Only staff seat jurors."))
    if not juror.has_role(Role.JUROR):
        raise ValidationError({"juror": _("Give this person the juror role first.")})
    with transaction.atomic():
        assignment, _created = JurorAssignment.objects.get_or_create(
            category=category, juror=juror, defaults={"assigned_by": by}
        )
        sync_exclusions(category=category)
    return assignment


def unseat_juror(*, category: Category, juror, by) -> int:
    """Take `juror` off `category`'s jury; return how many of their scores were deleted.

    A juror off the jury has no say in its result: their scores in the category go with the
    seat, so the ranking and its calibration read only the seated jurors. Their exclusions and
    recusals stay, as the log of who was kept away from what. Once the jury has ended the
    report stands and the jury is no longer changed.
    """
    if not by.is_staff:
        raise PermissionDenied(_("Only staff seat jurors."))
    if timezone.now() >= category.edition.jury_ends_at:
        raise ValidationError(_("The jury has ended: its jurors are no longer changed."))
    with transaction.atomic():
        removed, _by_model = JurorAssignment.objects.filter(category=category, juror=juror).delete()
        if not removed:
            raise ValidationError({"juror": _("This person is not on the category's jury.")})
        deleted, _by_model = Score.objects.filter(
            nomination__category=category, juror=juror
        ).delete()
    return deleted


def declare_conflict(
    *, edition: Edition, juror, reason: str, organization=None, person=None
) -> DeclaredConflict:
    """Record a conflict `juror` declares with an organization or a person, for the edition."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say what the conflict is.")})
    if organization is None and person is None:
        raise ValidationError(_("Name the organization or the person."))
    with transaction.atomic():
        conflict = DeclaredConflict.objects.create(
            juror=juror, edition=edition, organization=organization, person=person, reason=reason
        )
        for category in edition.categories.filter(assignments__juror=juror):
            sync_exclusions(category=category)
    return conflict


def is_seated(juror, category: Category) -> bool:
    return JurorAssignment.objects.filter(category=category, juror=juror).exists()


def recuse(*, nomination: Nomination, juror, reason: str) -> Exclusion:
    """Take `juror` off `nomination`, at their own request, with the reason logged."""
    if not is_seated(juror, nomination.category):
        raise PermissionDenied(_("You are not on this category's jury."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for recusing yourself.")})
    with transaction.atomic():
        exclusion, created = Exclusion.objects.get_or_create(
            nomination=nomination,
            juror=juror,
            defaults={"reason": ExclusionReason.RECUSED, "detail": reason[:300]},
        )
        if not created:
            raise ValidationError(_("You are already kept away from this nomination."))
        Score.objects.filter(nomination=nomination, juror=juror).delete()
    return exclusion


def score_nomination(*, nomination: Nomination, juror, scores: dict) -> list[Score]:
    """Record `juror`'s score and comment on every criterion of `nomination`'s category.

    `scores` maps each criterion's id to `(value, comment)`. The jury must be at work, the
    juror seated, the nomination eligible and the juror free of any conflict with it.
    """
    category = nomination.category
    if not category.edition.jury_open():
        raise ValidationError(_("The jury is not at work: scores are closed."))
    if not is_seated(juror, category):
        raise PermissionDenied(_("You are not on this category's jury."))
    if nomination.status != NominationStatus.ELIGIBLE:
        raise ValidationError(_("Only eligible nominations are scored."))
    criteria = {criterion.pk: criterion for criterion in category.criteria.all()}
    if set(scores) != set(criteria):
        raise ValidationError(_("Score every criterion of the category."))
    for criterion_id, (value, _comment) in scores.items():
        if not 1 <= int(value) <= 10:
            raise ValidationError(
                {
                    "score": _("%(criterion)s: a score is from 1 to 10.")
                    % {"criterion": criteria[criterion_id].display_name}
                }
            )
    with transaction.atomic():
        if Exclusion.objects.filter(nomination=nomination, juror=juror).exists() or _exclude(
            juror, nomination
        ):
            raise PermissionDenied(_("You have a conflict with this nomination."))
        saved = []
        for criterion_id, (value, comment) in scores.items():
            score, _created = Score.objects.update_or_create(
                nomination=nomination,
                juror=juror,
                criterion_id=criterion_id,
                defaults={"value": int(value), "comment": comment},
            )
            saved.append(score)
    return saved
