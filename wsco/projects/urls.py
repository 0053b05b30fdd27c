"""The projects app's pages: the public portfolio, a project, and its team's pages."""

from django.urls import path

from wsco.projects.views import gates, public, team, work

app_name = "projects"

urlpatterns = [
    path("projects/", public.portfolio, name="portfolio"),
    path("projects/feed/", public.UpdatesFeed(), name="feed"),
    path("projects/new/", team.new_project, name="new"),
    path("projects/mine/", team.invitations, name="invitations"),
    path(
        "projects/invitations/<int:pk>/accept/",
        team.accept_invitation,
        name="accept_invitation",
    ),
    path(
        "projects/invitations/<int:pk>/decline/",
        team.decline_invitation,
        name="decline_invitation",
    ),
    path("projects/<slug:slug>/", public.project, name="project"),
    path("projects/<slug:slug>/edit/", team.edit, name="edit"),
    path("projects/<slug:slug>/visibility/", team.visibility, name="visibility"),
    path("projects/<slug:slug>/team/", team.team, name="team"),
    path("projects/<slug:slug>/team/invite/", team.invite, name="invite"),
    path("projects/<slug:slug>/team/<int:pk>/remove/", team.remove_member, name="remove_member"),
    path("projects/<slug:slug>/gates/", gates.gates, name="gates"),
    path(
        "projects/<slug:slug>/gates/<slug:stage>/criteria/",
        gates.add_criterion,
        name="add_criterion",
    ),
    path("projects/<slug:slug>/criteria/<int:pk>/", gates.criterion, name="criterion"),
    path(
        "projects/<slug:slug>/gates/<slug:stage>/reviewers/",
        gates.name_reviewer,
        name="name_reviewer",
    ),
    path("projects/<slug:slug>/gates/<slug:stage>/review/", gates.review, name="review"),
    path("projects/<slug:slug>/milestones/", work.milestones, name="milestones"),
    path("projects/<slug:slug>/milestones/<int:pk>/", work.milestone, name="milestone"),
    path("projects/<slug:slug>/budget/", work.budget, name="budget"),
    path("projects/<slug:slug>/funding/", work.add_funding, name="add_funding"),
    path(
        "projects/<slug:slug>/funding/<int:pk>/<slug:step>/",
        work.advance_funding,
        name="advance_funding",
    ),
    path("projects/<slug:slug>/kpis/", work.kpis, name="kpis"),
    path("projects/<slug:slug>/kpis/<int:pk>/actual/", work.record_actual, name="record_actual"),
    path("projects/<slug:slug>/documents/", work.documents, name="documents"),
    path("projects/<slug:slug>/risks/", work.add_risk, name="add_risk"),
    path("projects/<slug:slug>/updates/", work.updates, name="updates"),
    path(
        "projects/<slug:slug>/updates/<int:pk>/publish/",
        work.publish_update,
        name="publish_update",
    ),
    path("projects/<slug:slug>/timeline/", work.timeline, name="timeline"),
]
