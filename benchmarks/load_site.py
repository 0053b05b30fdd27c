"""The platform's settings and URLs plus one URL, /bench/bare/, for `benchmarks/load.py`.

gunicorn serves the platform with `DJANGO_SETTINGS_MODULE=benchmarks.load_site`: every setting
is the platform's own, and the URLs are the platform's with the bare view in front
(`benchmarks.directory.bare`, a tiny JsonResponse), so that the bare view goes through the same
server, workers and middleware as every page it is compared with.
"""

from django.urls import path

from wsco.settings import *  # noqa: F403

ROOT_URLCONF = __name__


def _urlpatterns() -> list:
    from benchmarks.directory import bare
    from wsco.urls import urlpatterns as platform

    return [path("bench/bare/", bare), *platform]


def __getattr__(name: str):
    # The URLs are built when Django first asks, after settings are loaded, not on import.
    if name == "urlpatterns":
        return _urlpatterns()
    raise AttributeError(name)
