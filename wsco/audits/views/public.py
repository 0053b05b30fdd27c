"""Public pages of the audits: a city and its published audits."""

from django.shortcuts import render

from wsco.audits.access import get_city, readable_audits


def city(request, slug: str):
    """A city's facts and the audits of it the reader may see, newest first."""
    place = get_city(slug)
    audits = readable_audits(request.user).filter(city=place).order_by("-year", "-version")
    return render(request, "audits/city.html", {"city": place, "audits": audits})
