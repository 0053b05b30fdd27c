from django.urls import path

from wsco.members import views

app_name = "members"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("organizations/", views.organizations, name="organizations"),
    path("organizations/<slug:slug>/", views.organization, name="organization"),
    path("<int:pk>/", views.profile, name="profile"),
    path("me/", views.home, name="home"),
    path("me/profile/", views.edit_profile, name="edit_profile"),
    path("apply/", views.apply, name="apply"),
    path("applications/<int:pk>/", views.application, name="application"),
    path("review/", views.review_queue, name="review_queue"),
]
