"""How allauth fits the platform: emails through a background task, in the person's language."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation
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

    def post_login(self, request, user, **kwargs):
        """Sign in, then show the pages in the language the person chose."""
        response = super().post_login(request, user, **kwargs)
        remember_language(response, user.language)
        return response
