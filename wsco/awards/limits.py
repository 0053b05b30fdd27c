"""How often one account may vote: the public vote's guard against scripted flooding.

Counted with the rate limits the platform keeps for sign-in (django-allauth's, in the shared
cache), per account, as `wsco/certificates/limits.py` counts unknown codes per address. A
person changes their mind a few times; nobody needs more than 20 votes a minute.
"""

from allauth.core.internal import ratelimit
from django.http import HttpRequest

APP = "wsco.awards"
ACTION = "vote"
RATES = {ACTION: "20/m/user,200/d/user"}


def count_vote(request: HttpRequest) -> bool:
    """Count a vote by the signed-in person; say whether they stayed within the limit."""
    usage = ratelimit.consume(request, app=APP, action=ACTION, config=RATES)
    return usage is not None
