"""The courses' URLs: the catalogue, a course, its lessons and quizzes, learners, staff, and the
authoring pages under `/courses/<slug>/edit/`."""

from django.urls import path

from wsco.courses.views import authoring, learning

app_name = "courses"

EDIT = "courses/<slug:slug>/edit/"

urlpatterns = [
    path("courses/", learning.course_list, name="list"),
    path("courses/new/", authoring.new_course, name="new"),
    path("courses/mine/", learning.my_learning, name="mine"),
    path("courses/report/", learning.staff_report, name="report"),
    path("courses/report.csv", learning.staff_report_csv, name="report_csv"),
    path("courses/<slug:slug>/", learning.course_detail, name="course"),
    path("courses/<slug:slug>/enrol/", learning.enrol, name="enrol"),
    path("courses/<slug:slug>/learners/", learning.learners, name="learners"),
    path("courses/<slug:slug>/lessons/<int:lesson_id>/", learning.lesson, name="lesson"),
    path(
        "courses/<slug:slug>/lessons/<int:lesson_id>/done/",
        learning.lesson_done,
        name="lesson_done",
    ),
    path("courses/<slug:slug>/quizzes/<int:quiz_id>/", learning.quiz, name="quiz"),
    path(
        "courses/<slug:slug>/quizzes/<int:quiz_id>/start/", learning.quiz_start, name="quiz_start"
    ),
    path("courses/<slug:slug>/badge.json", learning.open_badge, name="badge"),
    path("courses/<slug:slug>/profile/", learning.profile_display, name="profile_display"),
    path("courses/<slug:slug>/renew/", learning.renew, name="renew"),
    # Authoring: the course's instructors and staff.
    path(EDIT, authoring.edit_course, name="edit"),
    path(EDIT + "preview/", authoring.preview, name="preview"),
    path(EDIT + "status/", authoring.change_status, name="change_status"),
    path(EDIT + "cohorts/new/", authoring.cohort, name="new_cohort"),
    path(EDIT + "cohorts/<int:cohort_id>/", authoring.cohort, name="edit_cohort"),
    path(EDIT + "modules/new/", authoring.module, name="new_module"),
    path(EDIT + "modules/<int:module_id>/", authoring.module, name="edit_module"),
    path(EDIT + "modules/<int:module_id>/move/", authoring.move_module, name="move_module"),
    path(EDIT + "modules/<int:module_id>/lessons/new/", authoring.new_lesson, name="new_lesson"),
    path(EDIT + "modules/<int:module_id>/quizzes/new/", authoring.new_quiz, name="new_quiz"),
    path(EDIT + "lessons/<int:lesson_id>/", authoring.edit_lesson, name="edit_lesson"),
    path(EDIT + "lessons/<int:lesson_id>/move/", authoring.move_lesson, name="move_lesson"),
    path(EDIT + "quizzes/<int:quiz_id>/", authoring.edit_quiz, name="edit_quiz"),
    path(
        EDIT + "quizzes/<int:quiz_id>/questions/new/",
        authoring.new_question,
        name="new_question",
    ),
    path(EDIT + "questions/<int:question_id>/", authoring.edit_question, name="edit_question"),
]
