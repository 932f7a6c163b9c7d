"""Writes on a meeting's agenda: items, their order, documents and decisions."""

from collections.abc import Sequence
from typing import Any, NamedTuple

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from council.files.documents import document_text_queue
from council.files.uploads import document_build, document_remove, file_delete_on_commit
from council.models import User
from council.services import assign_fields
from meetings import permissions
from meetings.models import AgendaDocument, AgendaItem, Meeting, Minutes
from meetings.selectors import meeting_quorum
from meetings.services.minutes import minutes_approve
from members.difficulties.services import difficulty_add_event
from members.models import BestPractice

ITEM_FIELDS = (
    "title",
    "kind",
    "description",
    "presenter_person",
    "presenter_institution",
    "minutes_allotted",
    "best_practice",
    "difficulty",
    "staff_only",
)


class Links(NamedTuple):
    """What an item presented or discussed before a change; nothing for a new item."""

    best_practice_id: int | None = None
    difficulty_id: int | None = None


DECISION_FIELDS = ("decision", "decision_text", "votes_for", "votes_against", "votes_abstained")


def _check(actor: User, meeting: Meeting) -> None:
    if not permissions.can_manage_meeting(actor, meeting):
        raise PermissionDenied(_("Only the council's secretariat can change the agenda."))


def _check_open(meeting: Meeting) -> None:
    meeting.refresh_from_db(fields=["status"])
    if meeting.status in {Meeting.Status.MINUTES_APPROVED, Meeting.Status.CANCELLED}:
        raise ValidationError(_("The agenda of a closed meeting can no longer be changed."))


@transaction.atomic
def agenda_item_add(*, actor: User, meeting: Meeting, **fields: Any) -> AgendaItem:
    """Add an item at the end of the agenda."""
    _check(actor, meeting)
    _check_open(meeting)
    top = meeting.agenda_items.aggregate(top=Max("order"))["top"]
    item = AgendaItem(meeting=meeting, order=(top or 0) + 1)
    assign_fields(item, fields, ITEM_FIELDS)
    _check_links(item, Links())
    item.full_clean()
    item.save()
    _note_on_difficulty(actor, item, Links())
    return item


@transaction.atomic
def agenda_item_update(*, actor: User, item: AgendaItem, **fields: Any) -> AgendaItem:
    _check(actor, item.meeting)
    _check_open(item.meeting)
    before = Links(item.best_practice_id, item.difficulty_id)
    assign_fields(item, fields, ITEM_FIELDS)
    _check_links(item, before)
    item.full_clean()
    item.save()
    _note_on_difficulty(actor, item, before)
    return item


def _check_links(item: AgendaItem, before: Links) -> None:
    """A linked best practice is a published one of the meeting's council, a newly linked difficulty
    an open one of that council, and neither is on the same agenda twice. A secretariat-only
    difficulty goes only on an item for the secretariat alone."""
    council_id = item.meeting.council_id
    others = item.meeting.agenda_items.exclude(pk=item.pk)
    practice = item.best_practice
    if practice is not None and before.best_practice_id != practice.pk:
        if practice.council_id != council_id or practice.status != BestPractice.Status.PUBLISHED:
            raise ValidationError(
                {"best_practice": _("Only a published best practice of this council can be presented.")}
            )
        if others.filter(best_practice=practice).exists():
            raise ValidationError({"best_practice": _("This best practice is already on the agenda.")})
    difficulty = item.difficulty
    if difficulty is not None and before.difficulty_id != difficulty.pk:
        if difficulty.council_id != council_id:
            raise ValidationError(
                {"difficulty": _("Choose a meeting of the council the item was raised in.")}
            )
        if not difficulty.is_open:
            raise ValidationError(
                {"difficulty": _("A resolved or closed item is not put on an agenda; reopen it first.")}
            )
        if others.filter(difficulty=difficulty).exists():
            raise ValidationError({"difficulty": _("This item is already on the agenda.")})
    if difficulty is not None and difficulty.secretariat_only and not item.staff_only:
        raise ValidationError(
            {
                "staff_only": _(
                    "“%(title)s” is marked secretariat only, so it can be on the agenda only as an item "
                    "for the secretariat alone: tick “secretariat only”."
                )
                % {"title": difficulty.title}
            }
        )


def _note_on_difficulty(actor: User, item: AgendaItem, before: Links) -> None:
    """A difficulty newly on an agenda records it in its timeline, which tells its submitter."""
    if item.difficulty is None or before.difficulty_id == item.difficulty_id:
        return
    meeting = item.meeting
    with translation.override(settings.LANGUAGE_CODE):
        note = _("Put on the agenda of the %(label)s meeting of %(council)s (%(date)s).") % {
            "label": meeting.label,
            "council": meeting.council.short_name,
            "date": timezone.localtime(meeting.starts_at).strftime("%Y.%m.%d"),
        }
    difficulty_add_event(actor=actor, difficulty=item.difficulty, body=note, announce=True)


@transaction.atomic
def agenda_item_delete(*, actor: User, item: AgendaItem) -> None:
    _check(actor, item.meeting)
    _check_open(item.meeting)
    if item.decision:
        raise ValidationError(_("An item with a recorded decision cannot be removed."))
    files = [document.file for document in item.documents.all()]
    item.delete()
    for file in files:
        file_delete_on_commit(file)


@transaction.atomic
def agenda_reorder(*, actor: User, meeting: Meeting, item_ids: Sequence[int]) -> None:
    """Put the agenda in the given order; the list must name every item exactly once."""
    _check(actor, meeting)
    _check_open(meeting)
    items = {item.pk: item for item in meeting.agenda_items.select_for_update()}
    if sorted(item_ids) != sorted(items):
        raise ValidationError(_("The new order must list every agenda item once."))
    for position, item_id in enumerate(item_ids, start=1):
        items[item_id].order = position
    AgendaItem.objects.bulk_update(items.values(), ["order"])


@transaction.atomic
def agenda_document_add(
    *, actor: User, item: AgendaItem, upload: UploadedFile, title: str = ""
) -> AgendaDocument:
    """Attach a document after checking its type (by content) and size."""
    _check(actor, item.meeting)
    _check_open(item.meeting)
    document = document_build(
        AgendaDocument, actor=actor, upload=upload, agenda_item=item, title=(title or upload.name or "")[:200]
    )
    document.full_clean()
    document.save()
    document_text_queue(document)
    return document


@transaction.atomic
def agenda_document_delete(*, actor: User, document: AgendaDocument) -> None:
    _check(actor, document.agenda_item.meeting)
    _check_open(document.agenda_item.meeting)
    document_remove(document)


@transaction.atomic
def agenda_decision_record(*, actor: User, item: AgendaItem, **fields: Any) -> AgendaItem:
    """Record what the meeting decided on an item. Approving the previous minutes locks them."""
    _check(actor, item.meeting)
    item.meeting.refresh_from_db(fields=["status", "starts_at"])
    if not item.meeting.records_outcomes:
        raise ValidationError(
            _("Decisions are recorded from the meeting's day until its minutes are approved.")
        )
    assign_fields(item, fields, DECISION_FIELDS)
    if not item.decision:
        raise ValidationError({"decision": _("Choose the decision.")})
    _check_votes_against_attendance(item)
    item.decided_at = timezone.now()
    item.full_clean()
    item.save()
    if item.is_minutes_approval and item.decision in {
        AgendaItem.Decision.APPROVED,
        AgendaItem.Decision.AMENDED,
    }:
        _approve_previous_minutes(item, actor)
    return item


def _check_votes_against_attendance(item: AgendaItem) -> None:
    """No more votes than voting members present, as the attendance of the meeting records them.
    A written resolution is voted by ballot (meetings.services.ballots), not by those present."""
    votes = [item.votes_for, item.votes_against, item.votes_abstained]
    if item.meeting.is_written or all(count is None for count in votes):
        return
    cast = sum(count or 0 for count in votes)
    present = meeting_quorum(meeting=item.meeting).present
    if cast > present:
        raise ValidationError(
            {
                "votes_for": _(
                    "%(cast)d votes were counted, but the attendance records %(present)d voting members "
                    "present. Correct the votes, or record the attendance first."
                )
                % {"cast": cast, "present": present}
            }
        )


def _approve_previous_minutes(item: AgendaItem, actor: User) -> None:
    minutes = (
        Minutes.objects.filter(meeting=item.approves_minutes_of)
        .exclude(status=Minutes.Status.APPROVED)
        .first()
    )
    if minutes is not None:
        minutes_approve(actor=actor, minutes=minutes)
