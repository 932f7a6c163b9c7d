"""Writes on agreements: record, change, link resulting best practices, attach documents."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from council.files.documents import documents_save
from council.files.uploads import document_remove
from council.models import Council, User
from council.services import assign_fields
from members.agreements import permissions
from members.directory.permissions import institutions_visible_to
from members.models import Agreement, AgreementArea, AgreementDocument, BestPractice, Institution

AGREEMENT_FIELDS = ("title", "signed_on", "signed_place", "summary", "valid_from", "valid_until")


def _relations(
    actor: User,
    agreement: Agreement,
    parties: Sequence[Institution] | None,
    areas: Sequence[str] | None,
    best_practices: Iterable[BestPractice] | None,
) -> None:
    """Check parties, areas and linked practices together, then save them."""
    errors: dict[str, str] = {}
    unique_parties = list({party.pk: party for party in parties}.values()) if parties is not None else None
    if unique_parties is not None:
        visible = set(
            institutions_visible_to(actor)
            .filter(pk__in=[party.pk for party in unique_parties])
            .values_list("pk", flat=True)
        )
        if len(unique_parties) < 2:
            errors["parties"] = _("An agreement has at least two parties.")
        elif any(party.pk not in visible for party in unique_parties):
            errors["parties"] = _("Choose parties from your council's directory.")
    area_values = list(dict.fromkeys(areas)) if areas is not None else None
    if area_values is not None:
        if not area_values:
            errors["areas"] = _("Choose at least one cooperation area.")
        elif any(area not in Agreement.Area.values for area in area_values):
            errors["areas"] = _("Unknown cooperation area.")
    practices = list(best_practices) if best_practices is not None else None
    if practices is not None and any(
        practice.council_id != agreement.council_id or practice.status != BestPractice.Status.PUBLISHED
        for practice in practices
    ):
        errors["best_practices"] = _("Link published best practices of the same council.")
    if errors:
        raise ValidationError(errors)
    if unique_parties is not None:
        agreement.parties.set(unique_parties)
    if area_values is not None:
        agreement.areas.exclude(area__in=area_values).delete()
        existing = set(agreement.areas.values_list("area", flat=True))
        AgreementArea.objects.bulk_create(
            [AgreementArea(agreement=agreement, area=area) for area in area_values if area not in existing]
        )
    if practices is not None:
        agreement.best_practices.set(practices)


@transaction.atomic
def agreement_create(
    *,
    actor: User,
    council: Council,
    parties: Sequence[Institution],
    areas: Sequence[str],
    best_practices: Iterable[BestPractice] = (),
    documents: Iterable[UploadedFile] = (),
    **fields: Any,
) -> Agreement:
    """Record an agreement signed by two or more institutions."""
    if not permissions.can_create_agreement(actor, council):
        raise PermissionDenied(_("Only the council's secretariat records agreements."))
    agreement = Agreement(council=council, created_by=actor)
    assign_fields(agreement, fields, AGREEMENT_FIELDS)
    agreement.full_clean()
    agreement.save()
    _relations(actor, agreement, parties, areas, best_practices)
    documents_save(AgreementDocument, actor=actor, uploads=documents, agreement=agreement)
    return agreement


@transaction.atomic
def agreement_update(
    *,
    actor: User,
    agreement: Agreement,
    parties: Sequence[Institution] | None = None,
    areas: Sequence[str] | None = None,
    best_practices: Iterable[BestPractice] | None = None,
    documents: Iterable[UploadedFile] = (),
    **fields: Any,
) -> Agreement:
    """Change an agreement; relations given as None are left as they are."""
    if not permissions.can_change_agreement(actor, agreement):
        raise PermissionDenied(_("Only the council's secretariat changes agreements."))
    assign_fields(agreement, fields, AGREEMENT_FIELDS)
    agreement.full_clean()
    agreement.save()
    _relations(actor, agreement, parties, areas, best_practices)
    documents_save(
        AgreementDocument,
        actor=actor,
        uploads=documents,
        existing=agreement.documents.count(),
        agreement=agreement,
    )
    return agreement


@transaction.atomic
def agreement_attach(*, actor: User, agreement: Agreement, upload: UploadedFile) -> AgreementDocument:
    """Attach one document (checked by its content and size) to an agreement."""
    if not permissions.can_change_agreement(actor, agreement):
        raise PermissionDenied(_("Only the council's secretariat changes agreements."))
    (document,) = documents_save(
        AgreementDocument,
        actor=actor,
        uploads=[upload],
        existing=agreement.documents.count(),
        agreement=agreement,
    )
    return document


@transaction.atomic
def agreement_document_delete(*, actor: User, document: AgreementDocument) -> None:
    """Remove a document from an agreement, and its file once the change is committed."""
    if not permissions.can_change_agreement(actor, document.agreement):
        raise PermissionDenied(_("Only the council's secretariat changes agreements."))
    document_remove(document)
