"""Saving uploaded documents in a batch: every upload is checked before any is stored."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from council.files.uploads import document_build
from council.models import Document, User

MAX_DOCUMENTS = 10


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
