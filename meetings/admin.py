"""Admin of meetings for site administrators; scoped and locked by the same rules as the pages."""

from typing import Any

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from council.admin_access import RoleScopedAdmin
from meetings import permissions
from meetings.models import ActionItem, AgendaItem, Invitation, Meeting, Minutes


def _meeting_changeable(user: Any, obj: Any) -> bool:
    meeting = obj if isinstance(obj, Meeting) else obj.meeting
    return permissions.can_manage_meeting(user, meeting)


def _meeting_closed(meeting: Meeting) -> bool:
    """Held or cancelled: the meeting itself no longer changes."""
    return meeting.status not in Meeting.OPEN_STATUSES


def _record_closed(obj: Any) -> bool:
    """Its decisions and attendance are final once the minutes are approved, or the meeting cancelled."""
    return obj.meeting.status in (Meeting.Status.MINUTES_APPROVED, Meeting.Status.CANCELLED)


def _minutes_locked(minutes: Minutes) -> bool:
    return minutes.is_locked


@admin.register(Meeting)
class MeetingAdmin(RoleScopedAdmin):
    visible = staticmethod(permissions.meetings_visible_to)
    can_change = staticmethod(_meeting_changeable)
    locked = staticmethod(_meeting_closed)
    list_display = ["__str__", "kind", "status", "starts_at", "venue"]
    list_filter = ["council", "status", "kind", "year"]
    search_fields = ["title", "venue"]
    date_hierarchy = "starts_at"
    readonly_fields = ["status", "sequence", "announced_at", "ical_uid"]
    raw_id_fields = ["chair", "copied_from"]


@admin.register(AgendaItem)
class AgendaItemAdmin(RoleScopedAdmin, SimpleHistoryAdmin):
    visible = staticmethod(permissions.agenda_items_visible_to)
    can_change = staticmethod(_meeting_changeable)
    locked = staticmethod(_record_closed)
    list_display = ["title", "meeting", "order", "kind", "decision"]
    list_filter = ["kind", "decision"]
    search_fields = ["title", "decision_text"]
    raw_id_fields = ["meeting", "presenter_person", "presenter_institution"]


@admin.register(Invitation)
class InvitationAdmin(RoleScopedAdmin):
    visible = staticmethod(permissions.invitations_visible_to)
    can_change = staticmethod(_meeting_changeable)
    locked = staticmethod(_record_closed)
    list_display = ["name", "meeting", "response", "attended", "is_guest"]
    list_filter = ["response", "attended", "is_guest"]
    search_fields = ["name", "email"]
    raw_id_fields = ["meeting", "membership", "institution", "person"]


@admin.register(ActionItem)
class ActionItemAdmin(RoleScopedAdmin, SimpleHistoryAdmin):
    visible = staticmethod(permissions.actions_visible_to)
    can_change = staticmethod(permissions.can_manage_action)
    list_display = ["title", "assignee", "due_on", "status", "meeting"]
    list_filter = ["status", "council"]
    search_fields = ["title"]
    raw_id_fields = ["meeting", "agenda_item", "assignee"]


@admin.register(Minutes)
class MinutesAdmin(RoleScopedAdmin, SimpleHistoryAdmin):
    visible = staticmethod(permissions.minutes_visible_to)
    can_change = staticmethod(_meeting_changeable)
    locked = staticmethod(_minutes_locked)
    list_display = ["meeting", "status", "version", "updated_at"]
    list_filter = ["status"]
    readonly_fields = ["status", "approved_at", "approved_by", "version"]
