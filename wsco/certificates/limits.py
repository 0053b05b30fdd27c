"""How many unknown codes one address may look up: a guard against guessing codes.

Counted with the rate limits the platform already keeps for sign-in (django-allauth's, in the
shared cache), per IP address. Only misses count, so a venue whose visitors all scan valid
certificates from one address is never stopped; once an address is over the limit, every
lookup from it is refused (429) until it cools off, hits included, so that the refusal itself
tells a guesser nothing about which codes exist.

allauth's public `consume` never counts GET requests; verification is a GET (a QR code opens
the page), so this module calls the same function with `limit_get`.
"""

from allauth.core.internal import ratelimit
from django.http import HttpRequest

APP = "wsco.certificates"
ACTION = "unknown_code"
# Misses per address: enough for people retyping a code, far too few to search 80 bits.
RATES = {ACTION: "20/m/ip,200/d/ip"}


def _consume(request: HttpRequest, *, dry_run: bool) -> bool:
    usage = ratelimit.consume(
        request, app=APP, action=ACTION, config=RATES, limit_get=True, dry_run=dry_run
    )
    return usage is not None


def may_look_up(request: HttpRequest) -> bool:
    """Say whether the address of `request` may look up a code now."""
    return _consume(request, dry_run=True)


def count_miss(request: HttpRequest) -> bool:
    """Count a lookup of an unknown code; say whether the address stayed within the limit."""
    return _consume(request, dry_run=False)
