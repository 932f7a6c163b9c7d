"""Writes on follow-up actions: decided at a meeting, updated by the responsible institution."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import User
from meetings import permissions
from meetings.models import ActionComment, ActionItem, AgendaItem, Meeting
from members.models import Institution


@transaction.atomic
def action_create(
    *,
    actor: User,
    meeting: Meeting,
    title: str,
    assignee: Institution,
    due_on: date | None = None,
    description: str = "",
    agenda_item: AgendaItem | None = None,
) -> ActionItem:
    """Record a follow-up action decided at a meeting."""
    if not permissions.can_manage_meeting(actor, meeting):
        raise PermissionDenied(_("Only the council's secretariat records follow-up actions."))
    if not meeting.takes_follow_up_actions:
        raise ValidationError(_("Follow-up actions are recorded from the meeting's day on."))
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("Choose an item of this meeting's agenda.")})
    action = ActionItem(
        council_id=meeting.council_id,
        meeting=meeting,
        agenda_item=agenda_item,
        title=title,
        description=description,
        assignee=assignee,
        due_on=due_on,
    )
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_update(
    *,
    actor: User,
    action: ActionItem,
    status: str | None = None,
    comment: str = "",
    due_on: date | None = None,
    assignee: Institution | None = None,
) -> ActionItem:
    """Report progress (status and a note); only the secretariat changes the due date or assignee."""
    if not permissions.can_update_action(actor, action):
        raise PermissionDenied(
            _("Only the secretariat or the responsible institution can update this action.")
        )
    manages = permissions.can_manage_action(actor, action)
    if (due_on is not None and due_on != action.due_on) or (
        assignee is not None and assignee != action.assignee
    ):
        if not manages:
            raise PermissionDenied(
                _("Only the secretariat changes the due date or the responsible institution.")
            )
        action.due_on = due_on if due_on is not None else action.due_on
        action.assignee = assignee if assignee is not None else action.assignee
    if status is not None and status != action.status:
        if status not in ActionItem.Status.values:
            raise ValidationError({"status": _("Choose a valid status.")})
        if status == ActionItem.Status.DROPPED and not manages:
            raise PermissionDenied(_("Only the secretariat can drop an action."))
        action.status = status
        action.closed_at = (
            timezone.now() if status in {ActionItem.Status.DONE, ActionItem.Status.DROPPED} else None
        )
    action.full_clean()
    action.save()
    if comment.strip():
        ActionComment.objects.create(action=action, author=actor, body=comment.strip())
    return action
