"""Admin for the secretariat's bulk work on the directory; writes keep their audit history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from members.models import Institution, InstitutionContact, Membership, Person


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["council", "person", "role", "route", "position", "term_start", "term_end"]
    autocomplete_fields = ["council", "person"]


@admin.register(Institution)
class InstitutionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "sector", "region", "registered_by", "is_active"]
    list_filter = ["kind", "sector", "is_active", "registered_by"]
    search_fields = ["name", "name_en", "region", "business_registration_number"]
    autocomplete_fields = ["registered_by"]
    inlines = [MembershipInline]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "title", "institution", "email", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "name_en", "email", "institution__name"]
    autocomplete_fields = ["institution", "user"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["council", "institution", "person", "role", "route", "term_start", "term_end"]
    list_filter = ["council", "role", "route"]
    search_fields = ["institution__name", "person__name", "position"]
    autocomplete_fields = ["council", "institution", "person"]
    date_hierarchy = "term_end"


@admin.register(InstitutionContact)
class InstitutionContactAdmin(admin.ModelAdmin):
    list_display = ["user", "institution", "granted_at"]
    search_fields = ["user__username", "user__name", "institution__name"]
    autocomplete_fields = ["user", "institution"]
