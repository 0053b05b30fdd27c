"""The awards' share of a person's data: what the data export holds, and what erasing does.

Registered with the accounts app's registry (`wsco.accounts.personal_data.register_section`)
in `AwardsConfig.ready()`.
"""

from django.utils.translation import gettext_lazy as _

from wsco.accounts.models import User
from wsco.awards.models import Secondment
from wsco.awards.queries import NOMINEE_RELATIONS

DELETES = _("the nominations you seconded, with what you wrote")


def export_awards_data(user: User) -> dict:
    """Return the nominations the person made and those they seconded, with their words."""
    nominations = user.award_nominations.select_related(*NOMINEE_RELATIONS).order_by(
        "created_at", "pk"
    )
    secondments = Secondment.objects.filter(seconder=user).select_related(
        *[f"nomination__{name}" for name in NOMINEE_RELATIONS]
    )
    return {
        "nominations": [
            {
                "edition": nomination.category.edition.year,
                "category": nomination.category.name,
                "nominee": nomination.nominee_name,
                "statement": nomination.statement,
                "links": nomination.links,
                "status": nomination.status,
                "created_at": nomination.created_at,
            }
            for nomination in nominations
        ],
        "secondments": [
            {
                "edition": secondment.nomination.category.edition.year,
                "category": secondment.nomination.category.name,
                "nominee": secondment.nomination.nominee_name,
                "statement": secondment.statement,
                "created_at": secondment.created_at,
            }
            for secondment in secondments
        ],
    }


def erase_awards_data(user: User) -> None:
    """Delete the person's secondments (their support goes with them, whatever the phase).

    An exclusion logged because a juror seconded a nomination stays, as the jury's log.
    """
    Secondment.objects.filter(seconder=user).delete()
