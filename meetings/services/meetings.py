"""Writes on meetings themselves: create, number, change, copy, announce, hold, cancel."""

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from council.models import Council, User
from council.notices.outbox import dispatch_create
from council.services import assign_fields
from meetings import permissions
from meetings.models import AgendaItem, Invitation, Meeting, Vote
from meetings.selectors import minutes_to_approve_at, vote_tally

MEETING_FIELDS = (
    "title",
    "kind",
    "starts_at",
    "ends_at",
    "venue",
    "address",
    "online_url",
    "chair",
    "description",
    "quorum_override",
    "year",
    "number",
)
# Changing any of these after the announcement sends a change notice with the same calendar UID.
NOTIFIED_FIELDS = ("starts_at", "ends_at", "venue", "address", "online_url")


def _deny() -> PermissionDenied:
    return PermissionDenied(_("Only the council's secretariat can change its meetings."))


def meeting_next_number(*, council: Council, year: int) -> int:
    """The next free number of the council's meetings in a year (제N차)."""
    current = Meeting.objects.filter(council=council, year=year).aggregate(top=Max("number"))["top"]
    return (current or 0) + 1


def _check_number(meeting: Meeting, *, confirmed: bool) -> None:
    """A number beyond the next free one leaves a gap in the year's numbering: only on purpose."""
    if not meeting.year or not meeting.number:
        return
    others = Meeting.objects.filter(council_id=meeting.council_id, year=meeting.year).exclude(pk=meeting.pk)
    expected = (others.aggregate(top=Max("number"))["top"] or 0) + 1
    if meeting.number > expected and not confirmed:
        skipped = str(expected) if meeting.number == expected + 1 else f"{expected}–{meeting.number - 1}"
        raise ValidationError(
            {
                "number": ValidationError(
                    _(
                        "The next number in %(year)d is %(next)d: numbering this meeting %(number)d "
                        "leaves no. %(skipped)s unused. Confirm below if that is intended."
                    )
                    % {"year": meeting.year, "next": expected, "number": meeting.number, "skipped": skipped},
                    code="number_gap",
                )
            }
        )


def _default_year(meeting: Meeting) -> None:
    """Left empty, the year is that of the start, in Korea."""
    if meeting.starts_at and not meeting.year:
        meeting.year = timezone.localtime(meeting.starts_at).year


def _add_minutes_approval_item(meeting: Meeting) -> None:
    """Put the approval of the previous meeting's minutes first on the agenda, when they still wait for it."""
    previous = None if meeting.is_written else minutes_to_approve_at(meeting)
    if previous is None:
        return
    with translation.override("ko"):
        title = _("Approval of the minutes of the %(label)s meeting") % {"label": previous.label}
    AgendaItem.objects.create(
        meeting=meeting,
        order=0,
        title=title,
        kind=AgendaItem.Kind.DELIBERATION,
        minutes_allotted=5,
        approves_minutes_of=previous,
    )


@transaction.atomic
def meeting_create(
    *, actor: User, council: Council, number_confirmed: bool = False, **fields: Any
) -> Meeting:
    """Plan a meeting; it is numbered next in its year unless a number is given, and a number that
    skips ahead is taken only when `number_confirmed`."""
    if not permissions.can_create_meeting(actor, council.pk):
        raise _deny()
    # Two staff planning meetings at once would both take the next number: the council's row orders them.
    Council.objects.select_for_update().filter(pk=council.pk).first()
    meeting = Meeting(council=council, created_by=actor)
    assign_fields(meeting, fields, MEETING_FIELDS)
    _default_year(meeting)
    if meeting.year and not meeting.number:
        meeting.number = meeting_next_number(council=council, year=meeting.year)
    _check_number(meeting, confirmed=number_confirmed)
    meeting.full_clean()
    meeting.save()
    _add_minutes_approval_item(meeting)
    return meeting


@transaction.atomic
def meeting_update(
    *, actor: User, meeting: Meeting, number_confirmed: bool = False, **fields: Any
) -> Meeting:
    """Change a meeting; after the announcement, a change of time or place notifies the invitees."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not permissions.can_manage_meeting(actor, meeting):
        raise _deny()
    if not meeting.is_editable:
        raise ValidationError(_("A meeting that has been held or cancelled can no longer be changed."))
    before = {name: getattr(meeting, name) for name in NOTIFIED_FIELDS}
    numbered = (meeting.year, meeting.number)
    assign_fields(meeting, fields, MEETING_FIELDS)
    _default_year(meeting)
    if (meeting.year, meeting.number) != numbered:
        _check_number(meeting, confirmed=number_confirmed)
    meeting.full_clean()
    changed = [name for name in NOTIFIED_FIELDS if getattr(meeting, name) != before[name]]
    if changed and meeting.status == Meeting.Status.ANNOUNCED:
        meeting.sequence += 1
        meeting.save()
        dispatch_create(
            kind="meeting.changed",
            subject_key=f"meetings.meeting:{meeting.pk}",
            revision=meeting.sequence,
            council=meeting.council,
            payload={"changed": changed},
        )
    else:
        meeting.save()
    return meeting


@transaction.atomic
def meeting_copy(*, actor: User, source: Meeting, starts_at: datetime, ends_at: datetime) -> Meeting:
    """Start a new meeting from an earlier one: its details, agenda and guests, not its outcomes."""
    copy = meeting_create(
        actor=actor,
        council=source.council,
        title=source.title,
        kind=source.kind,
        starts_at=starts_at,
        ends_at=ends_at,
        venue=source.venue,
        address=source.address,
        online_url=source.online_url,
        chair=source.chair,
        description=source.description,
        quorum_override=source.quorum_override,
    )
    copy.copied_from = source
    copy.save(update_fields=["copied_from"])
    next_order = 1
    for item in source.agenda_items.filter(approves_minutes_of=None).order_by("order", "id"):
        AgendaItem.objects.create(
            meeting=copy,
            order=next_order,
            title=item.title,
            kind=item.kind,
            description=item.description,
            presenter_person=item.presenter_person,
            presenter_institution=item.presenter_institution,
            minutes_allotted=item.minutes_allotted,
        )
        next_order += 1
    for guest in source.invitations.filter(is_guest=True):
        Invitation.objects.create(
            meeting=copy, is_guest=True, name=guest.name, email=guest.email, language=guest.language,
            institution=guest.institution, person=guest.person,
        )  # fmt: skip
    return copy


@transaction.atomic
def meeting_announce(*, actor: User, meeting: Meeting) -> Meeting:
    """Send the invitation with agenda, place, answer links and a calendar file to every invitee.

    The request writes one dispatch; the worker expands and sends it, so announcing to 2,000
    invitees costs the same as announcing to 20.
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not permissions.can_manage_meeting(actor, meeting):
        raise _deny()
    if meeting.status != Meeting.Status.PLANNED:
        raise ValidationError(_("Only a planned meeting can be announced."))
    if meeting.has_started:
        raise ValidationError(
            _("The meeting has already started: change its date and time before announcing it.")
        )
    if not meeting.invitations.exists():
        raise ValidationError(_("Invite the members before announcing the meeting."))
    meeting.status = Meeting.Status.ANNOUNCED
    meeting.announced_at = timezone.now()
    meeting.save(update_fields=["status", "announced_at", "updated_at"])
    dispatch_create(
        kind="meeting.announced",
        subject_key=f"meetings.meeting:{meeting.pk}",
        revision=1,
        council=meeting.council,
    )
    return meeting


@transaction.atomic
def meeting_cancel(*, actor: User, meeting: Meeting, reason: str) -> Meeting:
    """Cancel a planned or announced meeting; invitees of an announced one are told, calendars drop it."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not permissions.can_manage_meeting(actor, meeting):
        raise _deny()
    if not meeting.is_editable:
        raise ValidationError(_("Only a planned or announced meeting can be cancelled."))
    if not reason.strip():
        raise ValidationError(
            {"cancelled_reason": _("Give the reason for cancelling; invitees will read it.")}
        )
    was_announced = meeting.status == Meeting.Status.ANNOUNCED
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancelled_reason = reason.strip()
    meeting.sequence += 1
    meeting.save(update_fields=["status", "cancelled_reason", "sequence", "updated_at"])
    if was_announced:
        dispatch_create(
            kind="meeting.cancelled",
            subject_key=f"meetings.meeting:{meeting.pk}",
            revision=meeting.sequence,
            council=meeting.council,
        )
    return meeting


@transaction.atomic
def meeting_mark_held(*, actor: User, meeting: Meeting, close_voting_early: bool = False) -> Meeting:
    """Record that the meeting took place; its minutes can now be written. A written resolution
    closes at the end of its voting window (before it only when staff confirm closing early): its
    ballots become each item's decision and vote counts, and voting members who voted count as
    present."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not permissions.can_manage_meeting(actor, meeting):
        raise _deny()
    if not meeting.is_editable:
        raise ValidationError(_("This meeting is already closed."))
    if meeting.status == Meeting.Status.PLANNED:
        raise ValidationError(_("Announce the meeting to its invitees before marking it as held."))
    if not meeting.can_be_held:
        raise ValidationError(_("A meeting can be marked as held only once it has started."))
    if meeting.is_written:
        if meeting.ends_at > timezone.now() and not close_voting_early:
            raise ValidationError(
                _("Voting is open until %(end)s: close it before then only when you mean to end it early.")
                % {"end": timezone.localtime(meeting.ends_at).strftime("%Y-%m-%d %H:%M")}
            )
        _tally_ballots(meeting)
    meeting.status = Meeting.Status.HELD
    meeting.save(update_fields=["status", "updated_at"])
    return meeting


def _tally_ballots(meeting: Meeting) -> None:
    """Each shared item's votes become its counts and decision: approved by a majority of all voting
    members (재적 과반수 찬성), rejected otherwise."""
    voting = Invitation.objects.filter(meeting=meeting, counts_for_quorum=True)
    members = voting.count()
    tally = vote_tally(meeting=meeting)
    items = list(meeting.agenda_items.shared())
    for item in items:
        counts = tally.get(item.pk, {})
        item.votes_for = counts.get(Vote.Choice.FOR, 0)
        item.votes_against = counts.get(Vote.Choice.AGAINST, 0)
        item.votes_abstained = counts.get(Vote.Choice.ABSTAIN, 0)
        approved = item.votes_for * 2 > members
        item.decision = AgendaItem.Decision.APPROVED if approved else AgendaItem.Decision.REJECTED
    AgendaItem.objects.bulk_update(items, ["votes_for", "votes_against", "votes_abstained", "decision"])
    voters = Vote.objects.filter(invitation__meeting=meeting).values("invitation_id")
    voting.filter(pk__in=voters).update(attended=True)
    voting.exclude(pk__in=voters).update(attended=False)
