"""Courses in the admin: outlines edited inline; enrolments and attempts read only."""

from django.contrib import admin

from wsco.core.forms import CleanTextAdmin
from wsco.courses import models


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


class LessonProgressInline(CleanTextAdmin, admin.TabularInline):
    model = models.LessonProgress
    extra = 0
    readonly_fields = ("lesson", "done_at")
    can_delete = False


@admin.register(models.Course)
class CourseAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ("title", "level", "language", "mode", "starts_on", "status", "seats_taken")
    list_filter = ("status", "level", "language", "mode")
    search_fields = ("title", "title_ro")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("themes", "instructors", "prerequisites")
    readonly_fields = ("seats_taken",)
    inlines = [ModuleInline]


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
    list_display = ("user", "course", "status", "enrolled_at", "completed_at")
    list_filter = ("status", "course")
    readonly_fields = [field.name for field in models.Enrolment._meta.fields]
    inlines = [LessonProgressInline]


@admin.register(models.QuizAttempt)
class QuizAttemptAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ("enrolment", "quiz", "number", "score", "passed")
    readonly_fields = [field.name for field in models.QuizAttempt._meta.fields]
