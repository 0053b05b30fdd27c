"""The task backend's rows in the admin, with their lease and a retry; the effects done."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from wsco.core.forms import CleanTextAdmin
from wsco.tasks import services
from wsco.tasks.models import TaskEffect, TaskLease


class TaskLeaseInline(CleanTextAdmin, admin.StackedInline):
    model = TaskLease
    can_delete = False
    extra = 0
    readonly_fields = [
        "attempts",
        "worker_id",
        "expires_at",
        "renewed_at",
        "requeued_at",
        "retried_by",
        "retried_at",
    ]

    def has_add_permission(self, request, obj=None):
        return False


class TaskResultAdmin(CleanTextAdmin, DBTaskResultAdmin):
    """The library's read-only view of tasks, with the lease and the staff page's retry."""

    inlines = [TaskLeaseInline]
    actions = ["retry"]

    @admin.action(description=_("Retry the selected failed or lost tasks"))
    def retry(self, request, queryset):
        for task in queryset:
            try:
                services.retry_task(task=task, by=request.user)
            except ValidationError as error:
                self.message_user(request, f"{task.pk}: {' '.join(error.messages)}", messages.ERROR)
            else:
                self.message_user(request, _("%(task)s is queued again.") % {"task": task.pk})


admin.site.unregister(DBTaskResult)
admin.site.register(DBTaskResult, TaskResultAdmin)


@admin.register(TaskEffect)
class TaskEffectAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["task_id", "key", "done_at"]
    search_fields = ["task_id", "key"]
    date_hierarchy = "done_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # A record says an effect is done: changing it would let a rerun repeat the effect.
        return False
