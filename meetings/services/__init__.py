"""Every write of the meetings app, by topic. Each checks permission first and runs in a transaction."""

from meetings.services.actions import action_create, action_update
from meetings.services.agenda import (
    agenda_decision_record,
    agenda_document_add,
    agenda_document_delete,
    agenda_item_add,
    agenda_item_delete,
    agenda_item_update,
    agenda_reorder,
)
from meetings.services.calendars import calendar_feed_rotate
from meetings.services.invitations import (
    attendance_mark,
    ballot_cast,
    invitation_add_guest,
    invitation_remove,
    invitation_respond,
    invitations_add_members,
)
from meetings.services.meetings import (
    meeting_announce,
    meeting_cancel,
    meeting_copy,
    meeting_create,
    meeting_mark_held,
    meeting_next_number,
    meeting_update,
)
from meetings.services.minutes import minutes_approve, minutes_circulate, minutes_comment_add, minutes_save

__all__ = [
    "action_create",
    "action_update",
    "agenda_decision_record",
    "agenda_document_add",
    "agenda_document_delete",
    "agenda_item_add",
    "agenda_item_delete",
    "agenda_item_update",
    "agenda_reorder",
    "attendance_mark",
    "ballot_cast",
    "calendar_feed_rotate",
    "invitation_add_guest",
    "invitation_remove",
    "invitation_respond",
    "invitations_add_members",
    "meeting_announce",
    "meeting_cancel",
    "meeting_copy",
    "meeting_create",
    "meeting_mark_held",
    "meeting_next_number",
    "meeting_update",
    "minutes_approve",
    "minutes_circulate",
    "minutes_comment_add",
    "minutes_save",
]
