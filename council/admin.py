from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from council.models import Council, CouncilRole, Dispatch, Notice, User


class CouncilRoleInline(admin.TabularInline):
    model = CouncilRole
    extra = 0
    autocomplete_fields = ["council"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "name", "email", "language", "is_active", "is_superuser", "last_login"]
    search_fields = ["username", "name", "email"]
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), (_("Portal"), {"fields": ("name", "language")}))
    inlines = [CouncilRoleInline]


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "parent", "region", "is_public", "is_active"]
    list_filter = ["is_public", "is_active"]
    search_fields = ["name", "name_en", "short_name", "region"]
    prepopulated_fields = {"slug": ["short_name"]}
    autocomplete_fields = ["parent"]


@admin.register(CouncilRole)
class CouncilRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "council", "kind", "granted_at"]
    list_filter = ["kind", "council"]
    search_fields = ["user__username", "user__name", "council__name"]
    autocomplete_fields = ["user", "council"]


class NoticeInline(admin.TabularInline):
    model = Notice
    extra = 0
    fields = ("email", "name", "status", "attempts", "sent_at", "last_error")
    readonly_fields = fields
    can_delete = False


@admin.register(Dispatch)
class DispatchAdmin(admin.ModelAdmin):
    list_display = ["kind", "subject_key", "revision", "council", "created_at", "expanded_at"]
    list_filter = ["kind", "council"]
    search_fields = ["subject_key"]
    readonly_fields = ["kind", "subject_key", "revision", "council", "payload", "created_at", "expanded_at"]
    inlines = [NoticeInline]

    def has_delete_permission(self, request: HttpRequest, obj: Dispatch | None = None) -> bool:
        return False  # what was announced to whom stays on record (and in the recipients' counters)
