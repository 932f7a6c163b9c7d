"""The text inside uploaded documents, so that search finds a file by the words in it.

Each type is read by a maintained library: PDF by pypdf, HWPX and HWP 5 by python-hwpx, DOCX by
python-docx, XLSX by openpyxl, PPTX by python-pptx. Limits keep one file from stalling a worker:
the stored size, the unpacked size of a zip package (a zip bomb), the pages read of a PDF, and the
characters kept. Images have no text to read. The Celery task runs under a time limit as well.
"""

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from council.files.uploads import sniff

# What is read of one file at most.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_PDF_PAGES = 500
MAX_CHARS = 200_000
MAX_SHEET_ROWS = 20_000
IMAGE_KINDS = {"png", "jpeg", "gif", "webp"}


class Unreadable(Exception):
    """The file's text cannot be read; the message says why, for staff."""

    def __init__(self, reason: str | Promise) -> None:
        super().__init__(str(reason))
        self.reason = str(reason)


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    truncated: bool


def _check_package(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise Unreadable(_("The file is damaged: it is not a readable package.")) from error
    if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
        raise Unreadable(_("The file unpacks to more than 200 MB; its text is not read."))
    return archive


def _pdf(data: bytes) -> Iterator[str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    for index, page in enumerate(reader.pages):
        if index >= MAX_PDF_PAGES:
            break
        yield page.extract_text() or ""


def _hwpx(data: bytes) -> Iterator[str]:
    from hwpx.tools.text_extractor import TextExtractor

    with TextExtractor(_check_package(data)) as extractor:
        yield extractor.extract_text()


def _hwp(data: bytes) -> Iterator[str]:
    from hwpx import HwpxDocument

    document = HwpxDocument.open(data)
    yield from _hwpx(document.to_bytes())


def _docx(data: bytes) -> Iterator[str]:
    import docx

    _check_package(data)
    document = docx.Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        yield paragraph.text
    for table in document.tables:
        for row in table.rows:
            yield " ".join(cell.text for cell in row.cells)


def _xlsx(data: bytes) -> Iterator[str]:
    from openpyxl import load_workbook

    _check_package(data)
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            yield sheet.title
            for number, row in enumerate(sheet.iter_rows(values_only=True)):
                if number >= MAX_SHEET_ROWS:
                    break
                yield " ".join(str(value) for value in row if value not in (None, ""))
    finally:
        workbook.close()


def _pptx(data: bytes) -> Iterator[str]:
    from pptx import Presentation

    _check_package(data)
    for slide in Presentation(io.BytesIO(data)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                yield shape.text_frame.text


READERS = {"pdf": _pdf, "hwpx": _hwpx, "hwp": _hwp, "docx": _docx, "xlsx": _xlsx, "pptx": _pptx}


def extract_text(data: bytes) -> Extracted:
    """The file's text (whitespace collapsed per line, at most MAX_CHARS), by the type its content
    shows. Raises Unreadable with the reason when there is none to read."""
    if len(data) > settings.PORTAL_UPLOAD_MAX_BYTES:
        raise Unreadable(_("The file is larger than uploads may be; its text is not read."))
    kind = sniff(io.BytesIO(data))
    if kind in IMAGE_KINDS:
        raise Unreadable(_("An image has no text to read."))
    reader = READERS.get(kind or "")
    if reader is None:
        raise Unreadable(_("The file's type is not one whose text is read."))
    parts: list[str] = []
    length = 0
    try:
        for chunk in reader(data):
            line = "\n".join(" ".join(part.split()) for part in chunk.splitlines() if part.strip())
            if not line:
                continue
            parts.append(line)
            length += len(line) + 1
            if length >= MAX_CHARS:
                break
    except Unreadable:
        raise
    except Exception as error:  # a damaged file of any library's making
        raise Unreadable(_("The file is damaged or protected; its text could not be read.")) from error
    text = "\n".join(parts)
    return Extracted(text=text[:MAX_CHARS], truncated=length >= MAX_CHARS)
