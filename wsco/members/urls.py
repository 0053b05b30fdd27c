from django.urls import path

from wsco.members.views import affiliations, directory, invoices, membership, revenue, seats

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
    path("me/renew/<int:pk>/", membership.renew, name="renew"),
    path("me/seats/<int:pk>/remove/", seats.remove_seat, name="remove_seat"),
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
    path("invoices/<int:pk>/pdf/", invoices.invoice_pdf, name="invoice_pdf"),
    path("staff/revenue/", revenue.revenue, name="revenue"),
    # Seats by invitation, and requests to join an organization.
    path("me/memberships/<int:pk>/invitations/", seats.invitations, name="seat_invitations"),
    path("me/invitations/<int:pk>/revoke/", seats.revoke_invitation, name="revoke_invitation"),
    path("invitations/<str:token>/", seats.invitation, name="seat_invitation"),
    path("invitations/<str:token>/accept/", seats.accept_invitation, name="accept_invitation"),
    path("invitations/<str:token>/decline/", seats.decline_invitation, name="decline_invitation"),
    path("me/join-requests/", affiliations.join_requests, name="join_requests"),
    path(
        "join-requests/<int:pk>/approve/",
        affiliations.approve_join_request,
        name="approve_join_request",
    ),
    path(
        "join-requests/<int:pk>/reject/",
        affiliations.reject_join_request,
        name="reject_join_request",
    ),
    path(
        "join-requests/<int:pk>/withdraw/",
        affiliations.withdraw_join_request,
        name="withdraw_join_request",
    ),
]
