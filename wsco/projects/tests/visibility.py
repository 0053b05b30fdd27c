"""Where the projects show people, for the visibility sweep
(wsco/members/tests/visibility_sweep.py).

A person is invited to the world's project, led by "member": the team's page lists the
invitation, by the name and details the viewer may see.
"""

from django.urls import reverse

from wsco.projects.models import Invitation, Project


def _invited(world, subject) -> list[str]:
    project = world[Project]
    Invitation.objects.create(project=project, profile=subject.profile, role="expert")
    return [reverse("projects:team", kwargs={"slug": project.slug})]


SHOWS_PEOPLE = {Invitation: _invited}
