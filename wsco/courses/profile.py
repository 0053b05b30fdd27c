"""The course certificates a learner chose to show on their public profile page."""

from wsco.courses.changes import COURSES, learner_data_set
from wsco.courses.models import Enrolment, EnrolmentStatus
from wsco.members.profile_actions import ProfileAction


def _context(request, profile) -> dict | None:
    enrolments = list(
        Enrolment.objects.filter(
            user_id=profile.user_id,
            status=EnrolmentStatus.COMPLETED,
            show_on_profile=True,
            certificate__isnull=False,
        ).select_related("course", "certificate")
    )
    if not enrolments:
        return None
    return {"enrolments": enrolments}


CERTIFICATES = ProfileAction(
    name="course_certificates",
    template="courses/profile_certificates.html",
    context=_context,
    order=200,
    data_sets=lambda user_id: [COURSES, learner_data_set(user_id)],
)
