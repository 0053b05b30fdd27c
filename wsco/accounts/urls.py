from django.urls import path

from wsco.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.account_settings, name="settings"),
    path("language/", views.set_language, name="set_language"),
    path("data/", views.download_data, name="download_data"),
    path("delete/", views.delete_account_view, name="delete"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:token_id>/revoke/", views.revoke_token, name="revoke_token"),
    path("roles/", views.roles, name="roles"),
]
