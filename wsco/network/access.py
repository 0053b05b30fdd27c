"""How views and the API reach the network's objects for a person: the only way in.

Only current members use the network; each helper raises `PermissionDenied` for anyone else and
`Http404` for an object the person is not part of, so that nobody learns it exists.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from wsco.accounts.models import Role, User
from wsco.core.compiled_query import CompiledQuery
from wsco.members.models import Profile, Visibility
from wsco.network.models import Connection, DismissedSuggestion, Introduction, Report


def is_network_member(user: User) -> bool:
    """Say whether `user` may use the network (a current member)."""
    return user.is_authenticated and user.has_role(Role.MEMBER)


def get_member_profile(user: User) -> Profile:
    """Return the profile of a current member, or refuse."""
    if not is_network_member(user):
        raise PermissionDenied
    return user.profile


def get_profile_to_meet(user: User, profile_id: int) -> Profile:
    """Return another listed member whom `user` may ask, block or report."""
    me = get_member_profile(user)
    profile = (
        Profile.objects.filter(pk=profile_id, is_member=True)
        .exclude(visibility=Visibility.HIDDEN)
        .exclude(pk=me.pk)
        .select_related("organization", "user")
        .first()
    )
    if profile is None:
        raise Http404
    return profile


def get_blocked_profile(user: User, profile_id: int) -> Profile:
    """Return a person `user` has blocked (whatever their membership now)."""
    me = get_member_profile(user)
    profile = Profile.objects.filter(
        pk=profile_id, pk__in=me.blocks_made.values("blocked_id")
    ).first()
    if profile is None:
        raise Http404
    return profile


def get_dismissed_profile(user: User, profile_id: int) -> Profile:
    """Return a person `user` said "Not interested" to (whatever their membership now)."""
    me = get_member_profile(user)
    profile = (
        Profile.objects.filter(pk=profile_id)
        .filter(pk__in=DismissedSuggestion.objects.filter(profile=me).values("dismissed_id"))
        .first()
    )
    if profile is None:
        raise Http404
    return profile


def get_introduction_for_user(user: User, introduction_id: int) -> Introduction:
    """Return an introduction `user` sent or received."""
    me = get_member_profile(user)
    introduction = (
        Introduction.objects.involving(me)
        .select_related("sender__user", "recipient__user")
        .filter(pk=introduction_id)
        .first()
    )
    if introduction is None:
        raise Http404
    return introduction


# Asked for every thread shown or written to: compiled once (`CompiledQuery`).
_CONNECTION_OF = CompiledQuery(
    lambda profile_id, pk: (
        Connection.objects.of(profile_id)
        .select_related(
            "first__user", "first__organization", "second__user", "second__organization"
        )
        .filter(pk=pk)
    )
)


def get_connection_for_user(user: User, connection_id: int) -> Connection:
    """Return a live connection `user` is part of."""
    me = get_member_profile(user)
    found = _CONNECTION_OF.objects(profile_id=me.pk, pk=connection_id)
    if not found:
        raise Http404
    return found[0]


def get_report_for_staff(user: User, report_id: int) -> Report:
    """Return an abuse report, for the secretariat only."""
    if not (user.is_authenticated and user.is_staff):
        raise PermissionDenied
    report = Report.objects.filter(pk=report_id).first()
    if report is None:
        raise Http404
    return report
