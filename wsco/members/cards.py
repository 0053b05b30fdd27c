"""The directory's member cards and filters, each rendered once and kept until it changes.

A card costs more to render than anything else on a directory page (the person as the viewer
may see them, the photo or placeholder, two lists of theme chips): twenty of them were three
quarters of a page's time at 100,000 members. A card is the same on every page that lists
its member, so each is kept in the page cache (`page_cache.cached_fragments`) under a key made
of the profile's id and `updated_at`, the audience, the language and whether it is the
viewer's own: every change to what a card shows saves the profile (its fields), or changes
its themes, which moves `updated_at` too (`directory_changes`). So a page's keys come from
three columns of its rows, and only the cards missing read their profiles whole.
Organizations, memberships and deploys end them all (`DIRECTORY_CARDS`).
"""

import hashlib
from functools import partial

from django.conf import settings
from django.db.models import QuerySet, prefetch_related_objects
from django.template import Context
from django.template.loader import get_template
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from wsco.core.page_cache import cached_fragments
from wsco.members import queries
from wsco.members.directory_changes import DIRECTORY_CARDS
from wsco.members.models import Profile

CARD_TEMPLATE = "members/_profile_card.html"
# What a card's key is made of: the columns that say which version of which profile it shows.
KEY_COLUMNS = ("pk", "updated_at", "user_id")


def shown_keys(kind: str, rows, viewer, audience: str) -> list[str]:
    """Return a key for `kind` of each of `rows` (a card, an API item) that holds all it shows.

    `rows` are (id, updated_at, user id) of listed profiles: what a card shows of one is the
    same for everyone of an audience, their own card aside.
    """
    language = translation.get_language()
    viewer_id = viewer.pk if viewer.is_authenticated else None
    return [
        f"members:{kind}:{audience}:{language}:{pk}:{updated_at.isoformat()}:"
        f"{int(user_id == viewer_id)}"
        for pk, updated_at, user_id in rows
    ]


def cached_per_profile(request, profiles, *, kind: str, render) -> list:
    """Return `render(profile)` for each of `profiles`, each kept until what it shows changes.

    `profiles`: a page's QuerySet (only the key's columns are read, and whole rows for the
    parts missing), its rows of `KEY_COLUMNS` read already, or its profiles read already.
    `render` gets a profile with its organization and themes.
    """
    if isinstance(profiles, QuerySet):
        profiles = list(profiles.values_list(*KEY_COLUMNS))
    whole = {profile.pk: profile for profile in profiles if isinstance(profile, Profile)}
    rows = [
        (profile.pk, profile.updated_at, profile.user_id)
        if isinstance(profile, Profile)
        else profile
        for profile in profiles
    ]

    def read(ids: list[int]) -> None:
        """Read the profiles `ids` with what their cards show, in 3 queries."""
        whole.update(
            Profile.objects.select_related("organization").in_bulk(
                [pk for pk in ids if pk not in whole]
            )
        )
        shown = [whole[pk] for pk in ids if pk in whole]
        prefetch_related_objects(shown, *queries.CARD_PREFETCHES)

    def render_row(pk: int):
        profile = whole.get(pk)  # None: deleted since the page's rows were read.
        return None if profile is None else render(profile)

    if not settings.PAGE_CACHE_SECONDS:  # Nothing is kept: no keys to read.
        read([pk for pk, _updated_at, _user_id in rows])
        texts = [render_row(pk) for pk, _updated_at, _user_id in rows]
        return [text for text in texts if text is not None]
    keys = shown_keys(kind, rows, request.user, queries.directory_audience(request.user))
    ids = {key: row[0] for key, row in zip(keys, rows, strict=True)}
    found = cached_fragments(
        data_set=DIRECTORY_CARDS,
        parts={key: partial(render_row, ids[key]) for key in keys},
        before_render=lambda missing: read([ids[key] for key in missing]),
    )
    return [found[key] for key in keys if found[key] is not None]


def _render(request, profile) -> str:
    # The template alone, without the context processors a whole page needs.
    template = get_template(CARD_TEMPLATE).template
    return template.render(Context({"profile": profile, "request": request}))


def profile_cards(request, profiles) -> list[SafeString]:
    """Return the directory card of each of `profiles` (`queries.directory_profiles`), in order."""
    texts = cached_per_profile(request, profiles, kind="card", render=partial(_render, request))
    return [mark_safe(text) for text in texts]  # Rendered by the template, escaped there.


FILTERS_TEMPLATE = "members/_filters.html"


def filters_form(request, form, *, url: str, is_filtered: bool) -> SafeString:
    """Return the directory's search and filters (`_filters.html`), rendered once per choice.

    Django renders each option of a select through a template of its own: the filters cost
    as much as the rest of the page. What they show is the query's own values, the countries
    offered and the language, so that is the key; a deploy ends them with the cards.
    """
    shown = (
        translation.get_language(),
        url,
        is_filtered,
        [(name, request.GET.getlist(name)) for name in form.fields],
        [code for code, _name in form.fields["country"].choices],
    )
    key = "members:filters:" + hashlib.sha256(repr(shown).encode()).hexdigest()

    def render() -> str:
        template = get_template(FILTERS_TEMPLATE).template
        context = {"form": form, "url": url, "is_filtered": is_filtered, "request": request}
        return template.render(Context(context))

    return mark_safe(cached_fragments(data_set=DIRECTORY_CARDS, parts={key: render})[key])
