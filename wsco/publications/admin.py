from django.contrib import admin

from wsco.publications.models import (
    Article,
    ArticleEvent,
    ArticleImage,
    Author,
    Byline,
    Issue,
    Post,
    Review,
    SearchTerm,
)


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "profile", "slug"]
    search_fields = ["name"]
    raw_id_fields = ["profile"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ["__str__", "date", "published_at", "pdf_generated"]
    list_filter = ["year"]


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 0
    raw_id_fields = ["author"]


class ArticleImageInline(admin.TabularInline):
    model = ArticleImage
    extra = 0


class ReviewInline(admin.TabularInline):
    model = Review
    extra = 0
    raw_id_fields = ["reviewer", "assigned_by"]


class ArticleEventInline(admin.TabularInline):
    model = ArticleEvent
    extra = 0
    readonly_fields = ["action", "by", "message", "visible_to_author", "at"]
    can_delete = False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "issue", "submitted_at", "published_at"]
    list_filter = ["status", "issue"]
    search_fields = ["title"]
    raw_id_fields = ["submitted_by"]
    filter_horizontal = ["themes"]
    inlines = [BylineInline, ArticleImageInline, ReviewInline, ArticleEventInline]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = [
        "article",
        "reviewer",
        "due_on",
        "recommendation",
        "submitted_at",
        "declined_at",
        "withdrawn_at",
    ]
    raw_id_fields = ["article", "reviewer", "assigned_by"]


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "published_at"]
    search_fields = ["title"]
    raw_id_fields = ["author", "created_by"]
    filter_horizontal = ["themes"]


@admin.register(SearchTerm)
class SearchTermAdmin(admin.ModelAdmin):
    """The search index, to look at: it is rebuilt from articles and posts when they change."""

    list_display = ["term", "article", "post"]
    search_fields = ["term"]
    list_select_related = ["article", "post"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
