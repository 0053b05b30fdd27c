"""What the platform has on a theme: each app offers what it holds for a set of themes.

Each app registers an `Offer` in its AppConfig.ready(): a title, and a function that answers
"what do you have for these themes?" for one viewer. The core renders every offer registered,
in order, without importing the apps (an audit's gaps, the page `/themes/<slug>/`): an app
added later registers itself and nothing else changes, as the home page's parts do
(`wsco.core.home`).

```python
register_offer(Offer(name="articles", title=_("From the magazine"), find=find_articles,
    count=count_articles, data_set="publications", order=30))
```

`find(themes, *, user, limit)` returns at most `limit` `OfferItem`s on any of `themes` (slugs)
that `user` may see: an offer applies its app's own rules of who sees what, and never returns
what the viewer could not open (a draft, a hidden profile). `count(user)` gives, for every
theme, how many the viewer may see: the `/themes/` page shows those figures.

The answers are kept in the cache, like the home page's figures, until the data they come from
changes: an offer names the `wsco.core.page_cache` data set whose token its app changes on
every write, and `audience(user)` says which viewers see the same answer ("public" and
"members" for the directory's people, `everyone` for published articles; without it, each
person gets their own). Without a shared cache (`PAGE_CACHE_SECONDS` 0) they are read on
each visit.
"""

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from wsco.core.models import Theme
from wsco.core.page_cache import current_tokens
from wsco.core.themes import THEMES, THEMES_BY_SLUG, ThemeInfo

# Scheduled posts become public at their hour without any write: this bounds how late they
# appear, as on the home page.
OFFERS_CACHE_SECONDS = 300
# The longest key part kept as it is; a longer one is kept as its SHA-256.
KEY_CHARACTERS = 120
LIMIT = 6


@dataclass(frozen=True)
class OfferItem:
    """One thing an app has on a theme, as a card: what it is, where it opens, a line about it.

    `image` is a picture's address (a photo, a logo, a cover); without one, `initials` on the
    colour `tone` (`wsco.core.avatars`) stand in for a person or an organization.
    """

    title: str
    url: str
    text: str = ""
    image: str = ""
    image_alt: str = ""
    initials: str = ""
    tone: int = 0
    themes: tuple[str, ...] = ()  # the slugs of the asked themes it is on
    date: datetime | None = None
    language: str = ""  # the title's language, when it is not the reader's

    @property
    def theme_rows(self) -> list:
        """Return the item's themes as (unsaved) `Theme`s, for the theme chip component."""
        return [Theme(slug=slug, clause=THEMES_BY_SLUG[slug].clause) for slug in self.themes]


Finder = Callable[..., list[OfferItem]]  # find(themes, *, user, limit)


def everyone(user) -> str:
    """The audience of an offer whose answer is the same for every viewer."""
    return "all"


def _each_person(user) -> str:
    # An offer that does not say who sees the same answer gets one per person: caching may
    # cost it hits, never show one viewer what another may see.
    return f"user:{user.pk}" if user.is_authenticated else "visitor"


@dataclass(frozen=True)
class Offer:
    """What one app has on themes: `name` is the stable key, `title` the section's heading.

    `empty` is the sentence an empty section shows, with `%(themes)s` for the themes' names;
    `action` (label, `url(themes)`) is the next thing to do there; `see_all(themes)` leads to
    the app's own list, filtered by the themes.
    """

    name: str
    title: Promise | str
    find: Finder
    count: Callable[[object], dict[str, int]] | None = None
    count_label: Callable[[int], str] | None = None  # the words after a count: "3 people"
    icon: str = "inbox"
    empty: Promise | str = ""
    action_label: Promise | str = ""
    action_url: Callable[[list[str]], str] | None = None
    see_all: Callable[[list[str]], str] | None = None
    audience: Callable[[object], str] = _each_person
    data_set: str = ""
    order: int = 100


@dataclass
class Section:
    """One offer's answer for some themes: its items, or what to do when there are none."""

    offer: Offer
    items: list[OfferItem]
    themes: list[ThemeInfo]
    see_all_url: str = ""
    action_url: str = ""
    theme_names: str = field(init=False)

    def __post_init__(self) -> None:
        self.theme_names = get_text_list([str(theme.name) for theme in self.themes], _("and"))

    @property
    def name(self) -> str:
        return self.offer.name

    @property
    def title(self) -> str:
        return str(self.offer.title)

    @property
    def empty_message(self) -> str:
        """Return what the section says when it has nothing ("Nothing on Water yet.")."""
        if self.offer.empty:
            return str(self.offer.empty) % {"themes": self.theme_names}
        return _("Nothing on %(themes)s yet.") % {"themes": self.theme_names}


_offers: dict[str, Offer] = {}


def register_offer(offer: Offer) -> None:
    """Add `offer` to every theme page and audit gap (the same name again replaces it)."""
    _offers[offer.name] = offer


def offers() -> list[Offer]:
    """Return the registered offers in their order."""
    return sorted(_offers.values(), key=lambda offer: (offer.order, offer.name))


def theme_slugs(themes: Iterable) -> list[str]:
    """Return the slugs of `themes` (slugs, `Theme` rows or `ThemeInfo`s) in taxonomy order.

    An unknown slug is a mistake of the caller, never data: it raises ValueError.
    """
    slugs = {getattr(theme, "slug", theme) for theme in themes}
    unknown = slugs - THEMES_BY_SLUG.keys()
    if unknown:
        raise ValueError(f"Unknown themes: {', '.join(sorted(unknown))}")
    return [theme.slug for theme in THEMES if theme.slug in slugs]


def get_theme(slug: str):
    """Return the `Theme` row of `slug`, or raise Http404 (any visitor may see every theme)."""
    found = Theme.objects.filter(slug=slug).first()
    if found is None:
        raise Http404
    return found


def _cached(key: str, data_set: str, build: Callable[[], object]) -> object:
    """Return `build()`, kept in the cache under the current token of `data_set`."""
    if not settings.PAGE_CACHE_SECONDS or not data_set:
        return build()
    (token,) = current_tokens([data_set])
    if len(key) > KEY_CHARACTERS:
        # Many themes at once (a standard on all 19) would pass a cache's limit on a key's size.
        key = hashlib.sha256(key.encode()).hexdigest()
    full_key = f"theme-offers:{key}:{translation.get_language()}:{token}"
    value = cache.get(full_key)
    if value is None:
        value = build()
        cache.set(full_key, value, min(OFFERS_CACHE_SECONDS, settings.PAGE_CACHE_SECONDS))
    return value


def _items(offer: Offer, slugs: list[str], *, user, limit: int) -> list[OfferItem]:
    key = f"items:{offer.name}:{offer.audience(user)}:{limit}:{','.join(slugs)}"
    return _cached(key, offer.data_set, lambda: offer.find(slugs, user=user, limit=limit))


def offers_for(themes: Iterable, *, user, limit: int = LIMIT) -> list[Section]:
    """Return, for each registered offer in order, what it has on `themes` for `user`.

    Every offer gets a section, empty or not, so a page can say what is missing and what to do
    about it. An offer that fails raises: a page never hides one silently.
    """
    slugs = theme_slugs(themes)
    if not slugs:
        return []
    infos = [THEMES_BY_SLUG[slug] for slug in slugs]
    sections = []
    for offer in offers():
        items = _items(offer, slugs, user=user, limit=limit)
        sections.append(
            Section(
                offer=offer,
                items=items[:limit],
                themes=infos,
                see_all_url=offer.see_all(slugs) if offer.see_all and items else "",
                action_url=offer.action_url(slugs) if offer.action_url else "",
            )
        )
    return sections


def counts_by_theme(*, user) -> dict[str, list[tuple[Offer, int]]]:
    """Return, for every theme's slug, each counting offer with how many it has for `user`."""
    counted = [offer for offer in offers() if offer.count]
    numbers = {
        offer.name: _cached(
            f"counts:{offer.name}:{offer.audience(user)}",
            offer.data_set,
            lambda offer=offer: offer.count(user),
        )
        for offer in counted
    }
    return {
        theme.slug: [(offer, numbers[offer.name].get(theme.slug, 0)) for offer in counted]
        for theme in THEMES
    }
