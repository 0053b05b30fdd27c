"""The people's choice: one vote per verified account and category, changeable until the close.

A vote is one `INSERT ... ON CONFLICT (category, voter) DO UPDATE` (Django's `bulk_create`
with `update_conflicts`, on SQLite and PostgreSQL alike): the unique constraint, not a read in
Python, holds "one vote per person", so two requests from one person at the same moment leave
one row, and the last one wins. Counts are read only after the announcement
(`queries.vote_counts`), and only of votes cast before the close.
"""

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from wsco.awards.models import Nomination, NominationStatus, Vote


def has_verified_email(user) -> bool:
    """Say whether `user` confirmed an email address (a verified account)."""
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def cast_vote(*, nomination: Nomination, voter, now=None) -> None:
    """Record `voter`'s vote for `nomination` in its category, replacing their earlier one."""
    now = now or timezone.now()
    category = nomination.category
    if not category.edition.vote_open(now):
        raise ValidationError(_("The public vote is not open."))
    if nomination.status != NominationStatus.ELIGIBLE:
        raise ValidationError(_("Only eligible nominations are in the public vote."))
    if not voter.is_active or not has_verified_email(voter):
        raise PermissionDenied(_("Confirm your email address to vote."))
    Vote.objects.bulk_create(
        [Vote(category_id=category.pk, voter=voter, nomination=nomination, cast_at=now)],
        update_conflicts=True,
        unique_fields=["category", "voter"],
        update_fields=["nomination", "cast_at"],
    )


def withdraw_vote(*, category, voter, now=None) -> int:
    """Take back `voter`'s vote in `category` while the vote is open; return rows removed."""
    if not category.edition.vote_open(now or timezone.now()):
        raise ValidationError(_("The public vote is not open."))
    deleted, _rows = Vote.objects.filter(category=category, voter=voter).delete()
    return deleted
