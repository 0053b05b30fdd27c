"""Values every template can use."""

from django.conf import settings


def site(request):
    """Return the site URL and the signed-in person's member profile, if any."""
    return {"SITE_URL": settings.SITE_URL}
