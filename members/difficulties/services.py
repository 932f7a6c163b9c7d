"""Writes on difficulties and suggestions: raise, triage, answer, comment, change status.

Each change appends an event to the item's timeline and announces it in the same transaction, so the
raising institution hears of every change, once. `difficulty_set_status` and `difficulty_add_event`
are what other apps call (e.g. meetings, when an item is put on an agenda).
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.files.documents import documents_save
from council.models import Council, User
from council.notices.outbox import dispatch_create
from council.permissions import access_for
from council.services import assign_fields
from members.difficulties import permissions
from members.difficulties.notices import DifficultyRaised, difficulty_changed_announce, subject_key
from members.directory.permissions import institutions_visible_to
from members.models import Difficulty, DifficultyAttachment, DifficultyEvent, Institution
from members.submissions import can_submit_for, can_submit_on

DIFFICULTY_FIELDS = ("kind", "category", "title", "description", "secretariat_only")

S = Difficulty.Status
E = DifficultyEvent.Kind


def _event(
    difficulty: Difficulty, *, kind: str, actor: User | None, announce: bool = True, **fields: Any
) -> DifficultyEvent:
    event = DifficultyEvent(difficulty=difficulty, kind=kind, author=actor, **fields)
    event.full_clean()
    event.save()
    if announce:
        difficulty_changed_announce(event)
    return event


def _attachments(
    actor: User, difficulty: Difficulty, uploads: Iterable[UploadedFile], event: Any = None
) -> None:
    documents_save(
        DifficultyAttachment,
        actor=actor,
        uploads=uploads,
        existing=difficulty.attachments.count(),
        difficulty=difficulty,
        event=event,
    )


def _body(body: str, message: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": message})
    return body


@transaction.atomic
def difficulty_raise(
    *,
    actor: User,
    council: Council,
    institution: Institution | None,
    documents: Iterable[UploadedFile] = (),
    **fields: Any,
) -> Difficulty:
    """Raise a difficulty or suggestion for an institution on a council; the secretariat is told."""
    if not can_submit_on(actor, council):
        raise PermissionDenied(_("Only contacts of institutions on this council can raise difficulties."))
    if not can_submit_for(actor, council, institution):
        raise ValidationError(
            {"institution": _("Choose an institution you act for that sits on this council.")}
        )
    difficulty = Difficulty(council=council, institution=institution, raised_by=actor, status=S.RECEIVED)
    assign_fields(difficulty, fields, DIFFICULTY_FIELDS)
    difficulty.full_clean()
    difficulty.save()
    _event(
        difficulty,
        kind=E.RAISED,
        actor=actor,
        author_institution=institution,
        status_to=S.RECEIVED,
        announce=False,
    )
    _attachments(actor, difficulty, documents)
    dispatch_create(
        kind=DifficultyRaised.key,
        subject_key=subject_key(difficulty),
        council=council,
        payload={"actor": actor.pk},
    )
    return difficulty


@transaction.atomic
def difficulty_update(*, actor: User, difficulty: Difficulty, **fields: Any) -> Difficulty:
    """Correct the text, kind, category or visibility while the item is open."""
    if not permissions.can_edit_difficulty(actor, difficulty):
        raise PermissionDenied(_("This item can no longer be changed."))
    assign_fields(difficulty, fields, DIFFICULTY_FIELDS)
    difficulty.full_clean()
    difficulty.save()
    return difficulty


@transaction.atomic
def difficulty_assign(
    *,
    actor: User,
    difficulty: Difficulty,
    assignee: Institution | None,
    answer_due: date | None,
    note: str = "",
) -> Difficulty:
    """Ask an institution or city department to answer by a date; a received item goes into review."""
    if not permissions.can_assign_difficulty(actor, difficulty):
        raise PermissionDenied(_("Only the council's secretariat assigns difficulties."))
    errors: dict[str, str] = {}
    if assignee is None:
        errors["assignee"] = _("Choose the institution or department that should answer.")
    elif not assignee.is_active or not institutions_visible_to(actor).filter(pk=assignee.pk).exists():
        errors["assignee"] = _("Choose an active institution of your council's directory.")
    if answer_due is None:
        errors["answer_due"] = _("Set the date the answer is due.")
    elif answer_due < timezone.localdate() and answer_due != difficulty.answer_due:
        errors["answer_due"] = _("The answer cannot be due in the past.")
    if errors:
        raise ValidationError(errors)
    before = difficulty.status
    difficulty.assignee = assignee
    difficulty.answer_due = answer_due
    if difficulty.status == S.RECEIVED:
        difficulty.status = S.IN_REVIEW
    difficulty.full_clean()
    difficulty.save()
    _event(
        difficulty,
        kind=E.ASSIGNED,
        actor=actor,
        assignee=assignee,
        answer_due=answer_due,
        body=(note or "").strip(),
        status_from=before,
        status_to=difficulty.status,
    )
    return difficulty


@transaction.atomic
def difficulty_answer(
    *, actor: User, difficulty: Difficulty, body: str, documents: Iterable[UploadedFile] = ()
) -> DifficultyEvent:
    """Answer in the thread, as the secretariat or for the assigned institution; the item is answered."""
    if not permissions.can_answer_difficulty(actor, difficulty):
        raise PermissionDenied(_("Only the secretariat and the assigned institution answer."))
    text = _body(body, _("Write the answer."))
    access = access_for(actor)
    on_behalf = difficulty.assignee if access.acts_for(difficulty.assignee_id) else None
    before = difficulty.status
    now = timezone.now()
    difficulty.status = S.ANSWERED
    if difficulty.first_answered_at is None:
        difficulty.first_answered_at = now
    difficulty.save(update_fields=["status", "first_answered_at", "updated_at"])
    event = _event(
        difficulty,
        kind=E.ANSWER,
        actor=actor,
        author_institution=on_behalf,
        body=text,
        status_from=before,
        status_to=difficulty.status,
        created_at=now,
    )
    _attachments(actor, difficulty, documents, event)
    return event


@transaction.atomic
def difficulty_comment(
    *, actor: User, difficulty: Difficulty, body: str, documents: Iterable[UploadedFile] = ()
) -> DifficultyEvent:
    """A follow-up from the raising institution (more detail, a question about an answer)."""
    if not permissions.can_comment_difficulty(actor, difficulty):
        raise PermissionDenied(_("Only the institution that raised it can add comments."))
    text = _body(body, _("Write your comment."))
    event = _event(
        difficulty, kind=E.COMMENT, actor=actor, author_institution=difficulty.institution, body=text
    )
    _attachments(actor, difficulty, documents, event)
    return event


@transaction.atomic
def difficulty_set_status(
    *, actor: User, difficulty: Difficulty, status: str, reason: str = ""
) -> Difficulty:
    """Move the item to another status by hand: review, resolve, close with a reason, or reopen."""
    allowed = permissions.difficulty_transitions(actor, difficulty)
    if not allowed:
        raise PermissionDenied(_("You cannot change the status of this item."))
    if status not in allowed:
        raise ValidationError({"status": _("This item cannot go to that status now.")})
    reason = (reason or "").strip()
    if status == S.CLOSED and not reason:
        raise ValidationError({"reason": _("Say why the item is closed without being resolved.")})
    before = difficulty.status
    difficulty.status = status
    if status in (S.RESOLVED, S.CLOSED):
        difficulty.closed_at = timezone.now()
        difficulty.close_reason = reason
    else:
        difficulty.closed_at = None
        difficulty.close_reason = ""
    difficulty.full_clean()
    difficulty.save()
    _event(difficulty, kind=E.STATUS, actor=actor, body=reason, status_from=before, status_to=status)
    return difficulty


@transaction.atomic
def difficulty_add_event(
    *, actor: User, difficulty: Difficulty, body: str, announce: bool = True
) -> DifficultyEvent:
    """Record a note in the timeline for another app (e.g. "put on the agenda of 2024년 제2차 회의")."""
    if not permissions.can_record_difficulty_event(actor, difficulty):
        raise PermissionDenied(_("Only the council's secretariat records events."))
    text = _body(body, _("Write the note."))
    return _event(difficulty, kind=E.NOTE, actor=actor, body=text, announce=announce)
