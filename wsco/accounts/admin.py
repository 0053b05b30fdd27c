"""The admin for accounts: people with their roles, API tokens (read-only), groups and sites."""

import allauth.account.admin  # noqa: F401  (registers EmailAddress, re-registered below)
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.contrib.sites.models import Site
from django.utils.translation import gettext_lazy as _

from wsco.accounts import services
from wsco.accounts.models import ApiToken, RoleGrant, User
from wsco.core.forms import CleanTextAdmin, CleanTextMixin, with_clean_text

# Only a superuser makes someone staff or a superuser, or changes permissions.
SUPERUSER_ONLY_FIELDS = ("is_staff", "is_superuser", "groups", "user_permissions")


class RoleGrantInline(CleanTextAdmin, admin.TabularInline):
    """Roles given to the person; added and removed through the accounts services."""

    model = RoleGrant
    fk_name = "user"
    extra = 0
    fields = ["role", "granted_by", "granted_at"]
    readonly_fields = ["granted_by", "granted_at"]

    def has_change_permission(self, request, obj=None):
        # A grant is given or taken away, never edited into another role.
        return False

    def has_add_permission(self, request, obj=None):
        return request.user.is_staff

    def has_delete_permission(self, request, obj=None):
        return request.user.is_staff


class ApiTokenInline(CleanTextAdmin, admin.TabularInline):
    model = ApiToken
    extra = 0
    fields = ["name", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class UserCreationForm(CleanTextMixin, AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email"]


class UserEditForm(CleanTextMixin, UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    ordering = ["email"]
    list_display = ["email", "is_staff", "is_active", "language", "date_joined", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "role_grants__role", "language"]
    search_fields = ["email"]
    readonly_fields = ["date_joined", "last_login"]
    inlines = [RoleGrantInline, ApiTokenInline]
    fieldsets = [
        (None, {"fields": ["email", "password", "language"]}),
        (_("Permissions"), {"fields": ["is_active", *SUPERUSER_ONLY_FIELDS]}),
        (_("Dates"), {"fields": ["date_joined", "last_login"]}),
    ]
    add_fieldsets = [
        (
            None,
            {"classes": ["wide"], "fields": ["email", "usable_password", "password1", "password2"]},
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += SUPERUSER_ONLY_FIELDS
        return fields

    def save_formset(self, request, form, formset, change):
        """Give and take away roles through the services, so that each change is recorded."""
        if formset.model is not RoleGrant:
            return super().save_formset(request, form, formset, change)
        user = form.instance
        for grant in formset.save(commit=False):
            services.grant_role(user=user, role=grant.role, by=request.user)
        for grant in formset.deleted_objects:
            services.revoke_role(user=user, role=grant.role, by=request.user)
        return None


@admin.register(ApiToken)
class ApiTokenAdmin(CleanTextAdmin, admin.ModelAdmin):
    """Tokens are created by their owners; staff may only look and revoke."""

    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__email"]
    list_select_related = ["user"]
    readonly_fields = [
        "user",
        "name",
        "prefix",
        "digest",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # The change page only shows the token; nothing on it is editable.
        return request.user.is_staff and request.method in {"GET", "HEAD"}

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        for token in queryset.filter(revoked_at__isnull=True):
            services.revoke_api_token(token=token, by=request.user)


# The admins of the libraries' models (groups, sites, email addresses) clean their text too.
for model in (Group, Site, EmailAddress):
    library_admin = type(admin.site.get_model_admin(model))
    admin.site.unregister(model)
    admin.site.register(model, with_clean_text(library_admin))
