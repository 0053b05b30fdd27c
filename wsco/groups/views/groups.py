"""The groups' pages: the list, a group, joining, invitations, leaving, its activity feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsco.accounts.models import User
from wsco.core.feeds import SafeFeed, plain_text_html
from wsco.core.markdown import render_markdown
from wsco.groups import queries
from wsco.groups.access import (
    get_group_for_user,
    leads,
    membership_of,
    require_lead,
    require_member,
)
from wsco.groups.forms import MeetingForm, ProblemForm
from wsco.groups.models import (
    OPEN_STATUSES,
    GroupMembership,
    GroupStatus,
    MemberStatus,
    WorkingGroup,
)
from wsco.groups.services import groups as services
from wsco.groups.services.meetings import schedule_meeting
from wsco.groups.services.problems import signal_problem
from wsco.groups.views.common import act, refused


def group_list(request):
    """Every group the viewer may see, active first, with its open problems counted."""
    rows = (
        WorkingGroup.objects.visible_to(request.user)
        .annotate(
            open_problems=Count("problems", filter=Q(problems__status__in=OPEN_STATUSES)),
            member_count=Count(
                "memberships", filter=Q(memberships__status=MemberStatus.ACTIVE), distinct=True
            ),
        )
        .prefetch_related("themes")
        .order_by("status", "name")
    )
    return render(request, "groups/groups.html", {"groups": rows})


def group_detail(request, slug: str):
    """A group: its mandate, members, open problems and meetings; joining and leading it."""
    group = get_group_for_user(request.user, slug)
    mine = membership_of(request.user, group)
    is_lead = leads(request.user, group)
    context = {
        "group": group,
        "mandate": render_markdown(group.mandate),
        "membership": mine,
        "is_member": mine is not None and mine.status == MemberStatus.ACTIVE,
        "is_lead": is_lead,
        "members": group.memberships.filter(status=MemberStatus.ACTIVE)
        .select_related("user__profile")
        .order_by("role", "created_at"),
        "requests": group.memberships.filter(status=MemberStatus.REQUESTED).select_related(
            "user__profile"
        )
        if is_lead
        else [],
        "problems": queries.open_problems(group),
        "meetings": queries.meetings_of(group),
        "suggestions": queries.suggested_invitees(group) if is_lead else [],
        "may_join": request.user.is_authenticated
        and group.status == GroupStatus.ACTIVE
        and (mine is None or mine.status in (MemberStatus.DECLINED, MemberStatus.LEFT))
        and (request.user.is_staff or request.user.has_role("member")),
    }
    return render(request, "groups/group.html", context)


@login_required
@require_POST
def join(request, slug: str):
    group = get_group_for_user(request.user, slug)
    return act(
        request,
        lambda: services.request_to_join(
            group=group, user=request.user, message=request.POST.get("message", "")[:2000]
        ),
        _("Your request to join was sent to the group's chair."),
        group,
    )


@login_required
@require_POST
def decide(request, slug: str, pk: int):
    group = get_group_for_user(request.user, slug)
    require_lead(request.user, group)
    membership = get_object_or_404(GroupMembership, group=group, pk=pk)
    approve = request.POST.get("decision") == "approve"
    return act(
        request,
        lambda: services.decide_request(membership=membership, approve=approve, by=request.user),
        _("Request approved.") if approve else _("Request declined."),
        group,
    )


@login_required
@require_POST
def invite(request, slug: str):
    group = get_group_for_user(request.user, slug)
    require_lead(request.user, group)
    user = User.objects.filter(pk=queries.posted_id(request, "user")).first()
    if user is None:
        messages.error(request, _("Choose whom to invite."))
        return redirect(group)
    return act(
        request,
        lambda: services.invite_member(group=group, user=user, by=request.user),
        _("Invitation sent."),
        group,
    )


@login_required
@require_POST
def answer_invitation(request, slug: str):
    group = get_group_for_user(request.user, slug)
    membership = membership_of(request.user, group)
    if membership is None:
        messages.error(request, _("You have no invitation to this group."))
        return redirect(group)
    accept = request.POST.get("decision") == "accept"
    return act(
        request,
        lambda: services.answer_invitation(membership=membership, accept=accept, by=request.user),
        _("Welcome to the group.") if accept else _("Invitation declined."),
        group,
    )


@login_required
@require_POST
def leave(request, slug: str):
    group = get_group_for_user(request.user, slug)
    membership = membership_of(request.user, group)
    if membership is None:
        messages.error(request, _("You are not a member of this group."))
        return redirect(group)
    return act(
        request,
        lambda: services.leave_group(membership=membership, by=request.user),
        _("You left the group."),
        group,
    )


@login_required
def signal(request, slug: str):
    """Signal a problem in a group (its members)."""
    group = get_group_for_user(request.user, slug)
    require_member(request.user, group)
    form = ProblemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            problem = signal_problem(group=group, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            refused(request, error, form)
        else:
            messages.success(request, _("The problem is signalled."))
            return redirect(problem)
    return render(request, "groups/signal.html", {"group": group, "form": form})


@login_required
def schedule(request, slug: str):
    """Schedule a meeting with decision makers (the chair, co-chairs or staff)."""
    group = get_group_for_user(request.user, slug)
    require_lead(request.user, group)
    form = MeetingForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = schedule_meeting(group=group, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            refused(request, error, form)
        else:
            messages.success(request, _("The meeting is scheduled; the members are told."))
            return redirect(meeting)
    return render(request, "groups/schedule.html", {"group": group, "form": form})


class GroupFeed(SafeFeed):
    """A public group's activity: problems signalled and their steps, meetings' minutes."""

    def get_object(self, request, slug: str):
        group = get_object_or_404(WorkingGroup, slug=slug)
        if not group.is_public:
            # A members-only group has no feed: readers fetch feeds without signing in.
            raise Http404
        return group

    def title(self, group):
        return _("%(group)s: activity") % {"group": group.name}

    def link(self, group):
        return group.get_absolute_url()

    def description(self, group):
        return group.mandate

    def items(self, group):
        return queries.activity(group)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return plain_text_html(item.text)

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.at

    def item_guid(self, item):
        return item.guid
