"""Writes on best practices: draft, submit, review (publish or return), attachments."""

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, TypedDict

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.files.documents import documents_save
from council.files.uploads import document_remove
from council.models import Council, User
from council.notices.outbox import dispatch_create
from council.services import assign_fields
from members.models import (
    BestPractice,
    BestPracticeDocument,
    BestPracticeFigure,
    BestPracticeStep,
    Institution,
)
from members.practices import permissions
from members.practices.notices import BestPracticeReviewed, BestPracticeSubmitted
from members.submissions import can_submit_for, can_submit_on

PRACTICE_FIELDS = (
    "institution",
    "title",
    "category",
    "summary",
    "other_partners",
    "problem",
    "actions",
    "results",
    "period_start",
    "period_end",
)
MAX_FIGURES = 6

S = BestPractice.Status


class FigureData(TypedDict, total=False):
    label: str
    value: Decimal | int | float | str
    unit: str


def _subject(practice: BestPractice) -> str:
    return f"members.best_practice:{practice.pk}"


def _check_institution(actor: User, council: Council, institution: Institution | None) -> None:
    if not can_submit_for(actor, council, institution):
        raise ValidationError(
            {"institution": _("Choose an institution you act for that sits on this council.")}
        )


def _set_partners(practice: BestPractice, partners: Iterable[Institution]) -> None:
    partners = [partner for partner in partners if partner.pk != practice.institution_id]
    practice.partners.set(partners)


def _set_figures(practice: BestPractice, figures: Sequence[FigureData]) -> None:
    """Replace the result figures; every row is checked before any is saved."""
    rows = [figure for figure in figures if str(figure.get("label", "")).strip()]
    if len(rows) > MAX_FIGURES:
        raise ValidationError({"figures": _("At most %(count)d figures.") % {"count": MAX_FIGURES}})
    built = []
    for order, figure in enumerate(rows):
        row = BestPracticeFigure(
            practice=practice,
            label=str(figure.get("label", "")).strip(),
            value=figure.get("value"),  # type: ignore[misc]
            unit=str(figure.get("unit", "") or "").strip(),
            order=order,
        )
        try:
            row.full_clean(exclude=["practice"])
        except ValidationError as error:
            messages = [f"{row.label}: {message}" for message in error.messages]
            raise ValidationError({"figures": messages}) from error
        built.append(row)
    practice.figures.all().delete()
    BestPracticeFigure.objects.bulk_create(built)


@transaction.atomic
def best_practice_create(
    *,
    actor: User,
    council: Council,
    partners: Iterable[Institution] = (),
    figures: Sequence[FigureData] = (),
    documents: Iterable[UploadedFile] = (),
    **fields: Any,
) -> BestPractice:
    """Write a best practice as a draft, for an institution the actor acts for on this council."""
    if not can_submit_on(actor, council):
        raise PermissionDenied(_("Only contacts of institutions on this council can submit best practices."))
    _check_institution(actor, council, fields.get("institution"))
    practice = BestPractice(council=council, created_by=actor, status=S.DRAFT)
    assign_fields(practice, fields, PRACTICE_FIELDS)
    practice.full_clean()
    practice.save()
    _set_partners(practice, partners)
    _set_figures(practice, figures)
    documents_save(BestPracticeDocument, actor=actor, uploads=documents, practice=practice)
    return practice


@transaction.atomic
def best_practice_update(
    *,
    actor: User,
    practice: BestPractice,
    partners: Iterable[Institution] | None = None,
    figures: Sequence[FigureData] | None = None,
    documents: Iterable[UploadedFile] = (),
    **fields: Any,
) -> BestPractice:
    """Change a draft or returned practice; the secretariat may correct one at any stage."""
    if not permissions.can_edit_best_practice(actor, practice):
        raise PermissionDenied(_("This best practice cannot be changed now."))
    institution = fields.get("institution")
    if institution is not None and institution.pk != practice.institution_id:
        _check_institution(actor, practice.council, institution)
    assign_fields(practice, fields, PRACTICE_FIELDS)
    practice.full_clean()
    practice.save()
    if partners is not None:
        _set_partners(practice, partners)
    if figures is not None:
        _set_figures(practice, figures)
    documents_save(
        BestPracticeDocument,
        actor=actor,
        uploads=documents,
        existing=practice.documents.count(),
        practice=practice,
    )
    return practice


@transaction.atomic
def best_practice_submit(*, actor: User, practice: BestPractice) -> BestPractice:
    """Send a draft (or a returned practice, revised) to the secretariat for review."""
    if not permissions.can_submit_best_practice(actor, practice):
        raise PermissionDenied(_("Only a draft or a returned best practice can be submitted."))
    practice.status = S.SUBMITTED
    practice.submitted_at = timezone.now()
    practice.review_round += 1
    practice.full_clean()
    practice.save(update_fields=["status", "submitted_at", "review_round", "updated_at"])
    _step(actor, practice, BestPracticeStep.Kind.SUBMITTED)
    dispatch_create(
        kind=BestPracticeSubmitted.key,
        subject_key=_subject(practice),
        revision=practice.review_round,
        council=practice.council,
        payload={"actor": actor.pk},
    )
    return practice


def _step(actor: User, practice: BestPractice, kind: str, comment: str = "") -> None:
    BestPracticeStep.objects.create(
        practice=practice, kind=kind, round=practice.review_round, comment=comment, actor=actor
    )


def _announce_review(actor: User, practice: BestPractice, comment: str) -> None:
    dispatch_create(
        kind=BestPracticeReviewed.key,
        subject_key=_subject(practice),
        revision=practice.review_round,
        council=practice.council,
        payload={"actor": actor.pk, "decision": practice.status, "comment": comment},
    )


@transaction.atomic
def best_practice_review(
    *, actor: User, practice: BestPractice, publish: bool, comment: str = ""
) -> BestPractice:
    """Publish a submitted practice, or return it to its institution with a comment."""
    if not permissions.can_review_best_practice(actor, practice):
        raise PermissionDenied(_("Only the council's secretariat reviews submitted best practices."))
    comment = comment.strip()
    if not publish and not comment:
        raise ValidationError({"comment": _("Say what should change before it can be published.")})
    now = timezone.now()
    practice.status = S.PUBLISHED if publish else S.RETURNED
    practice.review_comment = comment
    practice.reviewed_at = now
    if publish:
        practice.published_at = now
    practice.full_clean()
    practice.save()
    _step(
        actor,
        practice,
        BestPracticeStep.Kind.PUBLISHED if publish else BestPracticeStep.Kind.RETURNED,
        comment,
    )
    _announce_review(actor, practice, comment)
    return practice


@transaction.atomic
def best_practice_unpublish(*, actor: User, practice: BestPractice, comment: str) -> BestPractice:
    """Take a published practice back to its institution, saying why (a new review round begins)."""
    if not permissions.can_unpublish_best_practice(actor, practice):
        raise PermissionDenied(_("Only the council's secretariat can withdraw a published best practice."))
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": _("Say why it is withdrawn.")})
    practice.status = S.RETURNED
    practice.review_comment = comment
    practice.reviewed_at = timezone.now()
    practice.review_round += 1
    practice.full_clean()
    practice.save()
    _step(actor, practice, BestPracticeStep.Kind.WITHDRAWN, comment)
    _announce_review(actor, practice, comment)
    return practice


@transaction.atomic
def best_practice_delete(*, actor: User, practice: BestPractice) -> None:
    """Delete a draft that was never submitted, with its files."""
    if not permissions.can_delete_best_practice(actor, practice):
        raise PermissionDenied(_("Only drafts can be deleted."))
    for document in practice.documents.all():
        document_remove(document)
    practice.delete()


@transaction.atomic
def best_practice_attach(
    *, actor: User, practice: BestPractice, upload: UploadedFile
) -> BestPracticeDocument:
    """Attach one file (checked by its content and size) to a practice the actor may edit."""
    if not permissions.can_edit_best_practice(actor, practice):
        raise PermissionDenied(_("This best practice cannot be changed now."))
    (document,) = documents_save(
        BestPracticeDocument,
        actor=actor,
        uploads=[upload],
        existing=practice.documents.count(),
        practice=practice,
    )
    return document


@transaction.atomic
def best_practice_document_delete(*, actor: User, document: BestPracticeDocument) -> None:
    """Remove an attachment from a practice the actor may edit, and its file after commit."""
    if not permissions.can_edit_best_practice(actor, document.practice):
        raise PermissionDenied(_("This best practice cannot be changed now."))
    document_remove(document)
