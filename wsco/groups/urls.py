"""The working groups' URLs: groups, the problem register, meetings and the impact page."""

from django.urls import path

from wsco.groups.views import groups, meetings, problems

app_name = "groups"

urlpatterns = [
    path("groups/", groups.group_list, name="groups"),
    path("groups/<slug:slug>/", groups.group_detail, name="group"),
    path("groups/<slug:slug>/feed/", groups.GroupFeed(), name="feed"),
    path("groups/<slug:slug>/join/", groups.join, name="join"),
    path("groups/<slug:slug>/requests/<int:pk>/", groups.decide, name="decide"),
    path("groups/<slug:slug>/invite/", groups.invite, name="invite"),
    path("groups/<slug:slug>/invitation/", groups.answer_invitation, name="answer_invitation"),
    path("groups/<slug:slug>/leave/", groups.leave, name="leave"),
    path("groups/<slug:slug>/signal/", groups.signal, name="signal"),
    path("groups/<slug:slug>/schedule/", groups.schedule, name="schedule"),
    path("problems/", problems.problem_list, name="problems"),
    path("problems/<int:pk>/", problems.problem_detail, name="problem"),
    path("problems/<int:pk>/endorse/", problems.endorse, name="endorse"),
    path("problems/<int:pk>/evidence/", problems.add_evidence, name="evidence"),
    path("problems/<int:pk>/comment/", problems.comment, name="comment"),
    path("problems/<int:pk>/state/", problems.change_state, name="change_state"),
    path("problems/<int:pk>/merge/", problems.merge, name="merge"),
    path("problems/<int:pk>/propose/", problems.propose, name="propose"),
    path("solutions/<int:pk>/endorse/", problems.endorse_solution, name="endorse_solution"),
    path("solutions/<int:pk>/accept/", problems.accept_solution, name="accept_solution"),
    path("solutions/<int:pk>/paper/", problems.publish_paper, name="publish_paper"),
    path("impact/", problems.impact, name="impact"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/invitation.ics", meetings.invitation, name="invitation"),
    path("meetings/<int:pk>/hold/", meetings.hold, name="hold"),
    path("meetings/<int:pk>/attendees/", meetings.add_attendee, name="add_attendee"),
    path("meetings/<int:pk>/minutes/", meetings.minutes, name="minutes"),
    path("meetings/<int:pk>/decisions/", meetings.decision, name="decision"),
    path("meetings/<int:pk>/actions/", meetings.action_item, name="action_item"),
    path("meetings/<int:pk>/answers/", meetings.answer, name="answer"),
    path("actions/<int:pk>/done/", meetings.complete_action, name="complete_action"),
]
