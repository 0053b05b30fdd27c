"""The audits app's pages: cities, audits, data entry, verification, results and open data."""

from django.urls import path

from wsco.audits.views import audit, public
from wsco.audits.views import report as report_views

app_name = "audits"

urlpatterns = [
    path("cities/<slug:slug>/", public.city, name="city"),
    path("audits/<int:pk>/", audit.audit, name="audit"),
    path("audits/<int:pk>/report.pdf", report_views.report_pdf, name="report"),
]
