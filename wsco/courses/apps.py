"""The courses app's configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """Smart City courses: lessons, quizzes, learners' progress and their certificates."""

    name = "wsco.courses"
    label = "courses"
    verbose_name = _("Courses")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wsco.certificates.kinds import register_kind
        from wsco.core.files import register_reader
        from wsco.core.theme_offers import register_offer
        from wsco.courses import access, changes, profile, theme_offers
        from wsco.courses.models import Lesson
        from wsco.courses.notifications import KINDS
        from wsco.courses.services import CERTIFICATE_KIND
        from wsco.members.profile_actions import register_profile_action
        from wsco.notifications.kinds import register_kinds

        register_kind(
            CERTIFICATE_KIND,
            _("Smart City course"),
            description=_("A course of the World's Smart Cities Organization, completed."),
            subject_url=lambda course: course.get_absolute_url() if course.is_published else None,
        )
        register_reader(Lesson, "attachment", access.may_read_attachment)
        register_kinds(KINDS)
        register_offer(theme_offers.COURSES)
        changes.connect()
        register_profile_action(profile.CERTIFICATES)
