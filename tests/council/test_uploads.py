"""Uploaded documents are judged by their content and size, never by their name alone."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from council.files.uploads import HWP_SIGNATURE, OLE_MAGIC, validate_document


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


SAMPLES = {
    "minutes.pdf": b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n",
    "agenda.hwp": OLE_MAGIC + b"\x00" * 504 + HWP_SIGNATURE + b"\x00" * 100,
    "agenda.hwpx": zipped({"mimetype": b"application/hwp+zip", "Contents/section0.xml": b"<x/>"}),
    "report.docx": zipped({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"}),
    "budget.xlsx": zipped({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"}),
    "slides.pptx": zipped({"[Content_Types].xml": b"<x/>", "ppt/presentation.xml": b"<x/>"}),
    "photo.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 20,
    "photo.jpg": b"\xff\xd8\xff\xe0" + b"\x00" * 20,
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_accepted_documents(name):
    assert validate_document(SimpleUploadedFile(name, SAMPLES[name])).label


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("evil.pdf", b"<html><script>alert(1)</script></html>"),
        ("renamed.pdf", SAMPLES["photo.png"]),
        ("macro.docx", zipped({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"})),
        ("old.doc", OLE_MAGIC + b"\x00" * 600),
        ("run.exe", b"MZ\x90\x00"),
        ("page.html", b"<!doctype html>"),
    ],
)
def test_refused_documents(name, content):
    with translation.override("ko"), pytest.raises(ValidationError) as error:
        validate_document(SimpleUploadedFile(name, content))
    assert name in error.value.messages[0]


def test_oversized_documents_are_refused(settings):
    settings.PORTAL_UPLOAD_MAX_BYTES = 1024
    with translation.override("en"), pytest.raises(ValidationError, match="at most"):
        validate_document(SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 2048))


def test_empty_files_are_refused():
    with pytest.raises(ValidationError):
        validate_document(SimpleUploadedFile("empty.pdf", b""))
