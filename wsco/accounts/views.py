"""Account pages: settings and language, personal data, API tokens, and the staff's roles page."""

import json

from allauth.account.models import EmailAddress
from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django.views.i18n import set_language as django_set_language

from wsco.accounts import services
from wsco.accounts.access import get_token_for_user, staff_required
from wsco.accounts.forms import (
    ApiTokenForm,
    DeleteAccountForm,
    LanguageForm,
    RoleChangeForm,
    RoleSearchForm,
)
from wsco.accounts.language import remember_language
from wsco.accounts.models import Role, User
from wsco.accounts.personal_data import delete_account, export_personal_data, sections
from wsco.core.access import PartyToCase
from wsco.core.paging import page_for_request
from wsco.core.sorting import Sorting, SortOption

ROLES_PAGE_SIZE = 25
# The roles table's columns that sort, either way (`?sort=-joined`: the newest accounts first).
ROLES_SORTS = Sorting(
    SortOption("email", gettext_lazy("Email"), ("email",), reversible=True),
    SortOption("joined", gettext_lazy("Joined"), ("date_joined", "pk"), reversible=True),
    default="email",
)


@login_required
def account_settings(request: HttpRequest) -> HttpResponse:
    """Account settings: sign-in details, language, and the person's data."""
    form = LanguageForm(request.POST or None, initial={"language": request.user.language})
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["language"]
        services.set_preferred_language(user=request.user, language=language)
        # Said in the new language; the language of the next pages comes from the cookie.
        with translation.override(language):
            messages.success(request, _("Your language is saved."))
        response = redirect("accounts:settings")
        remember_language(response, language)
        return response
    addresses = EmailAddress.objects.filter(user=request.user).order_by("-primary", "email")
    return render(request, "accounts/settings.html", {"form": form, "addresses": addresses})


@require_http_methods(["GET", "POST"])
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the pages' language; by POST, also remember it for a signed-in person.

    Visitors' header form sends a GET: all it changes is their own language cookie, so it
    needs no CSRF token and their pages carry none. A visitor's page then sets no cookie of
    its own: it is served from the page cache without a token to mask, and a proxy may keep it.
    """
    if request.method == "POST":
        response = django_set_language(request)
        language = request.POST.get("language", "")
        if request.user.is_authenticated and language in dict(
            User._meta.get_field("language").choices
        ):
            services.set_preferred_language(user=request.user, language=language)
        return response
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("core:home")
    response = HttpResponseRedirect(next_url)
    remember_language(response, request.GET.get("language", ""))
    return response


@login_required
@never_cache
def download_data(request: HttpRequest) -> HttpResponse:
    """Send everything the platform holds about the person, as a JSON file."""
    data = export_personal_data(user=request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"wsco-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def delete_account_view(request: HttpRequest) -> HttpResponse:
    """Confirm with the password, then delete the account and erase the person's data."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not ratelimit.consume(request, action="reauthenticate", user=request.user):
            form.add_error(None, _("Too many attempts. Wait a minute and try again."))
        elif form.is_valid():
            delete_account(user=request.user)
            logout(request)
            messages.success(request, _("Your account and your personal data are deleted."))
            return redirect("core:home")
    context = {
        "form": form,
        "deleted": [section.deletes for section in sections() if section.deletes],
        "kept": [section.keeps for section in sections() if section.keeps],
    }
    return render(request, "accounts/delete_account.html", context)


@login_required
@never_cache
def tokens(request: HttpRequest) -> HttpResponse:
    """List the person's API tokens and create one; a new key is shown on this response only."""
    form = ApiTokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_key = services.create_api_token(
                user=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form = ApiTokenForm()
    context = {
        "form": form,
        "new_key": new_key,
        "tokens": request.user.api_tokens.listed(),
    }
    return render(request, "accounts/tokens.html", context)


@login_required
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    """Ask, then revoke one of the person's API tokens."""
    token = get_token_for_user(request.user, token_id)
    if request.method == "POST":
        services.revoke_api_token(token=token, by=request.user)
        messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
        return redirect("accounts:tokens")
    return render(request, "accounts/revoke_token.html", {"token": token})


@staff_required
def roles(request: HttpRequest) -> HttpResponse:
    """Staff: find people, see their roles, give and take away roles."""
    form = RoleChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person, role = form.cleaned_data["email"], form.cleaned_data["role"]
        label = Role(role).label
        if form.cleaned_data["action"] == RoleChangeForm.GRANT:
            try:
                services.grant_role(user=person, role=role, by=request.user)
            except PartyToCase as refusal:
                form.add_error("email", str(refusal))
            else:
                messages.success(
                    request,
                    _("%(email)s is now %(role)s.") % {"email": person.email, "role": label},
                )
        else:
            held = services.revoke_role(user=person, role=role, by=request.user)
            text = (
                _("%(email)s is no longer %(role)s.")
                if held
                else _("%(email)s did not hold the role %(role)s.")
            )
            messages.success(request, text % {"email": person.email, "role": label})
        if form.is_valid():
            return redirect(request.get_full_path())

    search = RoleSearchForm(request.GET)
    sort = ROLES_SORTS.choose(request.GET.get("sort"))
    people = search.filter(User.objects.all()).order_by(*sort.order_by)
    page = page_for_request(
        request, Paginator(people.prefetch_related("role_grants"), ROLES_PAGE_SIZE)
    )
    context = {"form": form, "search": search, "page": page, "sort": sort}
    return render(request, "accounts/roles.html", context)
