from django.urls import path

from wsco.certificates import views

app_name = "certificates"
urlpatterns = [
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("verify/<str:code>/pdf/", views.verify_pdf, name="verify_pdf"),
    path("staff/certificates/", views.staff_certificates, name="staff_certificates"),
    path("staff/certificates/<str:code>/revoke/", views.revoke, name="revoke"),
]
