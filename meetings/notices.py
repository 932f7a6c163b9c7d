"""Notices of the meetings app and the daily reminders that derive them from the database.

Recipients of a meeting notice are its invitees: the invited person's own address, and the portal
contacts of the invited institution, each once. Everything a recipient reads is rendered when the
mail is sent, in their language, with answer links signed for their invitation only.
"""

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import chain
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.models import Dispatch, Notice
from council.notices.kinds import Attachment, NoticeKind, Recipient, register_kind
from council.notices.outbox import dispatches_create
from council.notices.reminders import OVERDUE_WINDOW_DAYS
from meetings.calendars import meeting_ics
from meetings.links import answer_paths, vote_path
from meetings.models import ActionItem, Invitation, Meeting, Minutes
from meetings.models.agenda import shared_agenda
from meetings.selectors import actions_due, actions_overdue
from members.directory.recipients import contacts_by_institution, reachable_contacts_of, secretariat_of


def _invitees(invitations: QuerySet[Invitation]) -> Iterable[Recipient]:
    """Each invitation's recipients (its own address, its institution's contacts), referring to it.
    An invitation none of them can be mailed about yields one recipient without an address, with
    the phone number staff call instead."""
    rows = list(invitations.select_related("person", "person__user", "institution"))
    contacts = contacts_by_institution(
        {row.institution_id for row in rows if row.institution_id and not row.is_guest}
    )
    for row in rows:
        person_user = row.person.user if row.person and row.person.user_id else None
        language = person_user.language if person_user else row.language
        user_id = person_user.pk if person_user else None
        reference = str(row.pk)
        own_email = row.email or (person_user.email if person_user else "")
        if own_email:
            yield Recipient(own_email, row.name, language, user_id, reference)
        mailed = bool(own_email)
        if row.institution_id and not row.is_guest:
            for user in contacts.get(row.institution_id, []):
                mailed = mailed or bool(user.email)
                yield Recipient(user.email, user.get_full_name(), user.language, user.pk, reference)
        if not mailed:
            yield Recipient("", row.name, language, user_id, reference, phone=row.phone)


@dataclass(frozen=True, slots=True)
class Reach:
    """Who an announcement of the meeting would reach by mail, and which invitees it cannot."""

    mails: int
    unreachable: list[Invitation]


def announce_reach(meeting: Meeting) -> Reach:
    """For the confirmation before announcing: the mails it would send (to invitees and their
    institutions' contacts), and the invitations with no address at all, to reach by phone."""
    invitations = Invitation.objects.filter(meeting=meeting)
    recipients = [recipient for recipient in _invitees(invitations) if recipient.email]
    mailed = {int(recipient.reference) for recipient in recipients}
    unreachable = [
        invitation
        for invitation in invitations.select_related("person", "institution").order_by("name")
        if invitation.pk not in mailed
    ]
    return Reach(mails=len({recipient.key for recipient in recipients}), unreachable=unreachable)


class MeetingNotice(NoticeKind):
    """Shared by the notices about one meeting: who receives them and what every mail shows."""

    with_answer_links = False
    ics_method = "REQUEST"

    def meeting(self, dispatch: Dispatch) -> Meeting:
        return (
            Meeting.objects.select_related("council", "chair")
            .prefetch_related(shared_agenda())
            .get(pk=dispatch.subject_id)
        )

    def invitations(self, meeting: Meeting) -> QuerySet[Invitation]:
        return Invitation.objects.filter(meeting=meeting).exclude(response=Invitation.Response.DECLINED)

    def recipients(self, dispatch: Dispatch) -> Iterable[Recipient]:
        return _invitees(self.invitations(self.meeting(dispatch)))

    def context(self, dispatch: Dispatch, notices: Sequence[Notice] = ()) -> dict[str, Any]:
        meeting = self.meeting(dispatch)
        references = [int(notice.reference) for notice in notices if notice.reference.isdigit()]
        return {
            "meeting": meeting,
            "agenda": meeting.shared_agenda,
            "invitations": Invitation.objects.filter(meeting=meeting, pk__in=references).in_bulk(),
            # Every recipient gets the same calendar file: build it once per batch.
            "ics": meeting_ics(meeting, method=self.ics_method),
        }

    def link(self, dispatch: Dispatch, context: dict[str, Any]) -> str:
        return context["meeting"].get_absolute_url()

    def recipient_context(
        self, dispatch: Dispatch, notice: Notice, context: dict[str, Any]
    ) -> dict[str, Any]:
        invitation = context["invitations"].get(int(notice.reference)) if notice.reference.isdigit() else None
        if invitation is None or not self.with_answer_links:
            return {"invitation": invitation}
        if context["meeting"].is_written:
            # A written resolution is not attended but voted on: its voting members get their ballot.
            return {
                "invitation": invitation,
                "vote_link": vote_path(invitation) if invitation.counts_for_quorum else "",
            }
        responses = [Invitation.Response.ACCEPTED, Invitation.Response.DECLINED, Invitation.Response.PROXY]
        return {"invitation": invitation, "answer_links": answer_paths(invitation, responses)}

    def variant(self, dispatch: Dispatch, notice: Notice, personal: dict[str, Any]) -> Hashable | None:
        # The templates read of the invitation only whether it is still unanswered, and whether it
        # carries a ballot link.
        invitation = personal.get("invitation")
        return (invitation.response, bool(personal.get("vote_link"))) if invitation is not None else ""

    def attachments(self, dispatch: Dispatch, notice: Notice, context: dict[str, Any]) -> list[Attachment]:
        meeting = context["meeting"]
        mimetype = f"text/calendar; method={self.ics_method}"
        return [Attachment(f"meeting-{meeting.pk}.ics", context["ics"], mimetype)]


@register_kind
class MeetingAnnounced(MeetingNotice):
    """The invitation: agenda, time and place, answer links and a calendar file."""

    key = "meeting.announced"
    label = _("meeting invitation")
    template = "meetings/notices/announced"
    with_answer_links = True

    def invitations(self, meeting: Meeting) -> QuerySet[Invitation]:
        return Invitation.objects.filter(meeting=meeting)


@register_kind
class MeetingChanged(MeetingNotice):
    """Time or place changed: the same calendar event, with a higher sequence."""

    key = "meeting.changed"
    label = _("change of time or place")
    template = "meetings/notices/changed"
    with_answer_links = True


@register_kind
class MeetingCancelled(MeetingNotice):
    """The meeting is called off; the attached calendar file removes the event."""

    key = "meeting.cancelled"
    label = _("cancellation")
    template = "meetings/notices/cancelled"
    ics_method = "CANCEL"


@register_kind
class MeetingReminder(MeetingNotice):
    """Seven days and one day before, to everyone who has not declined."""

    key = "meeting.reminder"
    label = _("meeting reminder")
    template = "meetings/notices/reminder"
    with_answer_links = True

    def context(self, dispatch: Dispatch, notices: Sequence[Notice] = ()) -> dict[str, Any]:
        return {**super().context(dispatch, notices), "days": dispatch.revision % 100}


@register_kind
class VoteReminder(MeetingNotice):
    """The day before a written resolution's voting closes: to voting members who have not voted."""

    key = "meeting.vote_reminder"
    label = _("reminder to vote")
    template = "meetings/notices/vote_reminder"
    with_answer_links = True

    def invitations(self, meeting: Meeting) -> QuerySet[Invitation]:
        return Invitation.objects.filter(meeting=meeting, counts_for_quorum=True, votes__isnull=True)


@register_kind
class MinutesCirculated(NoticeKind):
    """The draft minutes, to the attendees, with the date until which they may comment."""

    key = "minutes.circulated"
    label = _("minutes circulated")
    template = "meetings/notices/minutes_circulated"

    def minutes(self, dispatch: Dispatch) -> Minutes:
        return Minutes.objects.select_related("meeting", "meeting__council").get(pk=dispatch.subject_id)

    def recipients(self, dispatch: Dispatch) -> Iterable[Recipient]:
        minutes = self.minutes(dispatch)
        yield from _invitees(Invitation.objects.filter(meeting=minutes.meeting).attendees())

    def context(self, dispatch: Dispatch, notices: Sequence[Notice] = ()) -> dict[str, Any]:
        minutes = self.minutes(dispatch)
        return {"minutes": minutes, "meeting": minutes.meeting}

    def link(self, dispatch: Dispatch, context: dict[str, Any]) -> str:
        return reverse("minutes-detail", args=[context["meeting"].pk])


class ActionNotice(NoticeKind):
    """About one follow-up action; goes to the people who act for the responsible institution."""

    def action(self, dispatch: Dispatch) -> ActionItem:
        return ActionItem.objects.select_related("meeting", "council", "assignee").get(pk=dispatch.subject_id)

    def recipients(self, dispatch: Dispatch) -> Iterable[Recipient]:
        return reachable_contacts_of([self.action(dispatch).assignee_id])

    def context(self, dispatch: Dispatch, notices: Sequence[Notice] = ()) -> dict[str, Any]:
        return {"action": self.action(dispatch)}

    def link(self, dispatch: Dispatch, context: dict[str, Any]) -> str:
        return context["action"].get_absolute_url()


@register_kind
class ActionDue(ActionNotice):
    """An open action falls due in three days: to the responsible institution."""

    key = "action.due"
    label = _("action due soon")
    template = "meetings/notices/action_due"


@register_kind
class ActionOverdue(ActionNotice):
    """An open action is past its due date: to the responsible institution and the secretariat."""

    key = "action.overdue"
    label = _("action overdue")
    template = "meetings/notices/action_overdue"

    def recipients(self, dispatch: Dispatch) -> Iterable[Recipient]:
        action = self.action(dispatch)
        return chain(reachable_contacts_of([action.assignee_id]), secretariat_of(action.council))


def meeting_reminders(today: date) -> int:
    """D-7 and D-1 reminders of announced meetings; a rescheduled meeting is reminded again."""
    due = []
    for days in (7, 1):
        start = timezone.make_aware(datetime.combine(today + timedelta(days=days), time.min))
        meetings = (
            Meeting.objects.filter(
                status=Meeting.Status.ANNOUNCED, starts_at__gte=start, starts_at__lt=start + timedelta(days=1)
            )
            .exclude(kind=Meeting.Kind.WRITTEN)
            .values_list("pk", "sequence", "council_id")
        )
        due += [
            (f"meetings.meeting:{pk}", sequence * 100 + days, council) for pk, sequence, council in meetings
        ]
    return dispatches_create(kind=MeetingReminder.key, due=due)


def vote_reminders(today: date) -> int:
    """Written resolutions whose voting closes tomorrow: a reminder to the members who have not voted
    (again if the window moves)."""
    start = timezone.make_aware(datetime.combine(today + timedelta(days=1), time.min))
    meetings = Meeting.objects.filter(
        kind=Meeting.Kind.WRITTEN,
        status=Meeting.Status.ANNOUNCED,
        ends_at__gte=start,
        ends_at__lt=start + timedelta(days=1),
    ).values_list("pk", "sequence", "council_id")
    due = [(f"meetings.meeting:{pk}", sequence, council) for pk, sequence, council in meetings]
    return dispatches_create(kind=VoteReminder.key, due=due)


def action_reminders(today: date) -> int:
    """Actions due in three days, and actions overdue (once per due date, for a month)."""
    overdue = actions_overdue(on=today).filter(due_on__gte=today - timedelta(days=OVERDUE_WINDOW_DAYS))
    created = 0
    for kind, actions in ((ActionDue.key, actions_due(on=today)), (ActionOverdue.key, overdue)):
        rows = actions.values_list("pk", "due_on", "council_id")
        due = [
            (f"meetings.action:{pk}", due_on.toordinal(), council) for pk, due_on, council in rows if due_on
        ]
        created += dispatches_create(kind=kind, due=due)
    return created
