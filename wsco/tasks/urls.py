from django.urls import path

from wsco.tasks import views

app_name = "tasks"
urlpatterns = [
    path("", views.staff_tasks, name="staff_tasks"),
    path("<uuid:task_id>/retry/", views.retry_task, name="retry"),
]
