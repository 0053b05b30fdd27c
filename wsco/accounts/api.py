"""The accounts API: who am I."""

from ninja import Router, Schema

router = Router(tags=["accounts"])


class MeOut(Schema):
    email: str
    roles: list[str]


@router.get("/me", response=MeOut, summary="The calling account")
def me(request):
    """Return the account the caller is signed in as, with its roles."""
    user = request.auth
    roles = [
        role for role in ("member", "staff", *sorted(user.granted_roles)) if user.has_role(role)
    ]
    return {"email": user.email, "roles": roles}
