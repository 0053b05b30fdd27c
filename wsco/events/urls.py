"""The events' URLs: the list, an event with its agenda, registration, tickets, check-in,
meetings, calendar feeds and the staff's pages."""

from django.urls import path

from wsco.events import views

app_name = "events"

urlpatterns = [
    path("events/", views.event_list, name="list"),
    path("events/<slug:slug>/", views.event_detail, name="event"),
    path("events/<slug:slug>/event.ics", views.event_ics, name="event_ics"),
    path("events/<slug:slug>/agenda.ics", views.agenda_ics, name="agenda_ics"),
    path("events/<slug:slug>/register/", views.register, name="register"),
    path("events/<slug:slug>/my/", views.my_agenda, name="my"),
    path("events/<slug:slug>/ticket/", views.ticket, name="ticket"),
    path("events/<slug:slug>/ticket/qr.png", views.ticket_qr, name="ticket_qr"),
    path("events/<slug:slug>/cancel/", views.cancel, name="cancel"),
    path("events/<slug:slug>/accept-offer/", views.accept_offer, name="accept_offer"),
    path("events/<slug:slug>/people/", views.people_to_meet, name="people"),
    path("events/<slug:slug>/meetings/request/", views.request_meeting, name="request_meeting"),
    path(
        "events/<slug:slug>/meetings/<int:meeting_id>/answer/",
        views.answer_meeting,
        name="answer_meeting",
    ),
    path("events/<slug:slug>/sessions/<int:session_id>/feedback/", views.feedback, name="feedback"),
    path("events/<slug:slug>/calendar/<str:token>.ics", views.personal_ics, name="personal_ics"),
    path("events/<slug:slug>/check-in/", views.check_in, name="check_in"),
    path("events/<slug:slug>/registrations/", views.registrations, name="registrations"),
    path(
        "events/<slug:slug>/registrations/<int:registration_id>/payment/",
        views.record_payment,
        name="record_payment",
    ),
    path(
        "events/<slug:slug>/registrations/<int:registration_id>/invoice.pdf",
        views.invoice,
        name="invoice",
    ),
    path("events/<slug:slug>/agenda/add/", views.add_session, name="add_session"),
    path(
        "events/<slug:slug>/agenda/<int:session_id>/edit/",
        views.add_session,
        name="edit_session",
    ),
    path(
        "events/<slug:slug>/agenda/<int:session_id>/remove/",
        views.remove_session,
        name="remove_session",
    ),
    path("events/<slug:slug>/state/", views.change_state, name="change_state"),
    path("events/<slug:slug>/certificates/", views.issue_certificates, name="certificates"),
    path("events/<slug:slug>/call/", views.call, name="call"),
    path("events/<slug:slug>/call/submissions/", views.submissions, name="submissions"),
    path(
        "events/<slug:slug>/call/submissions/<int:submission_id>/",
        views.submission,
        name="submission",
    ),
    path(
        "events/<slug:slug>/call/submissions/<int:submission_id>/reviewers/",
        views.assign_reviewer,
        name="assign_reviewer",
    ),
    path(
        "events/<slug:slug>/call/submissions/<int:submission_id>/decide/",
        views.decide,
        name="decide",
    ),
]
