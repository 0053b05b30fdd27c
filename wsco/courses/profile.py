"""The course certificates a learner chose to show on their public profile page."""

from wsco.core.compiled_query import CompiledQuery
from wsco.courses.changes import COURSES, learner_data_set
from wsco.courses.models import Enrolment, EnrolmentStatus
from wsco.members.profile_actions import ProfileAction


def _shown_enrolments(user_id: int):
    return Enrolment.objects.filter(
        user_id=user_id,
        status=EnrolmentStatus.COMPLETED,
        show_on_profile=True,
        certificate__isnull=False,
    )


# Most people show none: asked first, compiled once, it spares building the whole query.
_SHOWS_ANY = CompiledQuery(lambda user_id: _shown_enrolments(user_id).values_list("pk")[:1])


def _context(request, profile) -> dict | None:
    if not _SHOWS_ANY.rows(user_id=profile.user_id):
        return None
    enrolments = list(_shown_enrolments(profile.user_id).select_related("course", "certificate"))
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
