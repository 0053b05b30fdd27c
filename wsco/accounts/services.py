"""Every write of the accounts app: roles, personal API tokens, the language preference."""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wsco.accounts.models import GRANTED_ROLES, ApiToken, Role, RoleGrant, User, hash_token
from wsco.core.access import require_not_party
from wsco.core.email import queue_email

# Keys read "wsco_<43 url-safe characters>": the prefix lets secret scanners and people spot them.
TOKEN_KEY_PREFIX = "wsco_"
TOKEN_SHOWN_CHARACTERS = 12
MAX_ACTIVE_TOKENS = 20


def _check_can_give_roles(by: User) -> None:
    if not (by.is_active and by.is_staff):
        raise PermissionDenied(_("Only staff give and take away roles."))


def _check_grantable(role: str) -> None:
    if role not in GRANTED_ROLES:
        raise ValidationError(_("%(role)s is not a role staff can give.") % {"role": role})


@transaction.atomic
def grant_role(*, user: User, role: str, by: User) -> RoleGrant:
    """Give `user` the `role` (auditor, juror, editor or city official); tell them by email.

    Granting a role the person already holds changes nothing and sends nothing. Nobody grants
    a role to themselves (PartyToCase).
    """
    _check_can_give_roles(by)
    _check_grantable(role)
    require_not_party(by, RoleGrant(user=user, role=role))
    grant, created = RoleGrant.objects.get_or_create(
        user=user, role=role, defaults={"granted_by": by}
    )
    if created:
        user.__dict__.pop("granted_roles", None)
        queue_email(
            to=user.email,
            template="accounts/email/role_granted",
            context={"role": Role(role).label},
            language=user.language,
        )
    return grant


@transaction.atomic
def revoke_role(*, user: User, role: str, by: User) -> bool:
    """Take `role` away from `user`; return whether they held it."""
    _check_can_give_roles(by)
    _check_grantable(role)
    deleted, _rows = RoleGrant.objects.filter(user=user, role=role).delete()
    user.__dict__.pop("granted_roles", None)
    return deleted > 0


def create_api_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a personal API token; return it with its key, which is never stored or shown again."""
    if ApiToken.objects.usable().filter(user=user).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("You already have %(count)d active tokens; revoke one you no longer use first.")
            % {"count": MAX_ACTIVE_TOKENS}
        )
    key = TOKEN_KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip(),
        prefix=key[:TOKEN_SHOWN_CHARACTERS],
        digest=hash_token(key),
    )
    return token, key


def revoke_api_token(*, token: ApiToken, by: User) -> None:
    """Revoke `token` at once; scripts using it get 401 from then on."""
    if by.pk != token.user_id and not by.is_staff:
        raise PermissionDenied(_("Only the token's owner or staff can revoke it."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def set_preferred_language(*, user: User, language: str) -> None:
    """Remember the language `user` reads the pages and their emails in."""
    field = User._meta.get_field("language")
    if language not in dict(field.choices):
        raise ValidationError(
            _("%(language)s is not a language of the site.") % {"language": language}
        )
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
