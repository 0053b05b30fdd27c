"""The audits app's pages: cities, audits, data entry, verification, results and open data."""

from django.urls import path

from wsco.audits.views import audit, data, entry, public, verification
from wsco.audits.views import report as report_views

app_name = "audits"

urlpatterns = [
    # Before the city's page, whose slug would otherwise take "compare".
    path("cities/compare/", public.compare, name="compare"),
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
    path("cities/<slug:slug>/officials/", entry.officials, name="officials"),
    path("audits/new/", entry.new_audit, name="new_audit"),
    path("audits/<int:pk>/data/", entry.entry, name="entry"),
    path("audits/<int:pk>/data/<slug:theme>/", entry.entry_theme, name="entry_theme"),
    path("audits/<int:pk>/submit/", entry.submit, name="submit"),
    path("audits/<int:pk>/template.xlsx", entry.template_xlsx, name="template"),
    path("audits/<int:pk>/import/", entry.import_file, name="import"),
    path("audits/<int:pk>/import/<str:token>/", entry.import_progress, name="import_progress"),
    path("cities/", public.cities, name="cities"),
    path("rankings/", public.rankings_page, name="rankings"),
    path("data/", data.data, name="data"),
    path("data/values.csv", data.values_csv, name="values_csv"),
    path("data/values.json", data.values_json, name="values_json"),
    path("data/datapackage.json", data.datapackage, name="datapackage"),
    path("audits/<int:pk>/report.pdf", report_views.report_pdf, name="report"),
]
