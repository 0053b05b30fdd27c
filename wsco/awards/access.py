"""Who may see and do what in the awards; the only way views reach its objects.

Editions, categories and their nominees' names are public; finalists, winners and vote counts
only once the results are announced. A nomination's page (statement, material, screening
reason) is for its nominator, staff and the category's jurors not kept away from it. A
category's score report is for staff, and for its jurors once the jury has closed: no juror
sees another's scores before then (docs/awards.md, "Who sees what").
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from wsco.awards.models import (
    Category,
    Edition,
    Exclusion,
    JurorAssignment,
    Nomination,
    Secondment,
)
from wsco.awards.queries import NOMINEE_RELATIONS

# The years an edition may have (the model's validators); any other year is no edition.
YEARS = range(2000, 2201)


def get_edition(year: int) -> Edition:
    if year not in YEARS:
        raise Http404
    return get_object_or_404(Edition, year=year)


def get_category(year: int, slug: str) -> Category:
    if year not in YEARS:
        raise Http404
    return get_object_or_404(
        Category.objects.select_related("edition"), edition__year=year, slug=slug
    )


def get_juror_candidate(user_id: int):
    """Return the account `user_id` for staff to seat or unseat; 404 if there is none."""
    return get_object_or_404(get_user_model(), pk=user_id)


def is_juror_of(user, category: Category) -> bool:
    """Say whether `user` sits on `category`'s jury."""
    return (
        user.is_authenticated
        and JurorAssignment.objects.filter(category=category, juror=user).exists()
    )


def judges(user, nomination: Nomination) -> bool:
    """Say whether `user` judges `nomination`: seated on its jury and not kept away from it."""
    return (
        is_juror_of(user, nomination.category)
        and not Exclusion.objects.filter(nomination=nomination, juror=user).exists()
    )


def may_see_nomination(user, nomination: Nomination) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_staff or nomination.nominator_id == user.pk or judges(user, nomination)


def may_read_material(user, nomination: Nomination) -> bool:
    """The supporting file is read by whoever may see the nomination."""
    return may_see_nomination(user, nomination)


def get_nomination_for_user(user, pk: int) -> Nomination:
    """Return nomination `pk` to its nominator, staff and its jurors; 404 to anyone else."""
    nomination = get_object_or_404(Nomination.objects.select_related(*NOMINEE_RELATIONS), pk=pk)
    if not may_see_nomination(user, nomination):
        raise PermissionDenied(_("Only the nominator, staff and the jury see a nomination."))
    return nomination


def is_blind_to(user, nomination: Nomination) -> bool:
    """Say whether `nomination`'s page hides who is behind it from `user`, who may see it.

    The app's blind rule: in a blind category its jurors are not shown the nominee, nor who
    seconded it (only how many); its nominator and staff are shown both.
    """
    return nomination.category.blind and not user.is_staff and nomination.nominator_id != user.pk


def reads_secondments_of(user, nomination: Nomination) -> bool:
    """Say whether `user` reads the seconders' statements: the nominator and staff."""
    return user.is_staff or nomination.nominator_id == user.pk


def get_secondment_for_seconder(user, pk: int) -> Secondment:
    """Return secondment `pk` to the member who made it; 404 to anyone else."""
    return get_object_or_404(
        Secondment.objects.select_related("nomination__category__edition"), pk=pk, seconder=user
    )


def get_category_for_juror(user, year: int, slug: str) -> Category:
    category = get_category(year, slug)
    if not is_juror_of(user, category):
        raise PermissionDenied(_("Only the category's jurors score its nominations."))
    return category


def may_see_report(user, category: Category) -> bool:
    """Staff always; the category's jurors once the jury has closed."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return is_juror_of(user, category) and timezone.now() >= category.edition.jury_ends_at


def get_category_for_report(user, year: int, slug: str) -> Category:
    category = get_category(year, slug)
    if not may_see_report(user, category):
        raise PermissionDenied(
            _("The score report is for staff, and for the jury once the jury has closed.")
        )
    return category
