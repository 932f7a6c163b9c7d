"""Writes on minutes: draft, circulate to attendees for comments, approve and lock. Versions are kept."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import User
from council.notices.outbox import dispatch_create
from meetings import permissions
from meetings.models import Meeting, Minutes, MinutesComment


def _check(actor: User, minutes: Minutes) -> None:
    if not permissions.can_manage_meeting(actor, minutes.meeting):
        raise PermissionDenied(_("Only the council's secretariat writes the minutes."))


@transaction.atomic
def minutes_save(*, actor: User, meeting: Meeting, body: str, based_on: int | None = None) -> Minutes:
    """Save a new version of the minutes; approved minutes are locked. `based_on`: the version the
    writer started from (0 for none); if someone saved another since, nothing is overwritten."""
    if not permissions.can_manage_meeting(actor, meeting):
        raise PermissionDenied(_("Only the council's secretariat writes the minutes."))
    meeting.refresh_from_db(fields=["status"])
    if meeting.status not in Meeting.HELD_STATUSES:
        raise ValidationError(_("Minutes are written once the meeting has been held."))
    minutes = Minutes.objects.select_for_update().filter(meeting=meeting).first()
    current = minutes.version if minutes is not None else 0
    if based_on is not None and based_on != current:
        raise ValidationError(
            _(
                "Someone saved version %(version)d of the minutes after you opened them. Copy your text, "
                "reload the page to see theirs, then save again."
            )
            % {"version": current}
        )
    if minutes is None:
        minutes = Minutes(meeting=meeting, body=body, version=1)
        minutes.full_clean()
        minutes.save()
        return minutes
    if minutes.is_locked:
        raise ValidationError(_("Approved minutes are locked and cannot be changed."))
    if minutes.body == body:
        return minutes
    minutes.body = body
    minutes.version += 1
    minutes.full_clean()
    minutes.save()
    return minutes


@transaction.atomic
def minutes_circulate(*, actor: User, minutes: Minutes, comments_until: date) -> Minutes:
    """Send the draft to the attendees, who may comment until the given date."""
    _check(actor, minutes)
    if minutes.is_locked:
        raise ValidationError(_("Approved minutes are locked and cannot be changed."))
    if not minutes.body.strip():
        raise ValidationError({"body": _("Write the minutes before circulating them.")})
    if comments_until < timezone.localdate():
        raise ValidationError({"comments_until": _("The comment period cannot end in the past.")})
    minutes.status = Minutes.Status.CIRCULATED
    minutes.comments_until = comments_until
    minutes.circulated_at = timezone.now()
    minutes.save()
    dispatch_create(
        kind="minutes.circulated",
        subject_key=f"meetings.minutes:{minutes.pk}",
        revision=minutes.version,
        council=minutes.meeting.council,
    )
    return minutes


@transaction.atomic
def minutes_comment_add(*, actor: User, minutes: Minutes, body: str) -> MinutesComment:
    if not permissions.can_comment_on_minutes(actor, minutes):
        raise PermissionDenied(_("Only attendees comment on circulated minutes."))
    if minutes.comments_until and minutes.comments_until < timezone.localdate():
        raise ValidationError(_("The comment period has ended."))
    if not body.strip():
        raise ValidationError({"body": _("Write your comment.")})
    return MinutesComment.objects.create(
        minutes=minutes, author=actor, version=minutes.version, body=body.strip()
    )


@transaction.atomic
def minutes_approve(*, actor: User, minutes: Minutes) -> Minutes:
    """Approve and lock the minutes; the meeting is then closed."""
    _check(actor, minutes)
    if minutes.is_locked:
        return minutes
    if not minutes.has_text:
        raise ValidationError({"body": _("Empty minutes cannot be approved.")})
    minutes.status = Minutes.Status.APPROVED
    minutes.approved_at = timezone.now()
    minutes.approved_by = actor
    minutes.save()
    Meeting.objects.filter(pk=minutes.meeting_id).update(status=Meeting.Status.MINUTES_APPROVED)
    minutes.meeting.status = Meeting.Status.MINUTES_APPROVED
    return minutes
