from django.urls import path

from wsco.members.views import directory, membership

app_name = "members"
urlpatterns = [
    # The directory, profiles and organizations.
    path("", directory.directory, name="directory"),
    path("export.csv", directory.directory_export, name="directory_export"),
    path("organizations/", directory.organizations, name="organizations"),
    path("organizations/<slug:slug>/", directory.organization, name="organization"),
    path(
        "organizations/<slug:slug>/edit/",
        directory.edit_organization,
        name="edit_organization",
    ),
    path("<int:pk>/", directory.profile, name="profile"),
    path("me/profile/", directory.edit_profile, name="edit_profile"),
    # Joining, renewing, and the staff's review queue.
    path("me/", membership.home, name="home"),
    path("apply/", membership.apply, name="apply"),
    path("applications/<int:pk>/", membership.application, name="application"),
    path("review/", membership.review_queue, name="review_queue"),
]
