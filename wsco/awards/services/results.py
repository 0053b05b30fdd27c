"""Settling the results at the announcement time: placements, certificates, notifications.

`announce_due_editions` is what the scheduler calls (`manage.py announce_awards`, every few
minutes): every edition whose announcement time has come and whose results are not settled is
settled in one transaction. The pages show results from the announcement time once they are
settled (`Edition.is_announced`), so nothing is shown early, whatever the scheduler does.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from wsco.awards.models import Award, Category, Edition, Placement
from wsco.awards.queries import ranking
from wsco.certificates.services import issue_certificate
from wsco.notifications.services import notify

WINNER_KIND = "award_winner"
FINALIST_KIND = "award_finalist"


def _holders(nomination) -> dict:
    """The certificate's holders: the member's account, the organization behind the nominee."""
    if nomination.profile_id:
        return {
            "holder_user": nomination.profile.user,
            "holder_organization": None,
        }
    if nomination.organization_id:
        return {"holder_user": None, "holder_organization": nomination.organization}
    if nomination.project_id:
        return {"holder_user": None, "holder_organization": nomination.project.organization}
    return {"holder_user": None, "holder_organization": nomination.city.municipality}


def _certify(placement: Placement) -> None:
    nomination = placement.nomination
    category = placement.category
    kind = WINNER_KIND if placement.award == Award.WINNER else FINALIST_KIND
    title = (
        f"Smart City Industry Awards {category.edition.year} — {category.name} — "
        f"{Award(placement.award).label}"
    )
    placement.certificate = issue_certificate(
        kind=kind,
        title=title,
        holder_name=nomination.nominee_name,
        subject=nomination,
        details=[
            ("Edition", str(category.edition.year)),
            ("Category", category.name),
            ("Award", str(Award(placement.award).label)),
        ],
        by=None,
        **_holders(nomination),
    )
    placement.save(update_fields=["certificate"])


def settle_category(category: Category) -> list[Placement]:
    """Write `category`'s placements from the calibrated ranking and issue the certificates."""
    results = ranking(category)[: category.finalists]
    placements = []
    for result in results:
        placement = Placement.objects.create(
            category=category,
            nomination=result.nomination_object,
            rank=result.rank,
            award=Award.WINNER if result.rank == 1 else Award.FINALIST,
            raw_score=Decimal(str(result.raw)),
            calibrated_score=Decimal(str(result.calibrated)),
            votes=result.votes,
            tie_break=result.tie_break,
        )
        _certify(placement)
        # The nominator and the seconders put the nominee forward: each is told.
        nomination = result.nomination_object
        supporters = [nomination.nominator] + [
            secondment.seconder for secondment in nomination.secondments.select_related("seconder")
        ]
        for recipient in supporters:
            notify(
                recipient=recipient,
                kind="awards.announced",
                about=f"awards.nomination:{result.nomination}",
                year=category.edition.year,
                slug=category.slug,
                nominee=nomination.nominee_name,
                award=placement.award,
            )
        placements.append(placement)
    return placements


def announce_edition(edition: Edition, *, now=None) -> bool:
    """Settle `edition`'s results if its announcement time has come; say whether it did."""
    now = now or timezone.now()
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        if edition.announced_at is not None or now < edition.announce_at:
            return False
        for category in edition.categories.all():
            settle_category(category)
        edition.announced_at = now
        edition.save(update_fields=["announced_at"])
    return True


def announce_due_editions(*, now=None) -> list[int]:
    """Settle every edition whose announcement time has come; return their years."""
    now = now or timezone.now()
    due = Edition.objects.filter(announce_at__lte=now, announced_at__isnull=True)
    return [edition.year for edition in due if announce_edition(edition, now=now)]
