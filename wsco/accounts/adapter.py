"""How allauth fits the platform: emails through a background task, in the person's language."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from wsco.accounts.language import remember_language
from wsco.accounts.models import User
from wsco.core.tasks import send_email


def email_language(email: str, context: dict) -> str:
    """Return the language to write to `email` in: its owner's preference, else the page's."""
    user = context.get("user")
    if not isinstance(user, User):
        user = User.objects.filter(email__iexact=email).only("language").first()
    if user is not None and user.language:
        return user.language
    return translation.get_language() or settings.LANGUAGE_CODE


# Where to go once signed in, kept in the session. allauth carries a `next` parameter through
# sign-up and sign-in in one browser, but an address confirmed from a link opened later can
# lose it; Django keeps the session's data when a visitor signs in, so this survives.
CONTINUE_KEY = "continue_after_sign_in"


def continue_after_sign_in(request, url: str) -> None:
    """Send the visitor to `url` (a path of this site) once they have signed up or in."""
    request.session[CONTINUE_KEY] = url


def _continuation(request) -> str | None:
    """Take the address kept by `continue_after_sign_in` (once), if it is on this site."""
    url = request.session.pop(CONTINUE_KEY, None)
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return url
    return None


class AccountAdapter(DefaultAccountAdapter):
    # A lock-out must not keep out the owner: a successful password reset clears the count of
    # failed sign-ins for every address of the account (allauth's finalize_password_reset).
    error_messages = DefaultAccountAdapter.error_messages | {
        "too_many_login_attempts": _(
            "Too many failed sign-in attempts for this email address. If it is yours, you can "
            "sign in now: choose “Forgot your password?” and follow the link we email you. "
            "Otherwise, try again in a few minutes."
        ),
    }

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render allauth's message in the recipient's language and queue it for sending."""
        request = allauth_context.request
        full_context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            **context,
        }
        with translation.override(email_language(email, context)):
            message = self.render_mail(template_prefix, email, full_context)
        alternatives = getattr(message, "alternatives", [])
        html = next((body for body, mimetype in alternatives if mimetype == "text/html"), "")
        send_email.enqueue(
            to=list(message.to), subject=str(message.subject), text=message.body, html=html
        )

    def save_user(self, request, user, form, commit=True):
        """Create the account, remembering the language the person signed up in."""
        user = super().save_user(request, user, form, commit=False)
        language = translation.get_language()
        if language in dict(settings.LANGUAGES):
            user.language = language
        if commit:
            user.save()
        return user

    def get_login_redirect_url(self, request):
        """Go where the person was going before signing in (`continue_after_sign_in`); else to
        My WSCO."""
        return _continuation(request) or super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request):
        """Go where the person was going before signing up; else to My WSCO."""
        return _continuation(request) or super().get_signup_redirect_url(request)

    def post_login(self, request, user, **kwargs):
        """Sign in, then show the pages in the language the person chose."""
        response = super().post_login(request, user, **kwargs)
        remember_language(response, user.language)
        return response
