from django.urls import path

from wsco.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.account_settings, name="settings"),
    path("tokens/", views.tokens, name="tokens"),
]
