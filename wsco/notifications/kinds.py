"""The kinds of notification, registered by the apps that send them.

An app registers each kind in its AppConfig.ready(), as apps register home-page panels
(`wsco/core/dashboard.py`):

    register_kinds([
        Kind(
            name="network.request_received",
            label=_("A member asks to meet you"),      # the switch on the settings page
            title=lambda params: _("%(name)s would like to meet you") % params,
            link=lambda params: reverse("network:requests"),
            email_template="network/email/request_received",
            email_default=True,
        ),
    ])

`title` and `link` take the parameters stored on the notification: `title` runs when the
notification is shown, in the reader's language; `link` runs once, when it is sent.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Kind:
    """One kind of event a person can be told about, and how it reads."""

    name: str
    label: str
    title: Callable[[dict], str]
    link: Callable[[dict], str]
    # The email's templates (`<email_template>_subject.txt` and `.txt`); None: no email channel.
    email_template: str | None = None
    email_default: bool = True
    # True: the email is not sent at once; the app that registers the kind sends the day's
    # notifications of it together, in one email a day (the standards' daily email).
    digest: bool = False
    order: int = 100


_kinds: dict[str, Kind] = {}


def register_kind(kind: Kind) -> None:
    """Add `kind` (registering the same name again replaces it)."""
    _kinds[kind.name] = kind


def register_kinds(kinds: Iterable[Kind]) -> None:
    """Add each of an app's `kinds`."""
    for kind in kinds:
        register_kind(kind)


def get_kind(name: str) -> Kind | None:
    """Return the kind registered as `name`, if any."""
    return _kinds.get(name)


def all_kinds() -> list[Kind]:
    """Return every registered kind, in the order the settings page lists them."""
    return sorted(_kinds.values(), key=lambda kind: (kind.order, kind.name))


def render_title(name: str, params: dict) -> str:
    """Return the title of a notification of kind `name`, in the active language.

    A kind no longer registered (an app removed) or parameters that no longer fit still give a
    sentence, never an error on the page.
    """
    kind = _kinds.get(name)
    if kind is not None:
        try:
            return kind.title(params)
        except (KeyError, TypeError, ValueError):
            pass
    return _("You have a notification.")
