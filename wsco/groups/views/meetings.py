"""A meeting's page and what the chair records on it: attendees, minutes, decisions, actions,
answers; and its `.ics` invitation."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wsco.core.markdown import render_markdown
from wsco.groups.access import get_meeting_for_user, leads, may_see_contacts, require_lead
from wsco.groups.calendar import meeting_ics
from wsco.groups.forms import (
    ActionItemForm,
    AnswerForm,
    AttendeeForm,
    DecisionForm,
    MinutesForm,
)
from wsco.groups.models import MEETING_WORKFLOW, ActionItem
from wsco.groups.services import meetings as services
from wsco.groups.views.common import act


def meeting_detail(request, pk: int):
    """A meeting: when and where, agenda, attendees, minutes once published, decisions, actions.

    Draft minutes and the attendees' contact details are for the group's leads and members.
    """
    meeting = get_meeting_for_user(request.user, pk)
    is_lead = leads(request.user, meeting.group)
    shows_minutes = meeting.minutes_are_published or is_lead
    context = {
        "meeting": meeting,
        "group": meeting.group,
        "is_lead": is_lead,
        "sees_contacts": may_see_contacts(request.user, meeting.group),
        "agenda": meeting.agenda.select_related("problem", "solution"),
        "attendees": meeting.attendees.select_related("user__profile"),
        "minutes": render_markdown(meeting.minutes) if shows_minutes else "",
        "decisions": meeting.decisions.select_related("problem"),
        "actions": meeting.action_items.select_related("owner__profile"),
        "answers": meeting.answers.select_related("problem"),
        "may_hold": is_lead and MEETING_WORKFLOW.allows(meeting, "hold"),
        "may_record": is_lead and MEETING_WORKFLOW.allows(meeting, "edit_minutes"),
    }
    if is_lead:
        # Several forms share field names (problem, text): each gets its own ids.
        context |= {
            "attendee_form": AttendeeForm(group=meeting.group, auto_id="attendee-%s"),
            "minutes_form": MinutesForm(
                initial={"minutes": meeting.minutes, "publish": meeting.minutes_are_published},
                auto_id="minutes-%s",
            ),
            "decision_form": DecisionForm(meeting=meeting, auto_id="decision-%s"),
            "action_form": ActionItemForm(meeting=meeting, auto_id="action-%s"),
            "answer_form": AnswerForm(meeting=meeting, auto_id="answer-%s"),
        }
    return TemplateResponse(request, "groups/meeting.html", context)


def invitation(request, pk: int):
    """The meeting's `.ics` invitation, for whoever may see the meeting."""
    meeting = get_meeting_for_user(request.user, pk)
    response = HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    name = slugify(meeting.title) or "meeting"
    response["Content-Disposition"] = f'attachment; filename="{name}.ics"'
    return response


def _lead_meeting(request, pk: int):
    meeting = get_meeting_for_user(request.user, pk)
    require_lead(request.user, meeting.group)
    return meeting


@login_required
@require_POST
def hold(request, pk: int):
    meeting = _lead_meeting(request, pk)
    return act(
        request,
        lambda: services.hold_meeting(meeting=meeting, by=request.user),
        _("The meeting is recorded as held; its agenda was presented."),
        meeting,
    )


def _recorder(make_form, service, success):
    """Return the view by which a lead records something on a meeting's page.

    `make_form(request, meeting)` checks what was posted; its cleaned data are the arguments
    of `service`; the lead goes back to the meeting with `success`, or with what is wrong.
    """

    @login_required
    @require_POST
    def record(request, pk: int):
        meeting = _lead_meeting(request, pk)
        form = make_form(request, meeting)
        return act(
            request,
            lambda: service(meeting=meeting, by=request.user, **form.cleaned_data),
            str(success),
            meeting,
            form=form,
        )

    return record


add_attendee = _recorder(
    lambda request, meeting: AttendeeForm(request.POST, group=meeting.group),
    services.add_attendee,
    gettext_lazy("Attendee added."),
)
minutes = _recorder(
    lambda request, meeting: MinutesForm(request.POST),
    services.save_minutes,
    gettext_lazy("The minutes are saved."),
)
decision = _recorder(
    lambda request, meeting: DecisionForm(request.POST, meeting=meeting),
    services.record_decision,
    gettext_lazy("The decision is recorded."),
)
action_item = _recorder(
    lambda request, meeting: ActionItemForm(request.POST, meeting=meeting),
    services.add_action_item,
    gettext_lazy("The action is given to its owner."),
)
answer = _recorder(
    lambda request, meeting: AnswerForm(request.POST, meeting=meeting),
    services.record_answer,
    gettext_lazy("The answer is recorded against the problem."),
)


@login_required
@require_POST
def complete_action(request, pk: int):
    item = get_object_or_404(ActionItem.objects.select_related("meeting__group"), pk=pk)
    meeting = get_meeting_for_user(request.user, item.meeting_id)
    return act(
        request,
        lambda: services.complete_action_item(item=item, by=request.user),
        _("The action is done."),
        meeting,
    )
