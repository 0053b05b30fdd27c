"""Pages for joining and keeping a membership, and the staff's review queue."""

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in person's home: membership, applications, next steps."""
    return render(request, "members/home.html")


@login_required
def apply(request: HttpRequest) -> HttpResponse:
    """Apply for membership."""
    return render(request, "members/home.html")


@login_required
def application(request: HttpRequest, pk: int) -> HttpResponse:
    """Show one's own application."""
    raise Http404


@staff_member_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """The staff's queue of applications to decide."""
    return render(request, "members/home.html")
