"""The kinds of certificate, registered by the apps that issue them.

An app registers its kind in its AppConfig.ready(), as apps register their kinds of notification,
so that this app never imports the apps that issue certificates:

    from wsco.certificates.kinds import register_kind

    register_kind(
        "audit_level",
        _("Smart City Audit level"),
        description=_("The level a city reached in a verified, published Smart City Audit."),
    )

A certificate stores its kind's name; `issue_certificate` refuses a name nobody registered. The
label is shown on the verification page, the PDF and the staff's list, in the reader's language;
a kind whose app was removed still shows its name rather than failing.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

NAME = re.compile(r"[a-z][a-z0-9_]{0,49}")


@dataclass(frozen=True)
class Kind:
    """One kind of certificate: its stored name, what it is called, and a line on what it says."""

    name: str
    label: str
    description: str = ""
    # The public page of a certificate's subject, or None where it has none anyone may open.
    subject_url: Callable[[object], str | None] | None = None


_kinds: dict[str, Kind] = {}


def register_kind(
    name: str,
    label: str,
    *,
    description: str = "",
    subject_url: Callable[[object], str | None] | None = None,
) -> Kind:
    """Add the kind `name` (registering a name again replaces it) and return it.

    `subject_url(subject)` returns the public page of what a certificate is about, or None when
    it has none anyone may see; without it, a subject with `get_absolute_url` and a true
    `is_public` is linked from the verification page.
    """
    if not NAME.fullmatch(name):
        raise ValueError(f"A kind's name is 1-50 of a-z, 0-9 and _, not {name!r}.")
    kind = Kind(name=name, label=label, description=description, subject_url=subject_url)
    _kinds[name] = kind
    return kind


def get_kind(name: str) -> Kind | None:
    """Return the kind registered as `name`, if any."""
    return _kinds.get(name)


def all_kinds() -> list[Kind]:
    """Return every registered kind, by label."""
    return sorted(_kinds.values(), key=lambda kind: str(kind.label))


def kind_label(name: str) -> str:
    """Return the label of the kind `name` in the active language, or the name itself."""
    kind = _kinds.get(name)
    return str(kind.label) if kind else name
