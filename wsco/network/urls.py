from django.urls import path

from wsco.network import views

app_name = "network"
urlpatterns = [
    path("", views.people_to_meet, name="people_to_meet"),
    path("people/<int:profile_id>/meet/", views.request_introduction, name="request"),
    path("people/<int:profile_id>/not-interested/", views.dismiss_suggestion, name="dismiss"),
    path("people/<int:profile_id>/interested-again/", views.restore_suggestion, name="undismiss"),
    path("people/<int:profile_id>/block/", views.block, name="block"),
    path("people/<int:profile_id>/unblock/", views.unblock, name="unblock"),
    path("people/<int:profile_id>/report/", views.report, name="report"),
    path("requests/", views.requests, name="requests"),
    path("requests/<int:pk>/accept/", views.accept_request, name="accept"),
    path("requests/<int:pk>/decline/", views.decline_request, name="decline"),
    path("requests/<int:pk>/withdraw/", views.withdraw_request, name="withdraw"),
    path("connections/", views.connections, name="connections"),
    path("connections/<int:pk>/", views.thread, name="thread"),
    path("connections/<int:pk>/messages/", views.thread_messages, name="thread_messages"),
    path("blocked/", views.blocked, name="blocked"),
    path("staff/reports/", views.staff_reports, name="staff_reports"),
    path("staff/reports/<int:pk>/resolve/", views.resolve_report, name="resolve_report"),
    path("staff/introduce/", views.staff_introduce, name="staff_introduce"),
]
