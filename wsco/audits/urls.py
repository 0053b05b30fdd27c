"""The audits app's pages: cities, audits, data entry, verification, results and open data."""

from django.urls import path

from wsco.audits.views import audit, data, public

app_name = "audits"

urlpatterns = [
    # Before the city's page, whose slug would otherwise take "compare".
    path("cities/compare/", public.compare, name="compare"),
    path("cities/<slug:slug>/", public.city, name="city"),
    path("audits/<int:pk>/", audit.audit, name="audit"),
    path("cities/", public.cities, name="cities"),
    path("rankings/", public.rankings_page, name="rankings"),
    path("data/", data.data, name="data"),
    path("data/values.csv", data.values_csv, name="values_csv"),
    path("data/values.json", data.values_json, name="values_json"),
    path("data/datapackage.json", data.datapackage, name="datapackage"),
]
