"""The courses' URLs: the catalogue, a course, its lessons and quizzes, learners and staff."""

from django.urls import path

from wsco.courses import views

app_name = "courses"

urlpatterns = [
    path("courses/", views.course_list, name="list"),
    path("courses/mine/", views.my_learning, name="mine"),
    path("courses/report/", views.staff_report, name="report"),
    path("courses/report.csv", views.staff_report_csv, name="report_csv"),
    path("courses/<slug:slug>/", views.course_detail, name="course"),
    path("courses/<slug:slug>/enrol/", views.enrol, name="enrol"),
    path("courses/<slug:slug>/learners/", views.learners, name="learners"),
    path("courses/<slug:slug>/lessons/<int:lesson_id>/", views.lesson, name="lesson"),
    path(
        "courses/<slug:slug>/lessons/<int:lesson_id>/done/", views.lesson_done, name="lesson_done"
    ),
    path("courses/<slug:slug>/quizzes/<int:quiz_id>/", views.quiz, name="quiz"),
    path("courses/<slug:slug>/quizzes/<int:quiz_id>/start/", views.quiz_start, name="quiz_start"),
    path("courses/<slug:slug>/badge.json", views.open_badge, name="badge"),
    path("courses/<slug:slug>/profile/", views.profile_display, name="profile_display"),
    path("courses/<slug:slug>/renew/", views.renew, name="renew"),
]
