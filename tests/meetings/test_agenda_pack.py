"""The agenda pack is one bound file: the pack's own pages, then each attached PDF and image in
agenda order, bookmarked; other documents are listed as separate downloads."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from meetings import services
from meetings.pdf import agenda_pack_pdf, body_pdf
from tests.support.pdf import png


def _pdf(*pages: str) -> bytes:
    return body_pdf("".join(f'<p style="page-break-after: always">{text}</p>' for text in pages))


def test_the_pack_binds_attached_pdfs_and_images_in_agenda_order(alice, meeting):
    first = services.agenda_item_add(actor=alice, meeting=meeting, title="우수사례 발표", kind="presentation")
    second = services.agenda_item_add(actor=alice, meeting=meeting, title="협약 심의", kind="deliberation")
    uploads = [
        (
            first,
            SimpleUploadedFile(
                "사례.pdf", _pdf("Attachment A page 1", "Attachment A page 2"), "application/pdf"
            ),
        ),
        (second, SimpleUploadedFile("협약서.pdf", _pdf("Attachment B page 1"))),
        (second, SimpleUploadedFile("현장.png", png())),
    ]
    for item, upload in uploads:
        services.agenda_document_add(actor=alice, item=item, upload=upload)

    reader = PdfReader(io.BytesIO(agenda_pack_pdf(meeting)))
    top = [entry for entry in reader.outline if not isinstance(entry, list)]  # the pack nests its headings
    marks = [(entry.title, reader.get_destination_page_number(entry)) for entry in top]
    assert marks[0] == (f"{meeting.council.name} {meeting.label}", 0)
    attached = marks[1][1]  # the pack's own pages come first
    assert marks[1:] == [
        ("1. 우수사례 발표 · 사례.pdf", attached),
        ("2. 협약 심의 · 협약서.pdf", attached + 2),
        ("2. 협약 심의 · 현장.png", attached + 3),
    ]
    assert len(reader.pages) == attached + 4
    text = [page.extract_text() for page in reader.pages]
    assert "Attachment A page 1" in text[attached] and "Attachment A page 2" in text[attached + 1]
    assert "Attachment B page 1" in text[attached + 2]
    assert "출석부 뒤에 수록" in "".join(text[:attached])
