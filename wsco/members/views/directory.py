"""Pages of the members app: the directory, member profiles and organizations."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from wsco.members.models import Organization, Profile


def directory(request: HttpRequest) -> HttpResponse:
    """List the members the visitor may see."""
    profiles = Profile.objects.visible_to(request.user).select_related("organization")[:20]
    return render(request, "members/directory.html", {"profiles": profiles})


def organizations(request: HttpRequest) -> HttpResponse:
    """List the organizations."""
    return render(
        request, "members/organizations.html", {"organizations": Organization.objects.all()[:20]}
    )


def organization(request: HttpRequest, slug: str) -> HttpResponse:
    """Show an organization."""
    return render(
        request,
        "members/organization.html",
        {"organization": get_object_or_404(Organization, slug=slug)},
    )


def profile(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a member's profile, if the visitor may see it."""
    found = Profile.objects.visible_to(request.user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return render(request, "members/profile.html", {"profile": found})


@login_required
def edit_profile(request: HttpRequest) -> HttpResponse:
    """Edit one's own profile."""
    return render(request, "members/home.html")
