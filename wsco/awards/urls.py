"""The awards' URLs: editions and categories, nominations, screening, the jury, the vote.

The fixed words under `awards/<year>/` (screening, conflicts) come before a category's slug,
so no category may use them as its slug.
"""

from django.urls import path

from wsco.awards import views

app_name = "awards"

urlpatterns = [
    path("awards/", views.edition_list, name="list"),
    path("awards/mine/", views.my_nominations, name="mine"),
    path("awards/nominations/<int:pk>/", views.nomination_detail, name="nomination"),
    path("awards/nominations/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("awards/nominations/<int:pk>/screen/", views.screen, name="screen"),
    path("awards/nominations/<int:pk>/score/", views.score, name="score"),
    path("awards/nominations/<int:pk>/recuse/", views.recuse, name="recuse"),
    path(
        "awards/secondments/<int:pk>/withdraw/",
        views.withdraw_secondment,
        name="withdraw_secondment",
    ),
    path("awards/<int:year>/", views.edition_detail, name="edition"),
    path("awards/<int:year>/screening/", views.screening_queue, name="screening"),
    path("awards/<int:year>/conflicts/", views.conflicts, name="conflicts"),
    path("awards/<int:year>/<slug:slug>/", views.category_detail, name="category"),
    path("awards/<int:year>/<slug:slug>/nominate/", views.nominate, name="nominate"),
    path("awards/<int:year>/<slug:slug>/second/", views.second, name="second"),
    path("awards/<int:year>/<slug:slug>/vote/", views.vote, name="vote"),
    path("awards/<int:year>/<slug:slug>/jurors/", views.jurors, name="jurors"),
    path(
        "awards/<int:year>/<slug:slug>/jurors/<int:user_id>/remove/",
        views.unseat,
        name="unseat",
    ),
    path("awards/<int:year>/<slug:slug>/jury/", views.jury_list, name="jury"),
    path("awards/<int:year>/<slug:slug>/report/", views.score_report, name="report"),
    path("awards/<int:year>/<slug:slug>/report.csv", views.score_report_csv, name="report_csv"),
]
