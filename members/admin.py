"""Admin for the secretariat's bulk work on the directory; writes keep their audit history."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from council.admin_access import RoleScopedAdmin
from council.permissions import managed_councils
from members import permissions
from members.models import Institution, InstitutionContact, Membership, Person


def _membership_changeable(user: Any, membership: Membership) -> bool:
    return permissions.can_manage_memberships(user, membership.council)


@admin.register(Institution)
class InstitutionAdmin(RoleScopedAdmin, SimpleHistoryAdmin):
    visible = staticmethod(permissions.institutions_visible_to)
    can_change = staticmethod(permissions.can_change_institution)
    list_display = ["name", "kind", "sector", "region", "registered_by", "is_active"]
    list_filter = ["kind", "sector", "is_active", "registered_by"]
    search_fields = ["name", "name_en", "region", "business_registration_number"]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> type[ModelForm[Any]]:
        form = super().get_form(request, obj, change=change, **kwargs)
        if not request.user.is_superuser:
            # Staff register institutions to a council they run, so they keep seeing them.
            field = form.base_fields["registered_by"]
            field.queryset = managed_councils(request.user)  # type: ignore[attr-defined]
            field.required = True
        return form


@admin.register(Person)
class PersonAdmin(RoleScopedAdmin, SimpleHistoryAdmin):
    visible = staticmethod(permissions.people_visible_to)
    can_change = staticmethod(permissions.can_change_person)
    list_display = ["name", "title", "institution", "email", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "name_en", "email", "institution__name"]
    autocomplete_fields = ["institution", "user"]


@admin.register(Membership)
class MembershipAdmin(RoleScopedAdmin, SimpleHistoryAdmin):
    visible = staticmethod(permissions.memberships_visible_to)
    can_change = staticmethod(_membership_changeable)
    list_display = ["council", "institution", "person", "role", "route", "term_start", "term_end"]
    list_filter = ["council", "role", "route"]
    search_fields = ["institution__name", "person__name", "position"]
    autocomplete_fields = ["institution", "person"]
    date_hierarchy = "term_end"

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> type[ModelForm[Any]]:
        form = super().get_form(request, obj, change=change, **kwargs)
        councils: QuerySet[Any] = managed_councils(request.user)
        form.base_fields["council"].queryset = councils  # type: ignore[attr-defined]
        return form


@admin.register(InstitutionContact)
class InstitutionContactAdmin(admin.ModelAdmin):
    list_display = ["user", "institution", "granted_at"]
    search_fields = ["user__username", "user__name", "institution__name"]
    autocomplete_fields = ["user", "institution"]
