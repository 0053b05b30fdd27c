"""The directory's member cards and filters, each rendered once and kept until it changes.

A card costs more to render than anything else on a directory page (the person as the viewer
may see them, the photo or placeholder, two lists of theme chips): twenty of them were three
quarters of a page's time at 100,000 members. A card is the same on every page that lists
its member, so each is kept in the page cache (`page_cache.cached_fragments`) under a key
that holds everything it shows to this audience, in this language: the profile's own change
gives it a new key, and the cards of the other members stay. Organizations, memberships and
deploys end them all (`DIRECTORY_CARDS`).
"""

import hashlib
from collections import defaultdict
from functools import partial

from django.conf import settings
from django.db.models import IntegerField, Value, prefetch_related_objects
from django.template import Context
from django.template.loader import get_template
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from wsco.core.models import Theme
from wsco.core.page_cache import cached_fragments
from wsco.members import queries
from wsco.members.directory_changes import DIRECTORY_CARDS
from wsco.members.models import Profile

CARD_TEMPLATE = "members/_profile_card.html"


def _theme_ids(profiles) -> dict[tuple[int, int], list[int]]:
    """Return the theme ids of each of `profiles` as {(profile id, 0 interest / 1 expertise): ids}.

    One query of id pairs over the two link tables: the cards' keys need no `Theme` objects.
    """
    ids = [profile.pk for profile in profiles]
    links = [Profile.themes_of_interest.through, Profile.themes_of_expertise.through]
    pairs = [
        link.objects.filter(profile_id__in=ids)
        .order_by()
        .values_list("profile_id", "theme_id", Value(kind, output_field=IntegerField()))
        for kind, link in enumerate(links)
    ]
    found = defaultdict(list)
    for profile_id, theme_id, kind in pairs[0].union(pairs[1], all=True):
        found[profile_id, kind].append(theme_id)
    return found


def shown_keys(kind: str, profiles, viewer, audience: str) -> list[str]:
    """Return a key for `kind` of each of `profiles` (a card, an API item) that holds all it shows.

    What a card shows of a listed profile is the same for everyone of an audience (their own
    card too, said by the key): the row's shown fields, read as they are (no `people.show`,
    no `reverse`), its `updated_at`, and the ids of its themes, links the row does not hold.
    Organizations end every card (`DIRECTORY_CARDS`). Returns the keys and the theme ids.
    """
    themes = _theme_ids(profiles)
    language = translation.get_language()
    keys = []
    for profile in profiles:
        shown = (
            audience,
            language,
            profile.pk,
            profile.updated_at.isoformat(),
            profile.name,
            profile.title,
            profile.city,
            str(profile.country),
            profile.photo.name,
            profile.visibility,
            profile.is_member,
            profile.organization_id,
            viewer.is_authenticated and viewer.pk == profile.user_id,
            sorted(themes[profile.pk, 0]),
            sorted(themes[profile.pk, 1]),
        )
        keys.append(f"members:{kind}:" + hashlib.sha256(repr(shown).encode()).hexdigest())
    return keys, themes


def _attach_themes(profiles, themes: dict[tuple[int, int], list[int]]) -> None:
    """Give `profiles` their themes as a prefetch would, from the ids already read: one query."""
    ordered = list(Theme.objects.filter(pk__in={i for ids in themes.values() for i in ids}))
    by_id = {theme.pk: theme for theme in ordered}
    position = {theme.pk: index for index, theme in enumerate(ordered)}
    for profile in profiles:
        for kind, name in enumerate(("themes_of_interest", "themes_of_expertise")):
            chosen = sorted(themes[profile.pk, kind], key=position.__getitem__)
            found = getattr(profile, name).all()  # A queryset of the profile's own themes.
            found._result_cache = [by_id[theme_id] for theme_id in chosen]
            found._prefetch_done = True
            profile._prefetched_objects_cache = getattr(profile, "_prefetched_objects_cache", {})
            profile._prefetched_objects_cache[name] = found


def cached_per_profile(request, profiles, *, kind: str, render) -> list:
    """Return `render(profile)` for each of `profiles`, each kept until what it shows changes.

    The profiles need only their organization (`queries.directory_profiles`); their themes are
    read as ids for the keys, and as `Theme` rows (one query for the page) only when one of
    them has to be rendered.
    """
    profiles = list(profiles)
    if not settings.PAGE_CACHE_SECONDS:  # Nothing is kept: no keys to read.
        prefetch_related_objects(profiles, *queries.CARD_PREFETCHES)
        return [render(profile) for profile in profiles]
    keys, themes = shown_keys(
        kind, profiles, request.user, queries.directory_audience(request.user)
    )
    fetched = False

    def render_one(profile):
        nonlocal fetched
        if not fetched:
            _attach_themes(profiles, themes)
            fetched = True
        return render(profile)

    found = cached_fragments(
        data_set=DIRECTORY_CARDS,
        parts={
            key: partial(render_one, profile) for key, profile in zip(keys, profiles, strict=True)
        },
    )
    return [found[key] for key in keys]


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
