"""Pieces of templates that only a deploy changes, rendered once per process: `{% memo %}`.

The site's frame (the header's menu, the language list, the footer) is the same on every page
for everyone of an audience, in a language: links reversed, static files' hashed names,
translations and icons, none of which changes until the next deploy, which starts new
processes. Rendering it is yet a third of a simple page's time. So a template wraps such a
piece in `{% memo "name" value ... %}...{% endmemo %}` (`wsco.core.templatetags.wsco`): it is
rendered the first time for the language and the values named, and this process keeps the
text.

What a memo holds must follow from the language and its values alone: never a CSRF token,
a count, a name or anything else of the request, the user or the data (put those outside the
memo, or name what they depend on among its values, if that has few values). A changed
setting (tests override URLs and languages) forgets every piece, and so does development
(`DEBUG`), where templates change under a running server.
"""

import threading

from django.core.signals import setting_changed
from django.dispatch import receiver

# Pieces kept per process: a frame has a few dozen (languages by audiences by menu entries); past
# this many, something names values with many more (a bug): start again rather than grow.
MAX_PIECES = 2000

_pieces: dict[tuple, str] = {}
_lock = threading.Lock()


def remembered(key: tuple, render) -> str:
    """Return the text kept under `key`, rendering it by `render()` the first time."""
    text = _pieces.get(key)
    if text is None:
        text = render()
        with _lock:
            if len(_pieces) >= MAX_PIECES:
                _pieces.clear()
            _pieces[key] = text
    return text


@receiver(setting_changed)
def forget(**_arguments) -> None:
    """Forget every piece (a setting changed: in tests, URLs, languages or static files)."""
    with _lock:
        _pieces.clear()
