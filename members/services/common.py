"""Helpers shared by the members services: field assignment, uploaded documents, notice recipients."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from council.models import User
from council.uploads import validate_document
from members.models import Document

MAX_DOCUMENTS = 10


def assign_fields(instance: Any, fields: dict[str, Any], allowed: tuple[str, ...]) -> None:
    """Set the given fields; a name outside `allowed` is a programming error, not user input."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(instance, name, value)


def document_build[DocumentT: Document](
    model: type[DocumentT], *, actor: User, upload: UploadedFile, **owner: Any
) -> DocumentT:
    """An unsaved document row for an upload whose content, type and size have been checked."""
    try:
        kind = validate_document(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    return model(
        file=upload,
        name=(upload.name or "file")[:255],
        content_type=kind.mimetype,
        type_label=kind.label,
        size=upload.size or 0,
        uploaded_by=actor,
        **owner,
    )


def documents_save[DocumentT: Document](
    model: type[DocumentT], *, actor: User, uploads: Iterable[UploadedFile], existing: int = 0, **owner: Any
) -> list[DocumentT]:
    """Check every upload before storing any, so one bad file leaves nothing half-saved."""
    uploads = list(uploads)
    if existing + len(uploads) > MAX_DOCUMENTS:
        message = _("At most %(count)d files can be attached.") % {"count": MAX_DOCUMENTS}
        raise ValidationError({"file": message})
    documents = [document_build(model, actor=actor, upload=upload, **owner) for upload in uploads]
    for document in documents:
        document.save()
    return documents


def document_remove(document: Document) -> None:
    """Delete the row now and the stored file once the transaction has committed."""
    storage, name = document.file.storage, document.file.name
    document.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
