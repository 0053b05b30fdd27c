"""Verification codes: random, unguessable, and easy to read aloud and type back.

A code is 16 symbols of Crockford's base32 (`0-9` and the letters less I, L, O and U), 80 random
bits, printed in four groups: `7KQ2-M9XD-4RTB-HC3N`. With 80 bits, a million certificates and a
million guesses a second, finding any one code takes about 38,000 years on average.

What people type is read leniently, as Crockford's alphabet intends: case does not matter,
spaces, dashes, dots and underscores are ignored, and the letters that look like digits are read
as those digits (O as 0; I and L as 1). Nothing else is guessed: a symbol outside the alphabet
(U included) or a wrong length makes the text no code at all.
"""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 16
GROUP = 4
BITS = LENGTH * 5
# Crockford's decoding rules: letters read as the digits they look like.
LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
SEPARATORS = str.maketrans(dict.fromkeys(" \t\n\r-_.\u00a0\u2010\u2011\u2012\u2013\u2014", None))
# The longest text worth reading as a code: the code, its dashes and generous spaces.
MAX_TYPED_LENGTH = 64


def format_code(symbols: str) -> str:
    """Return `symbols` (16 of the alphabet) in groups of four joined by dashes."""
    return "-".join(symbols[start : start + GROUP] for start in range(0, len(symbols), GROUP))


def new_code() -> str:
    """Return a new random code, formatted (`XXXX-XXXX-XXXX-XXXX`)."""
    return format_code("".join(secrets.choice(ALPHABET) for _ in range(LENGTH)))


def normalize_code(text: str) -> str | None:
    """Return the formatted code that `text` means, or None if it means none.

    "7kq2 m9xd 4rtb hc3n", "7KQ2M9XD4RTBHC3N" and "7KQ2-M9XD-4RTB-HC3N" are the same code;
    "O" is read as 0 and "I" or "L" as 1.
    """
    if not isinstance(text, str) or len(text) > MAX_TYPED_LENGTH:
        return None
    symbols = text.upper().translate(SEPARATORS).translate(LOOK_ALIKES)
    if len(symbols) != LENGTH or any(symbol not in ALPHABET for symbol in symbols):
        return None
    return format_code(symbols)
