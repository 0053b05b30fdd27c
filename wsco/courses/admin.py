"""Courses in the admin: outlines edited inline; enrolments and attempts read only."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wsco.core.forms import CleanTextAdmin
from wsco.courses import models, services


class ModuleInline(CleanTextAdmin, admin.TabularInline):
    model = models.Module
    extra = 0


class LessonInline(CleanTextAdmin, admin.StackedInline):
    model = models.Lesson
    extra = 0


class QuizInline(CleanTextAdmin, admin.TabularInline):
    model = models.Quiz
    extra = 0


class ChoiceInline(CleanTextAdmin, admin.TabularInline):
    model = models.Choice
    extra = 0


class CohortInline(CleanTextAdmin, admin.TabularInline):
    model = models.Cohort
    extra = 0
    readonly_fields = ("seats_taken",)


class LessonProgressInline(CleanTextAdmin, admin.TabularInline):
    model = models.LessonProgress
    extra = 0
    readonly_fields = ("lesson", "done_at")
    can_delete = False


@admin.register(models.Course)
class CourseAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ("title", "level", "language", "mode", "status")
    list_filter = ("status", "level", "language", "mode")
    search_fields = ("title", "title_ro")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("themes", "instructors", "prerequisites")
    readonly_fields = ("status",)
    inlines = [CohortInline, ModuleInline]
    actions = ["publish", "withdraw", "archive"]

    def _step(self, request, queryset, step: str) -> None:
        for course in queryset:
            try:
                services.change_course_status(course=course, step=step, by=request.user)
            except ValidationError as error:
                self.message_user(request, f"{course}: {' '.join(error.messages)}", messages.ERROR)

    @admin.action(description=_("Publish the selected courses"))
    def publish(self, request, queryset) -> None:
        self._step(request, queryset, "publish")

    @admin.action(description=_("Withdraw the selected courses to drafts"))
    def withdraw(self, request, queryset) -> None:
        self._step(request, queryset, "withdraw")

    @admin.action(description=_("Archive the selected courses"))
    def archive(self, request, queryset) -> None:
        self._step(request, queryset, "archive")


@admin.register(models.Module)
class ModuleAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ("title", "course", "position")
    inlines = [LessonInline, QuizInline]


@admin.register(models.Question)
class QuestionAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ("text", "quiz", "multiple")
    inlines = [ChoiceInline]


@admin.register(models.Enrolment)
class EnrolmentAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ("user", "course", "cohort", "status", "enrolled_at", "completed_at")
    list_filter = ("status", "course")
    readonly_fields = [field.name for field in models.Enrolment._meta.fields]
    inlines = [LessonProgressInline]


@admin.register(models.QuizAttempt)
class QuizAttemptAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ("enrolment", "quiz", "number", "score", "passed")
    readonly_fields = [field.name for field in models.QuizAttempt._meta.fields]


@admin.register(models.CourseReminder)
class CourseReminderAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ("enrolment", "kind", "due_on", "sent_at")
    list_filter = ("kind",)
    readonly_fields = [field.name for field in models.CourseReminder._meta.fields]
