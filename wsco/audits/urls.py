"""The audits app's pages: cities, audits, data entry, verification, results and open data."""

from django.urls import path

from wsco.audits.views import audit, public, verification

app_name = "audits"

urlpatterns = [
    path("cities/<slug:slug>/", public.city, name="city"),
    path("audits/<int:pk>/", audit.audit, name="audit"),
    path("audits/<int:pk>/team/", verification.team, name="team"),
    path(
        "audits/<int:pk>/team/<int:user_id>/remove/",
        verification.remove_auditor,
        name="remove_auditor",
    ),
    path("audits/<int:pk>/verification/", verification.verification, name="verification"),
    path(
        "audits/<int:pk>/verification/<str:kind>/<int:value_pk>/accept/",
        verification.accept_value,
        name="accept_value",
    ),
    path(
        "audits/<int:pk>/verification/<str:kind>/<int:value_pk>/query/",
        verification.raise_query,
        name="raise_query",
    ),
    path("audits/<int:pk>/sign/", verification.sign, name="sign"),
    path("audits/<int:pk>/queries/", verification.queries, name="queries"),
    path(
        "audits/<int:pk>/queries/<int:query_pk>/answer/",
        verification.answer_query,
        name="answer_query",
    ),
    path(
        "audits/<int:pk>/queries/<int:query_pk>/settle/",
        verification.settle_query,
        name="settle_query",
    ),
    path(
        "audits/<int:pk>/queries/<int:query_pk>/reopen/",
        verification.reopen_query,
        name="reopen_query",
    ),
    path(
        "audits/<int:pk>/start-verification/",
        verification.start_verification,
        name="start_verification",
    ),
    path("audits/<int:pk>/reopen/", verification.reopen, name="reopen"),
    path("audits/<int:pk>/publish/", verification.publish, name="publish"),
    path("audits/<int:pk>/withdraw/", verification.withdraw, name="withdraw"),
    path("audits/<int:pk>/correct/", verification.correct, name="correct"),
]
