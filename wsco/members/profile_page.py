"""A member's profile page, kept in the page cache until what it shows changes.

Visitors ask for profiles as often as for the home page, so the page is built once and kept:

- What every viewer of an audience (visitor, signed-in, member, staff) sees alike is one kept
  part (`page_cache.cached_part`): the person's head, about, themes and facts, and the actions
  that show everyone the same (course certificates, award placements). Its key holds the
  profile's `updated_at` (every save moves it, and so does a change of its themes:
  `directory_changes`), the columns that decide who may open it, and whether it is the
  viewer's own. Organizations end it through `DIRECTORY_CARDS` (its name and type are shown);
  each kept action's app ends it through the data sets it names (`profile_actions`).
- What is the viewer's own is rendered afresh on every request, into the part's slots: the
  panel on one's own page, the contact details (the person and staff), and the actions that
  depend on who looks (the network's "Ask to meet").
- A visitor's page has nothing of its own but the CSRF token: it is kept whole
  (`page_cache.cached_response`), under the same key.

Whoever asks, the row is read first (one query) and the page opens only if `may_open_profile`
allows it, the rule of `queries.get_profile_for_user`: a profile hidden, or no longer a
member's, is not served from the cache a moment longer.

Award placements appear at their edition's announcement time, which no write marks: a kept
page shows them at most `PAGE_CACHE_SECONDS` late, never early.
"""

import datetime
import hashlib
from collections.abc import Callable
from typing import NamedTuple

from django.conf import settings
from django.db.models import Value
from django.http import Http404, HttpRequest, HttpResponse
from django.template import Context
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from wsco.core.compiled_query import CompiledQuery
from wsco.core.models import Theme
from wsco.core.page_cache import cached_part, cached_response
from wsco.members import queries
from wsco.members.directory_changes import DIRECTORY_CARDS
from wsco.members.models import Profile
from wsco.members.people import may_open_profile
from wsco.members.profile_actions import kept_actions_data_sets, render_actions

TEMPLATE = "members/profile.html"


def _slot(name: str) -> str:
    # Derived from the secret key, as the CSRF placeholder is: no one can write it into their
    # profile to have the viewer's own parts put there.
    secret = f"profile-page:{name}:{settings.SECRET_KEY}"
    return "slot" + hashlib.sha256(secret.encode()).hexdigest()


VIEWER_ACTIONS_SLOT = _slot("viewer-actions")
CONTACT_SLOT = _slot("contact")


class PageRow(NamedTuple):
    """What of a profile decides whether its page opens, and which version of it is shown."""

    pk: int
    user_id: int
    updated_at: datetime.datetime
    is_member: bool
    visibility: str
    organization_id: int | None


# Both read on every request for a page, and compiled once (`CompiledQuery`).
_PAGE_ROW = CompiledQuery(lambda pk: Profile.objects.filter(pk=pk).values_list(*PageRow._fields))
_WHOLE_PROFILE = CompiledQuery(
    lambda pk: Profile.objects.select_related("user", "organization").filter(pk=pk)
)


def page_row(user, pk: int) -> PageRow:
    """Return the row of the profile `pk` if `user` may open its page; raise Http404 otherwise.

    A few columns, not the profile: a kept page is served after this one small query.
    """
    row = next((PageRow(*values) for values in _PAGE_ROW.rows(pk=pk)), None)
    # `may_open_profile` reads no more of a profile than these columns.
    if row is None or not may_open_profile(user, row):
        raise Http404
    return row


def whole_profile(row: PageRow) -> Profile:
    """Return the profile of `row` with its account and organization, to build its page."""
    found = _WHOLE_PROFILE.objects(pk=row.pk)
    if not found:  # Deleted since its row was read.
        raise Http404
    return found[0]


def page_key(request: HttpRequest, row: PageRow) -> str:
    """Return what says which version of `row`'s page `request`'s viewer gets."""
    user = request.user
    is_own = user.is_authenticated and user.pk == row.user_id
    return (
        f"members:profile:{row.pk}:{row.updated_at.isoformat()}:{row.is_member}:"
        f"{row.visibility}:{row.organization_id}:"
        f"{queries.directory_audience(user)}:{int(is_own)}"
    )


def _themes_of(kind: str, profiles: str, profile_id: int):
    found = Theme.objects.filter(**{profiles: profile_id}).order_by()
    return found.annotate(kind=Value(kind)).values_list("kind", "pk", "slug", "clause")


# Both lists of a profile's themes in one query, compiled once.
_THEMES = CompiledQuery(
    lambda profile_id: (
        _themes_of("expertise", "expert_profiles", profile_id)
        .union(_themes_of("interest", "interested_profiles", profile_id), all=True)
        .order_by("clause")
    )
)


def profile_themes(profile: Profile) -> dict[str, list[Theme]]:
    """Return the themes of `profile`'s expertise and of its interests, each in clause order."""
    themes = {"expertise": [], "interest": []}
    for kind, pk, slug, clause in _THEMES.rows(profile_id=profile.pk):
        themes[kind].append(Theme(pk=pk, slug=slug, clause=clause))
    return themes


def _render_shown(request: HttpRequest, profile: Profile, extra_context: dict) -> str:
    themes = profile_themes(profile)
    context = {
        "profile": profile,
        "expertise": themes["expertise"],
        "interests": themes["interest"],
        "request": request,
        "actions": render_actions(request, profile, for_viewer=False),
        "viewer_actions": VIEWER_ACTIONS_SLOT,
        "contact": CONTACT_SLOT,
    }
    # The template alone, without the context processors a whole page needs.
    template = get_template(f"{TEMPLATE}#shown").template
    return template.render(Context(context | extra_context))


def _render_contact(profile: Profile) -> str:
    template = get_template(f"{TEMPLATE}#contact").template
    return template.render(Context({"profile": profile}))


def shown_profile(
    request: HttpRequest,
    row: PageRow,
    profile: Profile,
    *,
    shows_contact: bool,
    extra_context: dict,
) -> SafeString:
    """Return `profile` as `request`'s viewer sees it: the kept part, with their own parts in.

    A visitor's part is rendered with the page (`extra_context`), which is kept whole.
    """
    if request.user.is_authenticated:
        shown = cached_part(
            request,
            data_set=DIRECTORY_CARDS,
            key=page_key(request, row),
            render=lambda extra_context: _render_shown(request, profile, extra_context),
            facets=kept_actions_data_sets(row.user_id),
        )
    else:
        shown = _render_shown(request, profile, extra_context)
    viewer_actions = render_actions(request, profile, for_viewer=True)
    contact = _render_contact(profile) if shows_contact else ""
    # Each is a rendered (and so escaped) template; putting one inside another keeps them safe.
    shown = shown.replace(VIEWER_ACTIONS_SLOT, viewer_actions).replace(CONTACT_SLOT, contact)
    return mark_safe(shown)


def profile_response(
    request: HttpRequest, row: PageRow, render: Callable[[dict], HttpResponse]
) -> HttpResponse:
    """Return `render(extra_context)`'s page of the profile of `row`: kept whole for visitors.

    Everyone else's page has their own header (their notifications) around the kept part.
    """
    if request.user.is_authenticated:
        return render({})
    return cached_response(
        request,
        data_set=DIRECTORY_CARDS,
        variant=page_key(request, row),
        render=render,
        facets=kept_actions_data_sets(row.user_id),
    )
