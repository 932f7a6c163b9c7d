"""Saving uploaded documents in a batch (every upload is checked before any is stored), and reading
the text inside them once they are stored, for search."""

from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from council.celery import enqueue
from council.files.text import Unreadable, extract_text
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
        document_text_queue(document)
    return documents


def document_text_queue(document: Document) -> None:
    """Once the upload is committed, a worker reads the text inside it."""
    label, pk = document._meta.label, document.pk
    transaction.on_commit(lambda: enqueue("council.tasks.read_document_text", label, pk))


def document_text_read(*, label: str, pk: int) -> str:
    """Read and keep the text of one stored document; safe to run twice (a document read already,
    or found unreadable, is left as it is). Returns the document's text status."""
    documents = apps.get_model(label)._default_manager
    document = documents.filter(pk=pk).first()
    if document is None:
        return ""
    if document.text_status != Document.TextStatus.PENDING:
        return document.text_status
    try:
        with document.file.open("rb") as stored:
            extracted = extract_text(stored.read())
    except Unreadable as unreadable:
        return document_text_unreadable(label=label, pk=pk, reason=unreadable.reason)
    except OSError:
        return document_text_unreadable(label=label, pk=pk, reason=_("The stored file is missing."))
    note = _("Only the beginning of a long file is searchable.") if extracted.truncated else ""
    documents.filter(pk=pk).update(text=extracted.text, text_status=Document.TextStatus.READ, text_note=note)
    return Document.TextStatus.READ


def document_text_unreadable(*, label: str, pk: int, reason: str) -> str:
    """Record why a document's text is not read (it stays downloadable); it is not tried again."""
    apps.get_model(label)._default_manager.filter(pk=pk).update(
        text="", text_status=Document.TextStatus.UNREADABLE, text_note=reason[:300]
    )
    return Document.TextStatus.UNREADABLE
