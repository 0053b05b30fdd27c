"""Pages of the members app: the directory, member profiles and organizations."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.vary import vary_on_headers

from wsco.core.page_cache import cached_response
from wsco.core.paging import page_for_request
from wsco.core.search import CappedMatches
from wsco.core.spreadsheets import stream_csv
from wsco.members import profile_page, queries
from wsco.members.cards import filters_form, profile_cards
from wsco.members.directory_changes import ALL, DIRECTORY_LISTS
from wsco.members.forms.profiles import DirectoryFilterForm, OrganizationForm, ProfileForm
from wsco.members.models import JoinRequestStatus
from wsco.members.services import affiliations
from wsco.members.services.profiles import create_profile, update_organization, update_profile


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )


class CappedPaginator(Paginator):
    """A paginator over `matches` (`search.CappedMatches`), counted up to their limit.

    Past the limit, `count_is_capped` is true, the count reads "more than 1 000" and the
    pages stop at the limit: nobody pages through fifty pages; they narrow the search. The
    pages come from the rows the matches say to take them from (`CappedMatches.rows`).
    """

    def __init__(self, matches: CappedMatches, per_page: int):
        super().__init__(matches, per_page)
        self.matches = matches

    def page(self, number):
        self.object_list = self.matches.rows()
        return super().page(number)

    @property
    def count(self) -> int:
        return self.matches.count

    @property
    def count_is_capped(self) -> bool:
        return self.matches.is_capped


def _page(request: HttpRequest, rows):
    """Return the page `request` asks for of `rows` (a QuerySet, or `search.CappedMatches`)."""
    if not isinstance(rows, CappedMatches):
        rows = CappedMatches(rows, queries.COUNT_LIMIT)
    return page_for_request(request, CappedPaginator(rows, settings.MEMBERS_PAGE_SIZE))


def _cached_list(request: HttpRequest, render_list, facets: list[str]) -> HttpResponse:
    """Return a directory list page, from the cache while what it lists has not changed."""
    variant = (
        f"{queries.directory_audience(request.user)}:{'results' if _is_htmx(request) else 'page'}"
    )
    return cached_response(
        request, data_set=DIRECTORY_LISTS, variant=variant, render=render_list, facets=facets
    )


@vary_on_headers("HX-Request")
def directory(request: HttpRequest) -> HttpResponse:
    """List the members the visitor may see, with search, filters and pages.

    htmx asks for the results alone (the `results` partial) as the filters change.
    """

    def render_list(extra_context: dict) -> HttpResponse:
        form = DirectoryFilterForm(
            request.GET or None,
            country_codes=queries.directory_countries(request.user),
            sorts=queries.DIRECTORY_SORTS,
        )
        sort = request.GET.get("sort", "")
        matches = queries.directory_matches(request.user, sort=sort, **form.filters())
        page = _page(request, matches)
        context = {
            "form": form,
            "page": page,
            "cards": profile_cards(request, page.object_list),
            "filters": filters_form(
                request, form, url=reverse("members:directory"), is_filtered=form.is_filtered
            ),
            "is_filtered": form.is_filtered,
            # Why a visitor sees fewer members than the home page counts (unfiltered only).
            "unseen": 0 if form.is_filtered else queries.unseen_members_count(request.user),
        }
        template = (
            "members/directory.html#results" if _is_htmx(request) else "members/directory.html"
        )
        return render(request, template, context | extra_context)

    return _cached_list(
        request, render_list, queries.directory_list_facets(request.user, request.GET)
    )


# What staff get in the CSV export: the directory's columns, and the contact details they
# may see on a profile page (email, phone), nothing more.
EXPORT_COLUMNS = [
    ("name", lambda p: p.name),
    ("title", lambda p: p.title),
    ("organization", lambda p: p.organization.name if p.organization else ""),
    ("organization_type", lambda p: p.organization.get_type_display() if p.organization else ""),
    ("city", lambda p: p.city),
    ("country", lambda p: p.country.code),
    ("themes_of_interest", lambda p: "; ".join(t.slug for t in p.themes_of_interest.all())),
    ("themes_of_expertise", lambda p: "; ".join(t.slug for t in p.themes_of_expertise.all())),
    ("visibility", lambda p: p.visibility),
    ("email", lambda p: p.user.email),
    ("phone", lambda p: p.phone),
    ("profile_url", lambda p: settings.SITE_URL + p.get_absolute_url()),
]


@login_required
def directory_export(request: HttpRequest) -> StreamingHttpResponse:
    """Stream the filtered directory as CSV (staff only)."""
    if not request.user.is_staff:
        raise PermissionDenied
    form = DirectoryFilterForm(
        request.GET or None, country_codes=queries.directory_countries(request.user)
    )
    profiles = queries.with_card_data(
        queries.directory_profiles(request.user, **form.filters()).select_related("user")
    )

    def rows():
        yield [name for name, _value in EXPORT_COLUMNS]
        # Chunks keep memory flat for any size of list; prefetching works per chunk.
        for profile in profiles.iterator(chunk_size=1000):
            yield [value(profile) for _name, value in EXPORT_COLUMNS]

    response = StreamingHttpResponse(stream_csv(rows()), content_type="text/csv; charset=utf-8")
    filename = f"wsco-members-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@vary_on_headers("HX-Request")
def organizations(request: HttpRequest) -> HttpResponse:
    """List the organizations with members, with search, type and country filters."""

    def render_list(extra_context: dict) -> HttpResponse:
        form = DirectoryFilterForm(
            request.GET or None, country_codes=queries.organization_countries(), with_theme=False
        )
        page = _page(request, queries.directory_organizations(**form.filters()))
        context = {"form": form, "page": page, "is_filtered": form.is_filtered}
        template = (
            "members/organizations.html#results"
            if _is_htmx(request)
            else "members/organizations.html"
        )
        return render(request, template, context | extra_context)

    # An organization is listed while one of its people is: any profile's change can end it.
    return _cached_list(request, render_list, [ALL])


def organization(request: HttpRequest, slug: str) -> HttpResponse:
    """Show an organization and the people of it the visitor may see."""
    found = queries.get_organization_for_user(request.user, slug)
    people = _page(request, queries.organization_people(found, request.user))
    context = {
        "organization": found,
        "page": people,
        "can_edit": queries.can_edit_organization(request.user, found),
    }
    return render(request, "members/organization.html", context)


@login_required
def edit_organization(request: HttpRequest, slug: str) -> HttpResponse:
    """Edit an organization's page (staff, or the administrator of its membership)."""
    found = queries.get_organization_for_user(request.user, slug)
    if not queries.can_edit_organization(request.user, found):
        raise PermissionDenied
    form = OrganizationForm(request.POST or None, request.FILES or None, instance=found)
    if request.method == "POST" and form.is_valid():
        update_organization(
            organization=found,
            data=form.organization_data(),
            themes=form.cleaned_data["themes"],
        )
        messages.success(request, _("The organization's page is saved."))
        return redirect(found)
    return render(request, "members/edit_organization.html", {"form": form, "organization": found})


def profile(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a member's profile, if the visitor may see it (404 otherwise).

    Kept in the page cache until what it shows changes (`wsco.members.profile_page`).
    """
    row = profile_page.page_row(request.user, pk)
    is_own = request.user.is_authenticated and row.user_id == request.user.pk
    # Contact details are released by the network's introductions, not by this page.
    shows_contact = is_own or request.user.is_staff

    def render_page(extra_context: dict) -> HttpResponse:
        found = profile_page.whole_profile(row)
        context = {
            "profile": found,
            "is_own": is_own,
            "shown": profile_page.shown_profile(
                request, row, found, shows_contact=shows_contact, extra_context=extra_context
            ),
        }
        return render(request, "members/profile.html", context | extra_context)

    return profile_page.profile_response(request, row, render_page)


@login_required
def edit_profile(request: HttpRequest) -> HttpResponse:
    """Edit one's own profile; a person without one creates it here."""
    existing = getattr(request.user, "profile", None)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        themes = {
            "themes_of_interest": form.cleaned_data["themes_of_interest"],
            "themes_of_expertise": form.cleaned_data["themes_of_expertise"],
        }
        with transaction.atomic():
            if existing is None:
                saved = create_profile(user=request.user, data=form.profile_data(), **themes)
            else:
                saved = update_profile(profile=existing, data=form.profile_data(), **themes)
            join_request = affiliations.choose_organization(
                profile=saved, organization=form.cleaned_data["organization"]
            )
        messages.success(request, _("Your profile is saved."))
        if join_request is not None:
            messages.info(
                request,
                _(
                    "Your request to join %(organization)s is with its administrator: you are "
                    "listed with it once they approve."
                )
                % {"organization": join_request.organization.name},
            )
        next_url = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(next_url)
        return redirect(saved)
    pending = (
        existing.join_requests.filter(status=JoinRequestStatus.PENDING)
        .select_related("organization")
        .first()
        if existing
        else None
    )
    context = {
        "form": form,
        "profile": existing,
        "pending_request": pending,
        "next": request.GET.get("next", request.POST.get("next", "")),
    }
    return render(request, "members/edit_profile.html", context)
