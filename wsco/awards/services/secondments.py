"""Seconding someone else's nomination, and withdrawing the secondment, until nominations close.

A nominee is nominated once per category; others who would nominate it second that nomination
instead. A seconder must be a current member, may not be its nominator, and may not be the
nominee's own people (the member, someone on the project's team, someone of the organization
or of the city's municipality: the self-nomination rule, whatever the category says of
self-nominations, since a secondment is support from outside). One secondment per person and
nomination is held by a unique constraint.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from wsco.accounts.models import Role
from wsco.awards.models import Nomination, NominationStatus, Secondment
from wsco.awards.services.jury import sync_exclusions
from wsco.awards.services.nominations import is_self_nomination, require_open


def second_nomination(*, nomination: Nomination, by, statement: str) -> Secondment:
    """Record that `by` seconds `nomination`, with a short statement, while nominations are open.

    The nomination's row is locked while its state is checked: a withdrawal or a screening
    at the same moment waits, and is then seen.
    """
    category = nomination.category
    require_open(category)
    if not by.has_role(Role.MEMBER):
        raise PermissionDenied(_("Only current members second a nomination."))
    if not statement.strip():
        raise ValidationError({"statement": _("Say why you second the nomination.")})
    if nomination.nominator_id == by.pk:
        raise ValidationError(_("You made this nomination: you cannot second it too."))
    if is_self_nomination(by, category.nominee_kind, nomination.nominee):
        raise ValidationError(_("You cannot second a nomination of yourself or your own."))
    try:
        with transaction.atomic():
            status = (
                Nomination.objects.select_for_update()
                .values_list("status", flat=True)
                .get(pk=nomination.pk)
            )
            if status == NominationStatus.WITHDRAWN:
                raise ValidationError(_("This nomination was withdrawn."))
            secondment = Secondment.objects.create(
                nomination=nomination, seconder=by, statement=statement.strip()
            )
            # A seated juror who seconds an eligible nomination is kept away from it at once.
            if status == NominationStatus.ELIGIBLE:
                sync_exclusions(category=category)
    except IntegrityError:
        raise ValidationError(_("You already second this nomination.")) from None
    return secondment


def withdraw_secondment(*, secondment: Secondment, by) -> None:
    """Take back `by`'s secondment, until nominations close.

    An exclusion logged because of it stays: the log says who was kept away and why.
    """
    if secondment.seconder_id != by.pk:
        raise PermissionDenied(_("Only the seconder withdraws a secondment."))
    require_open(secondment.nomination.category)
    secondment.delete()
