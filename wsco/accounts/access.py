"""Who may open what: role checks for views, and helpers that fetch account objects for a user."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from wsco.accounts.models import ApiToken, Role, User

View = Callable[..., HttpResponse]


def role_required(*roles: str) -> Callable[[View], View]:
    """Let a view through for a person holding any of `roles`.

    A visitor is sent to sign in; a signed-in person without the role gets 403.
    """
    if not roles:
        raise ValueError("role_required needs at least one role.")

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not any(user.has_role(role) for role in roles):
                # For the logs and tests; the 403 page says it in the visitor's language.
                raise PermissionDenied(f"This page needs one of the roles: {', '.join(roles)}.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def staff_required(view: View) -> View:
    """Let a view through for staff only (403 for others, sign-in for visitors)."""
    return role_required(Role.STAFF)(view)


def get_token_for_user(user: User, token_id: int) -> ApiToken:
    """Return the API token `token_id` if it belongs to `user`, else 404."""
    return get_object_or_404(ApiToken, pk=token_id, user=user)
