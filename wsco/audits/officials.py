"""Who acts for a city, kept in the page cache until a city's officials change.

The officials of all cities are one data set of the page cache (`OFFICIALS`,
`wsco.core.page_cache`): most people act for no city, and a page that shows a city official
more (the obligations panel of the home page) learns that someone is not one from the cache
rather than from a query. Every save and delete of a `CityOfficial` row marks it (signals, also
for the deletes of an erased account or a deleted city), and so do `City.officials.add()` and
its like, which write the rows without a save.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from wsco.core.page_cache import cached_fragments, mark_changed

OFFICIALS = "city-officials"
_WRITES = {"post_add", "post_remove", "post_clear"}


def officials_changed(**signal_arguments) -> None:
    """Mark the cities' officials changed (a receiver of save and delete)."""
    mark_changed(OFFICIALS)


def _officials_added_or_removed(action: str, **signal_arguments) -> None:
    if action in _WRITES:
        mark_changed(OFFICIALS)


def _read_official_ids() -> frozenset[int]:
    from wsco.audits.models import CityOfficial

    return frozenset(CityOfficial.objects.values_list("user_id", flat=True).distinct())


def official_ids() -> frozenset[int]:
    """Return the ids of the people who act for a city, kept until the officials change."""
    key = "city-officials:user-ids"
    return cached_fragments(data_set=OFFICIALS, parts={key: _read_official_ids})[key]


def connect() -> None:
    """Mark the officials changed on every write to a city's officials."""
    from wsco.audits.models import City, CityOfficial

    post_save.connect(officials_changed, sender=CityOfficial, dispatch_uid="audits-officials")
    post_delete.connect(officials_changed, sender=CityOfficial, dispatch_uid="audits-officials")
    m2m_changed.connect(
        _officials_added_or_removed, sender=City.officials.through, dispatch_uid="audits-officials"
    )
