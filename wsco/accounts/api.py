"""The accounts API: who am I, my personal data, my API tokens."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from wsco.accounts.access import get_token_for_user
from wsco.accounts.personal_data import export_personal_data
from wsco.accounts.services import revoke_api_token
from wsco.core.ids import Id
from wsco.core.paging import Pages

router = Router(tags=["accounts"])


class MeOut(Schema):
    email: str
    roles: list[str]


class ApiTokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


@router.get("/me", response=MeOut, summary="The calling account")
def me(request: HttpRequest):
    """Return the account the caller is signed in as, with its roles."""
    user = request.auth
    roles = [
        role for role in ("member", "staff", *sorted(user.granted_roles)) if user.has_role(role)
    ]
    return {"email": user.email, "roles": roles}


@router.get("/me/data", summary="Everything the platform holds about the caller")
def my_data(request: HttpRequest):
    """Return the caller's personal data, as the account page's download gives it."""
    return export_personal_data(user=request.auth)


@router.get("/tokens", response=list[ApiTokenOut], summary="The caller's API tokens")
@paginate(Pages)
def list_tokens(request: HttpRequest):
    """List the caller's tokens, active first, newest first; keys are never shown again."""
    return request.auth.api_tokens.listed()


@router.post("/tokens/{token_id}/revoke", response={204: None}, summary="Revoke an API token")
def revoke_token(request: HttpRequest, token_id: Id):
    """Revoke one of the caller's tokens (a script may revoke the very token it calls with)."""
    revoke_api_token(token=get_token_for_user(request.auth, token_id), by=request.auth)
    return Status(204, None)
