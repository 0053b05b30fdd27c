"""The audits app's pages: cities, audits, data entry, verification, results and open data."""

from django.urls import path

from wsco.audits.views import audit, entry, public

app_name = "audits"

urlpatterns = [
    path("cities/<slug:slug>/", public.city, name="city"),
    path("audits/<int:pk>/", audit.audit, name="audit"),
    path("cities/<slug:slug>/officials/", entry.officials, name="officials"),
    path("audits/new/", entry.new_audit, name="new_audit"),
    path("audits/<int:pk>/data/", entry.entry, name="entry"),
    path("audits/<int:pk>/data/<slug:theme>/", entry.entry_theme, name="entry_theme"),
    path("audits/<int:pk>/submit/", entry.submit, name="submit"),
    path("audits/<int:pk>/template.xlsx", entry.template_xlsx, name="template"),
    path("audits/<int:pk>/import/", entry.import_file, name="import"),
    path("audits/<int:pk>/import/<str:token>/", entry.import_progress, name="import_progress"),
]
