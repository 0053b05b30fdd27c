"""The magazine under /magazine/ and the news under /news/ (one include at the site's root)."""

from django.urls import path

from wsco.publications import feeds
from wsco.publications.views import editorial, reading

app_name = "publications"
urlpatterns = [
    # The magazine, for readers.
    path("magazine/", reading.magazine, name="magazine"),
    path("magazine/search/", reading.search, name="search"),
    path("magazine/themes/<slug:slug>/", reading.theme, name="theme"),
    path("magazine/articles/<slug:slug>/", reading.article, name="article"),
    path("magazine/<int:volume>/<int:number>/", reading.issue, name="issue"),
    path("magazine/<int:volume>/<int:number>/pdf/", reading.issue_pdf, name="issue_pdf"),
    # The editorial workflow.
    path("magazine/submissions/", editorial.submissions, name="submissions"),
    path("magazine/submit/", editorial.submit, name="submit"),
    path("magazine/submissions/<int:pk>/", editorial.submission, name="submission"),
    path("magazine/submissions/<int:pk>/revise/", editorial.revise, name="revise"),
    path("magazine/submissions/<int:pk>/withdraw/", editorial.withdraw, name="withdraw"),
    path("magazine/submissions/<int:pk>/images/", editorial.images, name="images"),
    path("magazine/submissions/<int:pk>/assign/", editorial.assign_reviewer, name="assign"),
    path("magazine/submissions/<int:pk>/decide/", editorial.decide, name="decide"),
    path("magazine/submissions/<int:pk>/copy-edit/", editorial.copy_edit, name="copy_edit"),
    path("magazine/submissions/<int:pk>/place/", editorial.place, name="place"),
    path("magazine/reviews/<int:pk>/", editorial.review, name="review"),
    path("magazine/reviews/<int:pk>/decline/", editorial.decline_review, name="decline_review"),
    path(
        "magazine/reviews/<int:pk>/withdraw/",
        editorial.withdraw_reviewer,
        name="withdraw_reviewer",
    ),
    path("magazine/desk/", editorial.desk, name="desk"),
    path("magazine/issues/new/", editorial.edit_issue, name="issue_new"),
    path("magazine/issues/<int:pk>/edit/", editorial.edit_issue, name="issue_edit"),
    path("magazine/issues/<int:pk>/publish/", editorial.publish_issue, name="issue_publish"),
    path("magazine/issues/<int:pk>/pdf/", editorial.generate_pdf, name="issue_generate_pdf"),
    # News posts, authors and feeds.
    path("news/", reading.news, name="news"),
    path("news/new/", editorial.edit_post, name="post_new"),
    path("news/authors/", reading.authors, name="authors"),
    path("news/authors/<slug:slug>/", reading.author, name="author"),
    path("news/feed/", feeds.PublicationsFeed(), name="feed"),
    path("news/feed/themes/<slug:slug>/", feeds.ThemeFeed(), name="theme_feed"),
    path("news/feed/authors/<slug:slug>/", feeds.AuthorFeed(), name="author_feed"),
    path("news/<int:pk>/edit/", editorial.edit_post, name="post_edit"),
    path("news/<slug:slug>/", reading.post, name="post"),
]
