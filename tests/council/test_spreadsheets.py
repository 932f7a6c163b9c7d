"""Reading and writing the spreadsheets every import and export goes through."""

import io
import re
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from council.files.spreadsheets import (
    MAX_FILE_BYTES,
    MAX_UNPACKED_BYTES,
    Column,
    SpreadsheetError,
    choice_code,
    read_table,
    write_csv,
    write_template,
    write_xlsx,
)
from members.models import Institution

COLUMNS = (
    Column("name", "Institution name", required=True),
    Column("kind", "Kind", required=True, choices=Institution.Kind.choices),
    Column("region", "Region"),
)


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_xlsx_round_trip_with_korean_headers():
    with translation.override("ko"):
        content = write_xlsx(columns=COLUMNS, rows=[["대림대학교", "대학(산학협력단)", "안양"]], title="기관")
    rows = read_table(upload("institutions.xlsx", content), COLUMNS)
    assert rows == [(2, {"name": "대림대학교", "kind": "대학(산학협력단)", "region": "안양"})]


def test_csv_saved_by_korean_excel_in_cp949_is_read():
    content = "Institution name,Kind,Region\n평촌경영고등학교,high_school,안양\n".encode("cp949")
    assert read_table(upload("x.csv", content), COLUMNS)[0][1]["name"] == "평촌경영고등학교"


def test_csv_export_carries_a_byte_order_mark_for_excel():
    content = write_csv(columns=COLUMNS, rows=[["대림", "university", ""]])
    assert content.startswith(b"\xef\xbb\xbf")
    assert "대림" in content.decode("utf-8-sig")


def test_empty_rows_are_skipped_and_row_numbers_kept():
    content = b"name,kind\nA,firm\n,\nB,firm\n"
    assert [row for row, _values in read_table(upload("x.csv", content), COLUMNS)] == [2, 4]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.txt", b"name\n", "XLSX or CSV"),
        ("x.xlsx", b"not a zip", "XLSX"),
        ("x.csv", b"name,colour\nA,red\n", "colour"),
        ("x.csv", b"region\nA\n", "Institution name"),
        ("x.csv", b"name,kind\n", "no data rows"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(name, content, message):
    with translation.override("en"), pytest.raises(SpreadsheetError, match=message):
        read_table(upload(name, content), COLUMNS)


def test_choices_accept_codes_and_labels_in_either_language():
    choices = Institution.Kind.choices
    assert choice_code("firm", choices) == "firm"
    with translation.override("ko"):
        korean = str(Institution.Kind.FIRM.label)
    assert choice_code(korean, choices) == "firm"
    assert choice_code("nonsense", choices) is None


def test_template_explains_each_column():
    content = write_template(columns=COLUMNS, example=["예시", "firm", ""], title="Institutions")
    workbook = load_workbook(io.BytesIO(content))
    assert len(workbook.sheetnames) == 2
    guide = workbook.worksheets[1]
    assert guide.max_row == len(COLUMNS) + 1


def _tampered_xlsx(rows_xml: str, *, padding: int = 0) -> bytes:
    """A workbook with the header row, whose sheet then gets raw rows appended and loses its stated
    size: what a tool other than Excel, or an attacker, might upload."""
    written = zipfile.ZipFile(io.BytesIO(write_xlsx(columns=COLUMNS, rows=[], title="Sheet")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in written.namelist():
            part = written.read(name).decode()
            if name == "xl/worksheets/sheet1.xml":
                part = re.sub(r"<dimension [^>]*/>", "", part).replace(
                    "</sheetData>", rows_xml + "</sheetData>"
                )
            archive.writestr(name, part)
        if padding:
            archive.writestr("xl/media/padding.xml", "<p>" + " " * padding + "</p>")
    return buffer.getvalue()


def _empty_rows(count: int) -> str:
    return "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t></t></is></c></row>' for n in range(2, count + 2)
    )


def test_a_workbook_of_400000_empty_rows_is_refused_quickly(login, alice, anyang, import_file):
    content = _tampered_xlsx(_empty_rows(400_000))
    assert len(content) < MAX_FILE_BYTES, "small enough to pass the upload limit"
    started = time.monotonic()
    with translation.override("ko"):
        response = import_file(
            login(alice), reverse("institution-import"), SimpleUploadedFile("institutions.xlsx", content)
        )
    assert time.monotonic() - started < 2
    assert response.status_code == 200
    assert "빈 행을 포함하여" in response.content.decode()
    assert not Institution.objects.exists()


def test_a_workbook_that_unpacks_beyond_the_limit_is_refused_before_parsing():
    content = _tampered_xlsx("", padding=MAX_UNPACKED_BYTES)
    assert len(content) < MAX_FILE_BYTES
    started = time.monotonic()
    with translation.override("en"), pytest.raises(SpreadsheetError, match="unpacks to more than"):
        read_table(upload("x.xlsx", content), COLUMNS)
    assert time.monotonic() - started < 2


def test_empty_rows_count_against_the_row_limit_in_csv():
    content = b"name,kind\n" + b",\n" * 20 + b"A,firm\n"
    with translation.override("en"), pytest.raises(SpreadsheetError, match="empty rows included"):
        read_table(upload("x.csv", content), COLUMNS, max_rows=10)
    assert len(read_table(upload("x.csv", content), COLUMNS, max_rows=21)) == 1
