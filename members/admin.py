"""Admin for the secretariat's bulk work on the directory and submissions; scoped by the same rules."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from council.admin_access import RoleScopedAdmin
from council.permissions import managed_councils
from members.agreements.permissions import agreements_visible_to, can_change_agreement
from members.difficulties.permissions import can_edit_difficulty, difficulties_visible_to
from members.directory.permissions import (
    can_change_institution,
    can_change_person,
    can_manage_memberships,
    institutions_visible_to,
    memberships_visible_to,
    people_visible_to,
)
from members.models import (
    Agreement,
    AgreementArea,
    BestPractice,
    BestPracticeDocument,
    BestPracticeFigure,
    Difficulty,
    DifficultyEvent,
    Institution,
    InstitutionContact,
    Membership,
    Person,
)
from members.practices.permissions import best_practices_visible_to, can_edit_best_practice


def _membership_changeable(user: Any, membership: Membership) -> bool:
    return can_manage_memberships(user, membership.council)


@admin.register(Institution)
class InstitutionAdmin(RoleScopedAdmin, SimpleHistoryAdmin):
    visible = staticmethod(institutions_visible_to)
    can_change = staticmethod(can_change_institution)
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
    visible = staticmethod(people_visible_to)
    can_change = staticmethod(can_change_person)
    list_display = ["name", "title", "institution", "email", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "name_en", "email", "institution__name"]
    autocomplete_fields = ["institution", "user"]


@admin.register(Membership)
class MembershipAdmin(RoleScopedAdmin, SimpleHistoryAdmin):
    visible = staticmethod(memberships_visible_to)
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


# Member submissions. Their workflows (submit, review, assign, answer) send notices, so the admin
# shows status and dates read-only and leaves the steps to the pages and the API.


class WorkflowAdmin(RoleScopedAdmin):
    """New items start on the pages, where the right people are told about them."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


class BestPracticeFigureInline(admin.TabularInline):
    model = BestPracticeFigure
    extra = 0


class BestPracticeDocumentInline(admin.TabularInline):
    model = BestPracticeDocument
    extra = 0
    fields = readonly_fields = ("name", "type_label", "size", "uploaded_by", "uploaded_at")
    can_delete = False


@admin.register(BestPractice)
class BestPracticeAdmin(WorkflowAdmin):
    visible = staticmethod(best_practices_visible_to)
    can_change = staticmethod(can_edit_best_practice)
    list_display = ["title", "council", "institution", "category", "status", "published_at"]
    list_filter = ["status", "category", "council"]
    search_fields = ["title", "summary", "institution__name"]
    autocomplete_fields = ["institution", "partners"]
    readonly_fields = [
        "council",
        "status",
        "review_round",
        "review_comment",
        "created_by",
        "submitted_at",
        "reviewed_at",
        "published_at",
    ]
    inlines = [BestPracticeFigureInline, BestPracticeDocumentInline]


class DifficultyEventInline(admin.TabularInline):
    model = DifficultyEvent
    extra = 0
    fields = readonly_fields = (
        "created_at",
        "kind",
        "author",
        "author_institution",
        "status_from",
        "status_to",
        "body",
    )
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Difficulty)
class DifficultyAdmin(WorkflowAdmin):
    visible = staticmethod(difficulties_visible_to)
    can_change = staticmethod(can_edit_difficulty)
    list_display = ["title", "council", "institution", "kind", "category", "status", "assignee", "answer_due"]
    list_filter = ["status", "kind", "category", "council", "secretariat_only"]
    search_fields = ["title", "description", "institution__name"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "council",
        "institution",
        "raised_by",
        "status",
        "assignee",
        "answer_due",
        "first_answered_at",
        "closed_at",
        "close_reason",
        "created_at",
    ]
    inlines = [DifficultyEventInline]


class AgreementAreaInline(admin.TabularInline):
    model = AgreementArea
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(RoleScopedAdmin):
    visible = staticmethod(agreements_visible_to)
    can_change = staticmethod(can_change_agreement)
    list_display = ["title", "council", "signed_on", "valid_until"]
    list_filter = ["council"]
    search_fields = ["title", "summary", "signed_place", "parties__name"]
    autocomplete_fields = ["parties", "best_practices"]
    date_hierarchy = "signed_on"
    readonly_fields = ["created_by"]
    inlines = [AgreementAreaInline]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> type[ModelForm[Any]]:
        form = super().get_form(request, obj, change=change, **kwargs)
        if "council" in form.base_fields:
            form.base_fields["council"].queryset = managed_councils(request.user)  # type: ignore[attr-defined]
        return form
