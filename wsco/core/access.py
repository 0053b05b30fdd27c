"""Separation of duties: nobody decides a case they are party to.

Each kind of case (a model) says who its parties are, through `register_parties` (a workflow
does it with its `parties` argument); every decision asks `require_not_party` first. The rule
has no exception: staff and superusers are refused like anyone else, and someone else decides.
"""

from collections.abc import Callable, Mapping

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext as _

# The people party to a case, by user id, each with what they are to it ("the applicant").
Parties = Mapping[int, str]
PartiesOf = Callable[[models.Model], Parties]

_parties: dict[type[models.Model], PartiesOf] = {}


class PartyToCase(PermissionDenied):
    """Refusal of a decision to someone party to the case; its message says why."""


def register_parties(model: type[models.Model], parties_of: PartiesOf) -> None:
    """Declare who is party to a case of `model` (registering `model` again replaces it)."""
    _parties[model] = parties_of


def cases_with_parties() -> list[type[models.Model]]:
    """Return the models whose parties are declared."""
    return list(_parties)


def parties_of(case: models.Model) -> Parties:
    """Return the user ids party to `case`, each with what they are to it."""
    try:
        rule = _parties[type(case)._meta.concrete_model]
    except KeyError:
        raise LookupError(f"{type(case).__name__} does not say who its parties are.") from None
    return {user_id: role for user_id, role in rule(case).items() if user_id is not None}


def is_party(user, case: models.Model) -> bool:
    """Say whether `user` is party to `case`."""
    return getattr(user, "pk", None) in parties_of(case)


def require_not_party(user, case: models.Model) -> None:
    """Refuse `user` a decision on `case` if they are party to it, saying why."""
    role = parties_of(case).get(getattr(user, "pk", None))
    if role is not None:
        raise PartyToCase(
            _(
                "You cannot decide on this %(case)s: you are %(role)s. "
                "Someone who is not party to it decides."
            )
            % {"case": case._meta.verbose_name, "role": role}
        )
