"""The awards in the admin: editions with their categories and rubrics; the rest read only.

Nominations are screened on the staff queue (`/awards/<year>/screening/`), through the workflow;
the admin shows their state read-only. Votes, scores and placements are never edited by hand.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from wsco.awards import models
from wsco.awards.services import jury
from wsco.core.forms import CleanTextAdmin


class CategoryInline(CleanTextAdmin, admin.StackedInline):
    model = models.Category
    extra = 0
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("themes",)


class CriterionInline(CleanTextAdmin, admin.TabularInline):
    model = models.Criterion
    extra = 0


class AssignmentInline(CleanTextAdmin, admin.TabularInline):
    """The jury: a juror added here is seated through `assign_juror` (role, conflicts)."""

    model = models.JurorAssignment
    fk_name = "category"
    extra = 0
    fields = ("juror", "assigned_by", "assigned_at")
    readonly_fields = ("assigned_by", "assigned_at")
    autocomplete_fields = ("juror",)
    can_delete = False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.Edition)
class EditionAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ("year", "title", "nominations_open_at", "announce_at", "announced_at")
    readonly_fields = ("announced_at",)
    inlines = [CategoryInline]


@admin.register(models.Category)
class CategoryAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ("name", "edition", "nominee_kind", "blind", "membership_required")
    list_filter = ("edition", "nominee_kind")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("themes",)
    inlines = [CriterionInline, AssignmentInline]

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is not models.JurorAssignment:
            return super().save_formset(request, form, formset, change)
        # The admin's history message reads what the formset saved.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for row in formset.forms:
            juror = row.cleaned_data.get("juror") if row.has_changed() else None
            if juror is None:
                continue
            try:
                formset.new_objects.append(
                    jury.assign_juror(category=form.instance, juror=juror, by=request.user)
                )
            except ValidationError as error:
                self.message_user(request, f"{juror}: {' '.join(error.messages)}", messages.ERROR)
        return None


@admin.register(models.Nomination)
class NominationAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ("__str__", "nominator", "status", "created_at")
    list_filter = ("status", "category__edition")
    readonly_fields = (
        "category",
        "nominator",
        "project",
        "profile",
        "organization",
        "city",
        "status",
        "screening_reason",
        "screened_by",
        "screened_at",
    )


class ReadOnlyAdmin(CleanTextAdmin, admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.Exclusion)
class ExclusionAdmin(ReadOnlyAdmin):
    list_display = ("juror", "nomination", "reason", "detail", "created_at")
    list_filter = ("reason",)


@admin.register(models.DeclaredConflict)
class DeclaredConflictAdmin(ReadOnlyAdmin):
    list_display = ("juror", "edition", "organization", "person", "reason")


@admin.register(models.Placement)
class PlacementAdmin(ReadOnlyAdmin):
    list_display = ("category", "rank", "award", "nomination", "calibrated_score", "tie_break")


@admin.register(models.Score)
class ScoreAdmin(ReadOnlyAdmin):
    list_display = ("nomination", "juror", "criterion", "value")
    list_filter = ("nomination__category__edition",)


@admin.register(models.Vote)
class VoteAdmin(ReadOnlyAdmin):
    list_display = ("category", "voter", "nomination", "cast_at")
    list_filter = ("category__edition",)


@admin.register(models.Secondment)
class SecondmentAdmin(ReadOnlyAdmin):
    list_display = ("nomination", "seconder", "created_at")
    list_filter = ("nomination__category__edition",)
