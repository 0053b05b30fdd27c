"""Who may see and do what in a working group; the only way views reach its objects.

A public group, its problems, solutions, held meetings and published minutes are open to
everyone; a members-only group and everything in it to its members and staff only. Draft
minutes, the attendees' contact details and the group's requests to join are for its chair,
co-chairs and staff (docs/groups.md, "Who sees what").
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from wsco.groups.models import (
    LEADING_ROLES,
    GroupMembership,
    Meeting,
    MemberStatus,
    Problem,
    Solution,
    WorkingGroup,
)


def membership_of(user, group: WorkingGroup) -> GroupMembership | None:
    """Return `user`'s place in `group`, if they have one."""
    if not user.is_authenticated:
        return None
    return GroupMembership.objects.filter(group=group, user=user).first()


def is_group_member(user, group: WorkingGroup) -> bool:
    """Say whether `user` is an active member of `group` (the chair and co-chairs included)."""
    membership = membership_of(user, group)
    return membership is not None and membership.status == MemberStatus.ACTIVE


def leads(user, group: WorkingGroup) -> bool:
    """Say whether `user` chairs or co-chairs `group`, or is staff."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return GroupMembership.objects.filter(
        group=group, user=user, status=MemberStatus.ACTIVE, role__in=LEADING_ROLES
    ).exists()


def may_see_group(user, group: WorkingGroup) -> bool:
    """Say whether `user` may see `group` and what is in it."""
    if group.is_public:
        return True
    return user.is_authenticated and (user.is_staff or is_group_member(user, group))


def may_see_contacts(user, group: WorkingGroup) -> bool:
    """Say whether `user` sees attendees' email and phone: the group's members and staff."""
    return user.is_authenticated and (user.is_staff or is_group_member(user, group))


def require_member(user, group: WorkingGroup) -> None:
    """Refuse anyone but an active member of `group` (staff act as the secretariat)."""
    if not user.is_authenticated or not (user.is_staff or is_group_member(user, group)):
        raise PermissionDenied(_("Only the group's members can do this."))


def require_lead(user, group: WorkingGroup) -> None:
    """Refuse anyone but the chair, a co-chair or staff."""
    if not leads(user, group):
        raise PermissionDenied(_("Only the group's chair, co-chairs or staff can do this."))


def get_group_for_user(user, slug: str) -> WorkingGroup:
    """Return the group `slug` if `user` may see it; 404 otherwise (a hidden group is unknown)."""
    group = get_object_or_404(WorkingGroup, slug=slug)
    if not may_see_group(user, group):
        raise Http404
    return group


def get_problem_for_user(user, pk: int) -> Problem:
    problem = get_object_or_404(Problem.objects.select_related("group", "merged_into"), pk=pk)
    if not may_see_group(user, problem.group):
        raise Http404
    return problem


def get_solution_for_user(user, pk: int) -> Solution:
    solution = get_object_or_404(Solution.objects.select_related("problem__group"), pk=pk)
    if not may_see_group(user, solution.problem.group):
        raise Http404
    return solution


def get_meeting_for_user(user, pk: int) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("group"), pk=pk)
    if not may_see_group(user, meeting.group):
        raise Http404
    return meeting


def may_read_evidence(user, evidence) -> bool:
    """A file behind a problem is read by whoever may see the problem."""
    return may_see_group(user, evidence.problem.group)


def may_read_paper(user, solution) -> bool:
    """A position paper is read once published, by whoever may see the group."""
    return solution.paper_published_at is not None and may_see_group(user, solution.problem.group)
