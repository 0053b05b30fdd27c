"""Sorting a list by `?sort=`: an allow-list of the orders it offers, and the headers that say so.

A list declares its orders once, each with the key the URL carries and the fields it sorts by:

    SORTS = Sorting(
        SortOption("name", _("Name"), ("name",)),
        SortOption("newest", _("Newest"), ("-created_at", "-pk")),
        default="name",
    )
    sort = SORTS.choose(request.GET.get("sort"))
    rows = rows.order_by(*sort.order_by)

Anything else in `?sort=` (another field, `-password`, `name,id`) gives the default order: what a
URL says never reaches `order_by` itself. An option declared `reversible` (a table's column)
also sorts the other way, `?sort=-name`; `{% sort_header sort "name" _("Name") %}` draws its
`<th>` with `aria-sort` and a link that turns the order (`core/components/sort_header.html`).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Expression


@dataclass(frozen=True)
class SortOption:
    """One order a list offers: its key in the URL, its label, and the fields it sorts by."""

    key: str
    label: str
    order_by: tuple[str | Expression, ...]
    reversible: bool = False

    def __post_init__(self) -> None:
        if self.reversible and not all(isinstance(each, str) for each in self.order_by):
            raise ValueError(f"The sort {self.key!r} is reversible: give its fields by name.")


def _reversed(field: str) -> str:
    return field[1:] if field.startswith("-") else f"-{field}"


@dataclass(frozen=True)
class Sort:
    """The order chosen for one request."""

    option: SortOption
    descending: bool = False

    @property
    def key(self) -> str:
        return self.option.key

    @property
    def value(self) -> str:
        """Return what `?sort=` says for this order."""
        return f"-{self.key}" if self.descending else self.key

    @property
    def order_by(self) -> tuple:
        """Return the arguments of `order_by` for this order."""
        if self.descending:
            return tuple(_reversed(field) for field in self.option.order_by)
        return self.option.order_by

    def aria_sort(self, key: str) -> str:
        """Return the `aria-sort` of the column `key`: ascending, descending or none."""
        if key != self.key:
            return "none"
        return "descending" if self.descending else "ascending"

    def toggled(self, key: str) -> str:
        """Return the `?sort=` a click on column `key` asks: its other way if it is on."""
        return f"-{key}" if key == self.key and not self.descending else key


class Sorting:
    """The orders a list allows; `choose` turns what the URL says into one of them."""

    def __init__(self, *options: SortOption, default: str) -> None:
        self.options = {option.key: option for option in options}
        self.default = self.options[default]

    def choose(self, value: str | None) -> Sort:
        """Return the order `value` names, or the default one for anything not allowed."""
        value = (value or "").strip()
        descending = value.startswith("-")
        option = self.options.get(value[1:] if descending else value)
        if option is None or (descending and not option.reversible):
            return Sort(self.default)
        return Sort(option, descending)

    @property
    def choices(self) -> list[tuple[str, str]]:
        """Return (key, label) for each order, for a form's select."""
        return [(option.key, option.label) for option in self.options.values()]

    def keys(self) -> Iterable[str]:
        return self.options.keys()
