"""The task backend's rows in the admin, with their lease; the effects tasks did."""

from django.contrib import admin
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from wsco.tasks.models import TaskEffect, TaskLease


class TaskLeaseInline(admin.StackedInline):
    model = TaskLease
    can_delete = False
    extra = 0
    readonly_fields = [
        "attempts",
        "worker_id",
        "expires_at",
        "renewed_at",
        "requeued_at",
    ]

    def has_add_permission(self, request, obj=None):
        return False


class TaskResultAdmin(DBTaskResultAdmin):
    """The library's read-only view of tasks, with each task's lease."""

    inlines = [TaskLeaseInline]


admin.site.unregister(DBTaskResult)
admin.site.register(DBTaskResult, TaskResultAdmin)


@admin.register(TaskEffect)
class TaskEffectAdmin(admin.ModelAdmin):
    list_display = ["task_id", "key", "done_at"]
    search_fields = ["task_id", "key"]
    date_hierarchy = "done_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # A record says an effect is done: changing it would let a rerun repeat the effect.
        return False
