"""The public page of membership types, and the choice of one that survives signing up."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from wsco.accounts.adapter import continue_after_sign_in
from wsco.members.models import MembershipType

# The type chosen on /join/, kept in the session: Django keeps the session's data when a
# visitor signs in, so the choice outlives sign-up, the confirmation of the address and sign-in.
CHOSEN_TYPE_KEY = "join_membership_type"


def application_url(membership_type_id: int) -> str:
    """Return the application form's address with `membership_type_id` chosen."""
    return f"{reverse('members:apply')}?{urlencode({'type': membership_type_id})}"


def chosen_type_id(request: HttpRequest) -> int | None:
    """Return the membership type the person chose on /join/ (the `type` parameter first)."""
    for value in (request.GET.get("type"), request.session.get(CHOSEN_TYPE_KEY)):
        if value is not None and str(value).isdecimal():
            return int(value)
    return None


def forget_chosen_type(request: HttpRequest) -> None:
    """Forget the chosen type once the application is sent."""
    request.session.pop(CHOSEN_TYPE_KEY, None)


@require_safe
def membership_types(request: HttpRequest) -> HttpResponse:
    """Show every membership type on offer: price, period, benefits and who it is for."""
    language = translation.get_language()
    types = list(MembershipType.objects.filter(is_available=True).order_by("fee_amount", "pk"))
    for membership_type in types:
        membership_type.benefit_list = membership_type.benefits_in(language)
    return render(request, "members/join/types.html", {"types": types})


@require_safe
def choose_type(request: HttpRequest, pk: int) -> HttpResponse:
    """Remember the chosen type, then continue to the application (signing up first)."""
    membership_type = MembershipType.objects.filter(pk=pk, is_available=True).first()
    if membership_type is None:
        raise Http404
    request.session[CHOSEN_TYPE_KEY] = membership_type.pk
    target = application_url(membership_type.pk)
    if request.user.is_authenticated:
        return redirect(target)
    continue_after_sign_in(request, target)
    messages.info(
        request,
        _(
            "You chose the %(type)s membership. Create your account, or sign in if you have "
            "one: your application continues with it."
        )
        % {"type": membership_type.name},
    )
    return redirect(f"{reverse('account_signup')}?{urlencode({'next': target})}")
