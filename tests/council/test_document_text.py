"""The text inside uploaded documents: read by a worker after the upload commits, within limits,
and found by portal search under the owner's visibility rules."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from council.files import text as reading
from council.files.documents import document_text_read
from council.files.text import Unreadable, extract_text
from council.models import Document
from members.models import BestPracticeDocument
from members.practices import services as practices
from tests.members.factories import BestPracticeFactory

WORDS = "반도체 부트캠프 참여 기업 모집"


def _hwpx(text: str = WORDS) -> bytes:
    from hwpx import HwpxDocument

    document = HwpxDocument.new()
    document.add_paragraph("안양산업진흥원 공고")
    document.add_paragraph(text)
    return document.to_bytes()


def _hwp(tmp_path, text: str = WORDS) -> bytes:
    from hwpx import HwpxDocument

    document = HwpxDocument.new()
    document.add_paragraph(text)
    path = tmp_path / "notice.hwp"
    document.save_to_path(path)
    return path.read_bytes()


def _pdf(pages: int = 1) -> bytes:
    """A PDF drawn in the portal's embedded Korean font, as its own PDFs are."""
    from meetings.pdf import body_pdf

    return body_pdf(
        "".join(f'<p style="page-break-after:always">Page {number} {WORDS}</p>' for number in range(pages))
    )


def _docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(WORDS)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "참여 기관"
    table.cell(0, 1).text = "대림대학교"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _xlsx() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["사업명", WORDS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _pptx() -> bytes:
    from pptx import Presentation

    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[1])
    slide.shapes.title.text = "사업 소개"
    slide.placeholders[1].text = WORDS
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("build", [_hwpx, _pdf, _docx, _xlsx, _pptx])
def test_each_type_is_read(build):
    assert WORDS in extract_text(build()).text


def test_hwp5_is_read(tmp_path):
    assert WORDS in extract_text(_hwp(tmp_path)).text


def test_limits_keep_a_worker_from_stalling(monkeypatch):
    monkeypatch.setattr(reading, "MAX_PDF_PAGES", 2)
    text = extract_text(_pdf(pages=5)).text
    assert "Page 1" in text and "Page 2" not in text  # only the first pages are read
    monkeypatch.setattr(reading, "MAX_UNPACKED_BYTES", 1024 * 1024)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (4 * 1024 * 1024))  # a few KB packed
    with pytest.raises(Unreadable, match="200MB"):
        extract_text(bomb.getvalue())
    with pytest.raises(Unreadable):
        extract_text(b"%PDF-1.7 broken")
    with pytest.raises(Unreadable):
        extract_text(b"\x89PNG\r\n\x1a\n" + b"0" * 100)


def _attach(bob, practice, name, data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return practices.best_practice_attach(
            actor=bob, practice=practice, upload=SimpleUploadedFile(name, data)
        )


def test_an_upload_is_read_after_commit_and_found_by_whom_may_see_its_owner(
    login, bob, busan_staff, anyang, daerim, django_capture_on_commit_callbacks
):
    practice = BestPracticeFactory(council=anyang, institution=daerim, title="공동 프로그램")
    document = _attach(bob, practice, "공고.hwpx", _hwpx(), django_capture_on_commit_callbacks)
    document.refresh_from_db()
    assert document.text_status == Document.TextStatus.READ and WORDS in document.text
    page = login(bob).get(reverse("search"), {"q": "부트캠프참여"}).content.decode()  # spacing aside
    assert "공고.hwpx" in page and "공동 프로그램" in page and "반도체 부트캠프" in page
    assert "공고.hwpx" in login(bob).get(reverse("search"), {"q": "부트캠프를"}).content.decode()
    assert "공고.hwpx" not in login(busan_staff).get(reverse("search"), {"q": "부트캠프"}).content.decode()


def test_a_broken_or_oversized_file_is_recorded_not_retried(
    login, alice, bob, anyang, daerim, settings, django_capture_on_commit_callbacks
):
    practice = BestPracticeFactory(council=anyang, institution=daerim)
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as archive:  # a Word package by its parts, with no readable body
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "not xml")
    broken = _attach(bob, practice, "깨진.docx", damaged.getvalue(), django_capture_on_commit_callbacks)
    broken.refresh_from_db()
    assert broken.text_status == Document.TextStatus.UNREADABLE and broken.text_note
    label = BestPracticeDocument._meta.label
    assert document_text_read(label=label, pk=broken.pk) == Document.TextStatus.UNREADABLE  # not tried again
    page = login(alice).get(reverse("best-practice-detail", args=[practice.pk])).content.decode()
    assert 'data-testid="text-unreadable"' in page
    assert (
        login(alice).get(reverse("best-practice-document", args=[practice.pk, broken.pk])).status_code == 200
    )
    settings.PORTAL_UPLOAD_MAX_BYTES = 1000
    with pytest.raises(Unreadable, match="업로드 한도"):
        extract_text(_hwpx())


@pytest.fixture
def busan_staff(busan):
    from council.models import CouncilRole
    from tests.council.factories import CouncilRoleFactory, UserFactory

    user = UserFactory(username="busan-staff")
    CouncilRoleFactory(user=user, council=busan, kind=CouncilRole.Kind.SECRETARIAT)
    return user
