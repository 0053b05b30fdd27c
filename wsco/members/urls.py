from django.urls import path

from wsco.members.views import directory, membership

app_name = "members"
urlpatterns = [
    # The directory, profiles and organizations.
    path("", directory.directory, name="directory"),
    path("organizations/", directory.organizations, name="organizations"),
    path("organizations/<slug:slug>/", directory.organization, name="organization"),
    path("<int:pk>/", directory.profile, name="profile"),
    path("me/profile/", directory.edit_profile, name="edit_profile"),
    # Joining, renewing, and the staff's review queue.
    path("me/", membership.home, name="home"),
    path("me/renew/<int:pk>/", membership.renew, name="renew"),
    path("me/memberships/<int:pk>/seats/", membership.add_seat, name="add_seat"),
    path("me/seats/<int:pk>/remove/", membership.remove_seat, name="remove_seat"),
    path("apply/", membership.apply, name="apply"),
    path("applications/<int:pk>/", membership.application, name="application"),
    path("applications/<int:pk>/answer/", membership.answer_application, name="answer_application"),
    path(
        "applications/<int:pk>/withdraw/",
        membership.withdraw_application,
        name="withdraw_application",
    ),
    path(
        "applications/<int:pk>/approve/",
        membership.approve_application,
        name="approve_application",
    ),
    path(
        "applications/<int:pk>/request-information/",
        membership.request_information,
        name="request_information",
    ),
    path("applications/<int:pk>/reject/", membership.reject_application, name="reject_application"),
    path("review/", membership.review_queue, name="review_queue"),
    path("review/payments/", membership.payments_due, name="payments_due"),
    path("review/payments/<int:pk>/", membership.record_payment, name="record_payment"),
]
