"""The projects app's pages: the public portfolio, a project, and its team's pages."""

from django.urls import path

from wsco.projects.views import public, team

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
    path("projects/<slug:slug>/gates/", team.gates, name="gates"),
    path(
        "projects/<slug:slug>/gates/<slug:stage>/criteria/",
        team.add_criterion,
        name="add_criterion",
    ),
    path("projects/<slug:slug>/criteria/<int:pk>/", team.criterion, name="criterion"),
    path(
        "projects/<slug:slug>/gates/<slug:stage>/reviewers/",
        team.name_reviewer,
        name="name_reviewer",
    ),
    path("projects/<slug:slug>/gates/<slug:stage>/review/", team.review, name="review"),
    path("projects/<slug:slug>/milestones/", team.milestones, name="milestones"),
    path("projects/<slug:slug>/milestones/<int:pk>/", team.milestone, name="milestone"),
    path("projects/<slug:slug>/budget/", team.budget, name="budget"),
    path("projects/<slug:slug>/funding/", team.add_funding, name="add_funding"),
    path(
        "projects/<slug:slug>/funding/<int:pk>/<slug:step>/",
        team.advance_funding,
        name="advance_funding",
    ),
    path("projects/<slug:slug>/kpis/", team.kpis, name="kpis"),
    path("projects/<slug:slug>/kpis/<int:pk>/actual/", team.record_actual, name="record_actual"),
    path("projects/<slug:slug>/documents/", team.documents, name="documents"),
    path("projects/<slug:slug>/risks/", team.add_risk, name="add_risk"),
    path("projects/<slug:slug>/updates/", team.updates, name="updates"),
    path(
        "projects/<slug:slug>/updates/<int:pk>/publish/",
        team.publish_update,
        name="publish_update",
    ),
    path("projects/<slug:slug>/timeline/", team.timeline, name="timeline"),
]
