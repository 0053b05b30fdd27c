""" "Ask to meet" on a member's profile page, offered wherever the network's rules allow it.

Registered with the members app's profile actions in `NetworkConfig.ready()`. The request posts
to the network's own request page (`network:request`), which applies the same rules again.
"""

from django.http import HttpRequest

from wsco.members.models import Profile, Visibility
from wsco.network import services
from wsco.network.access import is_network_member
from wsco.network.forms import REQUEST_MESSAGE_MAX_LENGTH

# The refusals a person can act on by waiting: said, rather than hiding the button.
SAID_REFUSALS = {"limit"}


def ask_to_meet(request: HttpRequest, profile: Profile) -> dict | None:
    """Return the action's context: the form, the reason it cannot be used, or None (hidden)."""
    user = request.user
    if not is_network_member(user):
        return None
    me = user.profile
    if profile.pk == me.pk or not profile.is_member or profile.visibility == Visibility.HIDDEN:
        return None
    refusal = services.refusal_to_ask(sender=me, recipient=profile)
    if refusal is None:
        return {"person": profile, "max_length": REQUEST_MESSAGE_MAX_LENGTH}
    if refusal.code in SAID_REFUSALS:
        return {"person": profile, "reason": " ".join(refusal.messages)}
    return None
