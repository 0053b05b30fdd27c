"""The magazine under /magazine/ and the news under /news/ (one include at the site's root).

Each part is its own include, so that resolving any other URL tests two prefixes, not every
one of these patterns.
"""

from django.urls import include, path

from wsco.publications import feeds
from wsco.publications.views import editorial, reading

app_name = "publications"
magazine_patterns = [
    # The magazine, for readers.
    path("", reading.magazine, name="magazine"),
    path("search/", reading.search, name="search"),
    path("themes/<slug:slug>/", reading.theme, name="theme"),
    path("articles/<slug:slug>/", reading.article, name="article"),
    path("<int:volume>/<int:number>/", reading.issue, name="issue"),
    path("<int:volume>/<int:number>/pdf/", reading.issue_pdf, name="issue_pdf"),
    # The editorial workflow.
    path("submissions/", editorial.submissions, name="submissions"),
    path("submit/", editorial.submit, name="submit"),
    path("submissions/<int:pk>/", editorial.submission, name="submission"),
    path("submissions/<int:pk>/revise/", editorial.revise, name="revise"),
    path("submissions/<int:pk>/withdraw/", editorial.withdraw, name="withdraw"),
    path("submissions/<int:pk>/images/", editorial.images, name="images"),
    path("submissions/<int:pk>/assign/", editorial.assign_reviewer, name="assign"),
    path(
        "submissions/<int:pk>/reviewers/",
        editorial.reviewer_candidates,
        name="reviewer_candidates",
    ),
    path("submissions/<int:pk>/decide/", editorial.decide, name="decide"),
    path("submissions/<int:pk>/copy-edit/", editorial.copy_edit, name="copy_edit"),
    path("submissions/<int:pk>/place/", editorial.place, name="place"),
    path("reviews/<int:pk>/", editorial.review, name="review"),
    path("reviews/<int:pk>/decline/", editorial.decline_review, name="decline_review"),
    path(
        "reviews/<int:pk>/withdraw/",
        editorial.withdraw_reviewer,
        name="withdraw_reviewer",
    ),
    path("desk/", editorial.desk, name="desk"),
    path("issues/new/", editorial.edit_issue, name="issue_new"),
    path("issues/<int:pk>/edit/", editorial.edit_issue, name="issue_edit"),
    path("issues/<int:pk>/publish/", editorial.publish_issue, name="issue_publish"),
    path("issues/<int:pk>/pdf/", editorial.generate_pdf, name="issue_generate_pdf"),
]
news_patterns = [
    # News posts, authors and feeds.
    path("", reading.news, name="news"),
    path("new/", editorial.edit_post, name="post_new"),
    path("authors/", reading.authors, name="authors"),
    path("authors/<slug:slug>/", reading.author, name="author"),
    path("feed/", feeds.PublicationsFeed(), name="feed"),
    path("feed/themes/<slug:slug>/", feeds.ThemeFeed(), name="theme_feed"),
    path("feed/authors/<slug:slug>/", feeds.AuthorFeed(), name="author_feed"),
    path("<int:pk>/edit/", editorial.edit_post, name="post_edit"),
    path("<slug:slug>/", reading.post, name="post"),
]
urlpatterns = [
    path("magazine/", include(magazine_patterns)),
    path("news/", include(news_patterns)),
]
