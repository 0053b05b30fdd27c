from django.contrib import admin

from wsco.core.forms import CleanTextAdmin
from wsco.publications import services
from wsco.publications.models import (
    Article,
    ArticleEvent,
    ArticleImage,
    Author,
    Byline,
    Issue,
    Post,
    Review,
)


@admin.register(Author)
class AuthorAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["name", "profile", "slug"]
    search_fields = ["name"]
    raw_id_fields = ["profile"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Issue)
class IssueAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["__str__", "date", "published_at", "pdf_generated"]
    list_filter = ["year"]
    # Publication is a workflow step, taken on the editors' pages (it publishes the articles).
    readonly_fields = ["published_at"]


class BylineInline(CleanTextAdmin, admin.TabularInline):
    model = Byline
    extra = 0
    raw_id_fields = ["author"]


class ArticleImageInline(CleanTextAdmin, admin.TabularInline):
    model = ArticleImage
    extra = 0


# How a review ended is written by its workflow's steps only.
REVIEW_STATE_FIELDS = ["submitted_at", "declined_at", "withdrawn_at"]


class ReviewInline(CleanTextAdmin, admin.TabularInline):
    model = Review
    extra = 0
    raw_id_fields = ["reviewer", "assigned_by"]
    readonly_fields = REVIEW_STATE_FIELDS


class ArticleEventInline(CleanTextAdmin, admin.TabularInline):
    model = ArticleEvent
    extra = 0
    readonly_fields = ["action", "by", "message", "visible_to_author", "at"]
    can_delete = False


@admin.register(Article)
class ArticleAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["title", "status", "issue", "submitted_at", "published_at"]
    list_filter = ["status", "issue"]
    search_fields = ["title"]
    raw_id_fields = ["submitted_by"]
    filter_horizontal = ["themes"]
    # The status moves only through the editorial workflow's steps, on the editors' pages.
    readonly_fields = ["status", "published_at"]
    inlines = [BylineInline, ArticleImageInline, ReviewInline, ArticleEventInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the bylines: the search document carries the authors' names.
        services.index_article(article=form.instance)


@admin.register(Review)
class ReviewAdmin(CleanTextAdmin, admin.ModelAdmin):
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
    readonly_fields = REVIEW_STATE_FIELDS


@admin.register(Post)
class PostAdmin(CleanTextAdmin, admin.ModelAdmin):
    list_display = ["title", "author", "published_at"]
    search_fields = ["title"]
    raw_id_fields = ["author", "created_by"]
    filter_horizontal = ["themes"]
    # Published and unpublished through the news post form's workflow steps.
    readonly_fields = ["published_at"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.index_post(post=form.instance)
