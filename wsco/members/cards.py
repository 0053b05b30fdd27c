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
from functools import partial

from django.template import Context
from django.template.loader import get_template
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from wsco.core.page_cache import cached_fragments
from wsco.members import people, queries
from wsco.members.directory_changes import DIRECTORY_CARDS

CARD_TEMPLATE = "members/_profile_card.html"


def shown_key(kind: str, person: people.Person, profile, audience: str) -> str:
    """Return a key for `kind` of `profile` (a card, an API item) that holds all it shows."""
    organization = person.organization
    shown = (
        audience,
        translation.get_language(),
        person.id,
        person.name,
        person.is_anonymous,
        person.shows_details,
        person.photo.name if person.photo else "",
        profile.title,
        profile.city,
        str(profile.country),
        (organization.slug, organization.name, organization.type) if organization else None,
        person.url,
        [theme.slug for theme in profile.themes_of_expertise.all()],
        [theme.slug for theme in profile.themes_of_interest.all()],
    )
    return f"members:{kind}:" + hashlib.sha256(repr(shown).encode()).hexdigest()


def cached_per_profile(request, profiles, *, kind: str, render) -> list:
    """Return `render(profile)` for each of `profiles`, each kept until what it shows changes."""
    audience = queries.directory_audience(request.user)
    keys = [
        shown_key(kind, people.show(profile, request.user), profile, audience)
        for profile in profiles
    ]
    found = cached_fragments(
        data_set=DIRECTORY_CARDS,
        parts={key: partial(render, profile) for key, profile in zip(keys, profiles, strict=True)},
    )
    return [found[key] for key in keys]


def _render(request, profile) -> str:
    # The template alone, without the context processors a whole page needs.
    template = get_template(CARD_TEMPLATE).template
    return template.render(Context({"profile": profile, "request": request}))


def profile_cards(request, profiles) -> list[SafeString]:
    """Return the directory card of each of `profiles` (`queries.with_card_data`), in order."""
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
