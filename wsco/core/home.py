"""The parts of WSCO's work the home page leads to, their live figures, and the latest activity.

Each app registers what it has in its AppConfig.ready(), and the home page shows every part
registered, in order, without importing the apps: an app that does not exist yet has no card, so
no card leads nowhere, and a later app (audits, projects, events) adds its own with one call.

```python
register_part(Part(name="magazine", title=_("The Smart City Magazine"), text=..., url_name=
    "publications:magazine", icon="book-open", figures=(Figure(_count_issues, _issues_label),),
    data_set="publications"))
register_activity(Activity(name="articles", latest=_latest_articles, data_set="publications"))
```

The figures and the activity are read once and kept in the cache until the data they come from
changes: each names the `wsco.core.page_cache` data set whose token its app changes on every
write (the directory's, the publications'), and the cached copy is kept under those tokens.
Without a shared cache (`PAGE_CACHE_SECONDS` 0, as in development) they are read on each visit.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.functional import Promise

from wsco.core.page_cache import current_tokens

# Scheduled posts and issues become public at their hour without any write: this bounds how
# late they appear on the home page.
HOME_CACHE_SECONDS = 300
LATEST = 6


@dataclass(frozen=True)
class Figure:
    """A live number on a part's card: `count()` and the words after it, `label(count)`."""

    count: Callable[[], int]
    label: Callable[[int], str]


@dataclass(frozen=True)
class Part:
    """A part of WSCO's work with a page of its own, shown as a card on the home page."""

    name: str
    title: Promise | str
    text: Promise | str
    url_name: str
    icon: str
    figures: tuple[Figure, ...] = ()
    data_set: str = ""  # the page_cache data set whose changes end the cached figures
    order: int = 100


@dataclass(frozen=True)
class Item:
    """One piece of the latest activity: what it is, its title, where it is, and when."""

    kind: str
    title: str
    url: str
    at: datetime
    person: object = None  # a public profile, shown with its avatar
    language: str = ""  # the title's language, when it is not the reader's


@dataclass(frozen=True)
class Activity:
    """Where the latest activity of one kind comes from: `latest(limit)` returns Items."""

    name: str
    latest: Callable[[int], list[Item]]
    data_set: str = ""


_parts: dict[str, Part] = {}
_activities: dict[str, Activity] = {}


def register_part(part: Part) -> None:
    """Add `part` to the home page (registering the same name again replaces it)."""
    _parts[part.name] = part


def register_activity(activity: Activity) -> None:
    """Add a source of the latest activity to the home page."""
    _activities[activity.name] = activity


def parts() -> list[Part]:
    return sorted(_parts.values(), key=lambda part: (part.order, part.name))


def _cached(name: str, data_sets: set[str], build: Callable[[], object]) -> object:
    """Return `build()`, kept in the cache under the current tokens of `data_sets`."""
    if not settings.PAGE_CACHE_SECONDS:
        return build()
    tokens = current_tokens(sorted(data_sets))
    key = f"home:{name}:{translation.get_language()}:{':'.join(tokens)}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, min(HOME_CACHE_SECONDS, settings.PAGE_CACHE_SECONDS))
    return value


def data_sets() -> list[str]:
    """Return the page cache data sets the home page shows, of its parts and its activity."""
    named = {part.data_set for part in _parts.values()}
    named |= {activity.data_set for activity in _activities.values()}
    return sorted(named - {""})


def figures() -> dict[str, list[tuple[int, str]]]:
    """Return each part's figures as (number, words), by the part's name."""

    def build():
        return {
            part.name: [
                (count := figure.count(), str(figure.label(count))) for figure in part.figures
            ]
            for part in parts()
        }

    return _cached("figures", {part.data_set for part in parts() if part.data_set}, build)


def latest_activity(limit: int = LATEST) -> list[Item]:
    """Return the newest items of the registered kinds, newest first, at most `limit`.

    Each kind gives an even share of `limit`, so that a day of many new members does not push
    the magazine and the news off the home page.
    """

    def build():
        share = max(1, limit // max(1, len(_activities)))
        items = [item for activity in _activities.values() for item in activity.latest(share)]
        return sorted(items, key=lambda item: item.at, reverse=True)[:limit]

    data_sets = {activity.data_set for activity in _activities.values() if activity.data_set}
    return _cached("activity", data_sets, build)
