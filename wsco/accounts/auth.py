"""How the API knows who is calling: a personal token (scripts) or the session (the browser)."""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth

from wsco.accounts.models import ApiToken, hash_token

# Refresh `last_used_at` at most this often, so that reads do not write on every call.
LAST_USED_RESOLUTION = timezone.timedelta(minutes=5)


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>` with a personal API token."""

    def authenticate(self, request: HttpRequest, token: str):
        api_token = (
            ApiToken.objects.usable()
            .select_related("user")
            .filter(digest=hash_token(token), user__is_active=True)
            .first()
        )
        if api_token is None:
            return None
        now = timezone.now()
        if api_token.last_used_at is None or now - api_token.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        return api_token.user


class OptionalAuth:
    """Let anyone in: a token or session names the caller; a bad token is refused."""

    def __init__(self) -> None:
        self.token = TokenAuth()

    def __call__(self, request: HttpRequest):
        if request.headers.get("Authorization"):
            user = self.token(request)
            if user is None:
                raise AuthenticationError()
            return user
        return request.user if request.user.is_authenticated else AnonymousUser()


token_auth = TokenAuth()
session_auth = SessionAuth()
required_auth = [token_auth, session_auth]
optional_auth = OptionalAuth()
