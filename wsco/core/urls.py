from django.urls import path

from wsco.core import theme_views, views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("themes/", theme_views.themes, name="themes"),
    path("themes/<slug:slug>/", theme_views.theme, name="theme"),
    path("privacy/", views.privacy, name="privacy"),
    path("search/", views.search, name="search"),
    path("health/", views.health, name="health"),
    path("styleguide/", views.styleguide, name="styleguide"),
    # MEDIA_URL: every stored file, checked by its owning app (wsco.core.files).
    path("files/<path:name>", views.serve_file, name="file"),
    path("media/<path:name>", views.old_media_url, name="old_media_url"),
]
