"""The generated picture of a person or an organization that has no photo or logo to show.

A placeholder is the name's initials on one of `TONES` colours (`--avatar-1` to `--avatar-8` in
`core/tokens.css`, each checked against its text colour `--on-avatar` in both schemes by
`wsco.core.design`). The colour comes from a hash of a stable key (a profile's id, an
organization's id), never of the name: renaming someone keeps their colour, and two people of
the same name usually differ. The hash is SHA-256, not Python's `hash()`, so every process and
every run picks the same colour.

It is drawn as HTML (`<span class="avatar avatar-initial avatar-tone-3">AP</span>`), not as an
inline SVG: the page's Content Security Policy and the XSS sweep admit no SVG but the icons, and
text in HTML follows the page's font and the reader's zoom.
"""

import hashlib

TONES = 8


def initials(name: str) -> str:
    """Return up to two capital letters for `name`: the first letters of its first and last words.

    Words that do not start with a letter (an "&", a number) are skipped: "Ana-Maria Popescu"
    gives "AP", "Smart & Green Cities" gives "SC".
    """
    words = [word for word in str(name).replace("-", " ").split() if word[:1].isalpha()]
    if not words:
        return ""
    if len(words) == 1:
        return words[0][:1].upper()
    return (words[0][:1] + words[-1][:1]).upper()


def tone(key: str) -> int:
    """Return the colour (1 to `TONES`) of the placeholder of the thing `key` names."""
    digest = hashlib.sha256(str(key).encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % TONES + 1
