"""`/join/`: the membership types on offer, before any sign-up."""

from django.urls import path

from wsco.members.views import join

app_name = "join"
urlpatterns = [
    path("", join.membership_types, name="types"),
    path("<int:pk>/", join.choose_type, name="choose"),
]
