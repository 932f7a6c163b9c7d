"""Checks for uploaded documents: the type is read from the content, not trusted from the name.

Accepted: PDF, HWP and HWPX (Hangul), DOCX, XLSX, PPTX, and PNG/JPEG/GIF/WebP images, each at most
PORTAL_UPLOAD_MAX_BYTES. The file's extension must agree with what its bytes say it is.
"""

import os
import zipfile
from dataclasses import dataclass
from functools import partial
from typing import IO, TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    # The document model's upload_to lives here, so the models are imported for typing only.
    from council.models import Document, User

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HWP_SIGNATURE = b"HWP Document File"


@dataclass(frozen=True, slots=True)
class DocumentType:
    extensions: tuple[str, ...]
    mimetype: str
    label: str


TYPES = {
    "pdf": DocumentType((".pdf",), "application/pdf", "PDF"),
    "hwp": DocumentType((".hwp",), "application/x-hwp", "HWP"),
    "hwpx": DocumentType((".hwpx",), "application/hwp+zip", "HWPX"),
    "docx": DocumentType(
        (".docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"
    ),
    "xlsx": DocumentType(
        (".xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"
    ),
    "pptx": DocumentType(
        (".pptx",), "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PPTX"
    ),
    "png": DocumentType((".png",), "image/png", "PNG"),
    "jpeg": DocumentType((".jpg", ".jpeg"), "image/jpeg", "JPEG"),
    "gif": DocumentType((".gif",), "image/gif", "GIF"),
    "webp": DocumentType((".webp",), "image/webp", "WebP"),
}
ACCEPT_ATTRIBUTE = ",".join(ext for kind in TYPES.values() for ext in kind.extensions)


def _zip_kind(stream: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == b"application/hwp+zip":
                return "hwpx"
            if "[Content_Types].xml" in names:
                prefixes = {name.split("/", 1)[0] for name in names}
                for prefix, kind in (("word", "docx"), ("xl", "xlsx"), ("ppt", "pptx")):
                    if prefix in prefixes:
                        return kind
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None


def sniff(stream: IO[bytes]) -> str | None:
    """The document type the content shows, or None."""
    stream.seek(0)
    head = stream.read(4096)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(OLE_MAGIC):
        # HWP 5 is an OLE compound file whose FileHeader stream begins with this signature.
        stream.seek(0)
        body = stream.read(2 * 1024 * 1024)
        stream.seek(0)
        return "hwp" if HWP_SIGNATURE in body else None
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(stream)
        stream.seek(0)
        return kind
    return None


def validate_document(upload: UploadedFile) -> DocumentType:
    """Refuse files that are too large, of a type not accepted, or whose name disagrees with the content."""
    limit = settings.PORTAL_UPLOAD_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size).1f MB; files may be at most %(limit)d MB.")
            % {"name": upload.name, "size": upload.size / 1024 / 1024, "limit": limit // 1024 // 1024},
            code="too_large",
        )
    if not upload.size:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": upload.name}, code="empty")
    extension = os.path.splitext(upload.name or "")[1].lower()
    assert upload.file is not None
    kind = sniff(upload.file)
    if kind is None or extension not in TYPES[kind].extensions:
        raise ValidationError(
            _("“%(name)s” is not an accepted document. Upload PDF, HWP, HWPX, DOCX, XLSX, PPTX or an image.")
            % {"name": upload.name},
            code="bad_type",
        )
    return TYPES[kind]


class DocumentField(forms.FileField):
    """A file field that accepts only the portal's document types."""

    default_error_messages = {"required": gettext_lazy("Choose a file to upload.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "help_text", gettext_lazy("PDF, HWP, HWPX, DOCX, XLSX, PPTX or images; up to 20 MB.")
        )
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", ACCEPT_ATTRIBUTE)

    def clean(self, data: Any, initial: Any = None) -> Any:
        cleaned = super().clean(data, initial)
        if isinstance(cleaned, UploadedFile):
            validate_document(cleaned)
        return cleaned


def upload_to(instance: Any, filename: str) -> str:
    """Store under the model's name with a clean file name; Django adds a suffix if it exists."""
    return f"{instance._meta.app_label}/{instance._meta.model_name}/{get_valid_filename(filename)}"


def document_response(file: Any, *, filename: str, inline: bool = False) -> FileResponse:
    """Serve a stored document with its original name, never as HTML, to a user already checked."""
    response = FileResponse(file.open("rb"), as_attachment=not inline, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def document_build[DocumentT: Document](
    model: type[DocumentT], *, actor: "User | None", upload: UploadedFile, **owner: Any
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


def file_delete_on_commit(file: FieldFile) -> None:
    """A stored file goes only once its row is gone for good: a rollback keeps both."""
    if file.name:
        transaction.on_commit(partial(file.storage.delete, file.name))


def document_remove(document: "Document") -> None:
    """Delete the row now and the stored file once the transaction has committed."""
    document.delete()
    file_delete_on_commit(document.file)
