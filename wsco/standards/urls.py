"""The standards app's pages: the library, the register, a city's obligations, the staff's forms."""

from django.urls import path

from wsco.standards.views import public, staff

app_name = "standards"

urlpatterns = [
    path("standards/", public.standards, name="standards"),
    path("standards/new/", staff.edit_standard, name="new_standard"),
    path("standards/<slug:slug>/", public.standard, name="standard"),
    path("standards/<slug:slug>/edit/", staff.edit_standard, name="edit_standard"),
    path("standards/<slug:slug>/editions/new/", staff.add_edition, name="add_edition"),
    path("standards/<slug:slug>/follow/", public.follow_standard, name="follow_standard"),
    path("editions/<int:pk>/withdraw/", staff.withdraw_edition, name="withdraw_edition"),
    path("legislation/", public.legislation, name="legislation"),
    path("legislation/export.csv", public.export_csv, name="export_csv"),
    path("legislation/acts/new/", staff.edit_adoption, name="new_adoption"),
    path("legislation/acts/<int:pk>/", public.adoption, name="adoption"),
    path("legislation/acts/<int:pk>/edit/", staff.edit_adoption, name="edit_adoption"),
    path("legislation/acts/<int:pk>/status/", staff.change_status, name="change_status"),
    path("legislation/<str:code>/", public.country, name="country"),
    path("legislation/<str:code>/follow/", public.follow_country, name="follow_country"),
    path("cities/<slug:slug>/obligations/", public.obligations, name="obligations"),
]
