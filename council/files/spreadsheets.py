"""Spreadsheet import and export (XLSX and CSV) shared by every app.

An import reads the whole file first and validates every row; only when no row has an error is
anything saved, and then in one transaction. Headers may be the column keys or their labels in
Korean or English, so a template downloaded in either language can be filled in and uploaded.
"""

import csv
import io
import time
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.core.files.uploadedfile import UploadedFile
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

# openpyxl is imported where a workbook is read or written: importing it costs about 0.1 s at the start
# of every process, most of which (web and Celery workers, commands) never touch a workbook.
if TYPE_CHECKING:
    from openpyxl import Workbook

# A worksheet row, in the SpreadsheetML namespace of ECMA-376 (openpyxl.xml.constants.SHEET_MAIN_NS).
ROW_TAG = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}row"
MAX_ROWS = 5000
MAX_FILE_BYTES = 10 * 1024 * 1024
# What reading one file may cost, whatever it holds: an XLSX is a zip, and a small upload can unpack
# to gigabytes or to hundreds of thousands of empty rows.
MAX_UNPACKED_BYTES = 60 * 1024 * 1024
MAX_READ_SECONDS = 20.0
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    label: str | Promise
    required: bool = False
    help: str | Promise = ""
    choices: Sequence[tuple[str, Any]] = ()
    number_format: str = ""  # how a written sheet shows the column's numbers ("#,##0", "0.0%")

    def labels(self) -> set[str]:
        names = {self.key.lower()}
        for language in ("ko", "en"):
            with translation.override(language):
                names.add(str(self.label).strip().lower())
        return names


@dataclass(frozen=True, slots=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass(slots=True)
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)


class SpreadsheetError(Exception):
    """The file as a whole cannot be read (wrong type, no header, too many rows)."""


class ImportRejected(Exception):
    """Some rows are invalid; nothing was saved."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} row errors")
        self.errors = errors


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _too_many_rows(max_rows: int) -> SpreadsheetError:
    return SpreadsheetError(
        _("A file may hold at most %(count)d rows below the header, empty rows included.")
        % {"count": max_rows}
    )


def _check_workbook_size(data: bytes, max_rows: int) -> None:
    """Refuse a workbook that unpacks beyond the limit, or has a sheet of more rows than allowed,
    before openpyxl parses it (which reads a whole sheet to size it when the sheet does not say)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(member.file_size for member in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise SpreadsheetError(
                    _(
                        "The workbook unpacks to more than %(size)d MB. "
                        "Save only the sheet to import, without empty rows."
                    )
                    % {"size": MAX_UNPACKED_BYTES // 1024 // 1024}
                )
            for name in archive.namelist():
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    with archive.open(name) as part:
                        _count_rows(part, max_rows)
    except (zipfile.BadZipFile, OSError, ParseError, DefusedXmlException) as error:
        raise SpreadsheetError(_("The file is not a readable XLSX workbook.")) from error


def _count_rows(part: IO[bytes], max_rows: int) -> None:
    """Stream through a worksheet's rows, stopping as soon as there are more than allowed."""
    rows = 0
    for _event, element in iterparse(part, events=("start",)):
        if element.tag == ROW_TAG:
            rows += 1
            if rows > max_rows + 1:
                raise _too_many_rows(max_rows)


def _xlsx_rows(data: bytes, max_rows: int, sheet_names: Sequence[str | Promise]) -> Iterable[list[str]]:
    from openpyxl import load_workbook

    _check_workbook_size(data, max_rows)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise SpreadsheetError(_("The file is not a readable XLSX workbook.")) from error
    sheet = _sheet_named(workbook, sheet_names)
    for row in sheet.iter_rows(values_only=True):
        yield [_cell_text(value) for value in row]


def _sheet_named(workbook: "Workbook", names: Sequence[str | Promise]) -> Any:
    """The first sheet whose title is one of `names` in Korean or English, else the first sheet: a
    workbook the portal exported is imported as downloaded, whichever sheet comes first."""
    wanted = set()
    for name in names:
        for language in ("ko", "en"):
            with translation.override(language):
                wanted.add(str(name)[:31].strip().lower())
    for sheet in workbook.worksheets:
        if sheet.title.strip().lower() in wanted:
            return sheet
    return workbook.worksheets[0]


def _csv_rows(data: bytes) -> Iterable[list[str]]:
    # Excel in Korean saves CSV as CP949 unless told otherwise; UTF-8 (with or without BOM) is tried first.
    for encoding in ("utf-8-sig", "cp949"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SpreadsheetError(_("The CSV file is neither UTF-8 nor CP949 text."))
    if "\x00" in text:
        raise SpreadsheetError(_("The CSV file contains binary data."))
    for row in csv.reader(io.StringIO(text)):
        yield [_csv_text(cell.strip()).strip() for cell in row]


def read_table(
    upload: UploadedFile,
    columns: Sequence[Column],
    *,
    max_rows: int = MAX_ROWS,
    max_bytes: int = MAX_FILE_BYTES,
    sheet_names: Sequence[str | Promise] = (),
) -> list[tuple[int, dict[str, str]]]:
    """Rows of an uploaded XLSX or CSV file as (row number, {column key: text}); empty rows skipped.

    A workbook is read from its sheet named one of `sheet_names`, or else from its first sheet.

    Reading is bounded by what is read, not by what is kept: every row counts against `max_rows`,
    empty or not, and reading stops after MAX_READ_SECONDS.
    """
    deadline = time.monotonic() + MAX_READ_SECONDS
    name = (upload.name or "").lower()
    if upload.size is not None and upload.size > max_bytes:
        raise SpreadsheetError(
            _("The file is larger than %(size)d MB.") % {"size": max_bytes // 1024 // 1024}
        )
    data = upload.read()
    if name.endswith(".xlsx"):
        if not data.startswith(b"PK\x03\x04"):
            raise SpreadsheetError(_("The file is not a readable XLSX workbook."))
        rows = iter(_xlsx_rows(data, max_rows, sheet_names))
    elif name.endswith(".csv"):
        rows = iter(_csv_rows(data))
    else:
        raise SpreadsheetError(_("Upload an XLSX or CSV file."))

    header = next(rows, None)
    if not header or not any(header):
        raise SpreadsheetError(_("The first row must name the columns."))
    lookup = {label: column for column in columns for label in column.labels()}
    positions: dict[int, Column] = {}
    unknown = []
    for index, title in enumerate(header):
        cleaned = title.replace("*", "").strip().lower()
        if not cleaned:
            continue
        if cleaned in lookup:
            positions[index] = lookup[cleaned]
        else:
            unknown.append(title)
    if unknown:
        raise SpreadsheetError(_("Unknown columns: %(columns)s") % {"columns": ", ".join(unknown)})
    present = {column.key for column in positions.values()}
    missing = [str(column.label) for column in columns if column.required and column.key not in present]
    if missing:
        raise SpreadsheetError(_("Missing required columns: %(columns)s") % {"columns": ", ".join(missing)})

    table = []
    for number, row in enumerate(rows, start=2):
        if number > max_rows + 1:
            raise _too_many_rows(max_rows)
        if time.monotonic() > deadline:
            raise SpreadsheetError(
                _("The file took too long to read. Split it into smaller files, without empty rows.")
            )
        values = {column.key: (row[index] if index < len(row) else "") for index, column in positions.items()}
        if not any(values.values()):
            continue
        table.append((number, values))
    if not table:
        raise SpreadsheetError(_("The file has no data rows."))
    return table


@dataclass(frozen=True, slots=True)
class ChoiceLookup:
    """A choice column's values as a file may spell them: the stored code, or its label in Korean or
    English, in any case. Built once for a whole file's rows (`choice_lookup`)."""

    choices: Sequence[tuple[str, Any]]
    spellings: dict[str, str]

    def code(self, raw: str) -> str | None:
        """The stored code the cell's text spells, or None."""
        return self.spellings.get(raw.strip().lower())

    def allowed(self) -> str:
        """The labels to name when a cell spells none of them, in the current language."""
        return ", ".join(str(label) for _code, label in self.choices)


def choice_lookup(choices: Sequence[tuple[str, Any]]) -> ChoiceLookup:
    spellings: dict[str, str] = {}
    for language in ("ko", "en"):
        with translation.override(language):
            for code, label in choices:
                spellings.setdefault(str(label).strip().lower(), str(code))
    spellings.update((str(code).lower(), str(code)) for code, _label in choices)
    return ChoiceLookup(choices=choices, spellings=spellings)


def choice_code(raw: str, choices: Sequence[tuple[str, Any]]) -> str | None:
    """The stored code for a value given as the code or as its label in Korean or English."""
    return choice_lookup(choices).code(raw)


# What a spreadsheet takes for the start of a formula or a command when a cell's text begins with it
# (OWASP "CSV injection"), in ASCII and full width. Such text is always written as text.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
# Marks text in a CSV cell, as Excel's own apostrophe prefix does; the importer takes it off again.
TEXT_MARK = "'"


def _runs_as_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def _csv_cell(value: object) -> object:
    """A CSV cell that Excel shows as the text it is: text that would run is marked, and so is text
    that already begins with the mark, so that reading it back takes off exactly what was added."""
    if value is None:
        return ""
    if _runs_as_formula(value) or (isinstance(value, str) and value.startswith(TEXT_MARK)):
        return TEXT_MARK + str(value)
    return value


def _csv_text(cell: str) -> str:
    """The text of a CSV cell the portal (or Excel) marked as text."""
    if cell.startswith(TEXT_MARK) and (_runs_as_formula(cell[1:]) or cell[1:].startswith(TEXT_MARK)):
        return cell[1:]
    return cell


def _append_row(sheet: Any, values: Sequence[Any]) -> tuple[Any, ...]:
    """Append a row and answer its cells; text that a spreadsheet would run stays a text cell (numbers
    and dates stay what they are), with the quote prefix Excel itself gives typed text, so editing it
    keeps it text."""
    sheet.append(list(values))
    cells: tuple[Any, ...] = sheet[sheet.max_row]
    for cell in cells:
        if _runs_as_formula(cell.value):
            cell.data_type = "s"
            cell.quotePrefix = True
    return cells


def _header(column: Column) -> str:
    return f"{column.label}*" if column.required else str(column.label)


@dataclass(frozen=True, slots=True)
class Sheet:
    """One worksheet of a workbook: its title, columns and rows."""

    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]]


def _fill_sheet(sheet: Any, columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    _append_row(sheet, [_header(column) for column in columns])
    widths = [len(_header(column)) * 2 + 2 for column in columns]
    formats = [column.number_format for column in columns]
    count = 0
    for row in rows:
        cells = _append_row(sheet, row)
        count += 1
        for index, cell in enumerate(cells):
            value = cell.value
            shown = str(value if value is not None else "")
            if formats[index] and isinstance(value, int | float | Decimal):
                cell.number_format = formats[index]
                # About as wide as the number shown: grouped, a fraction (a rate) to two places.
                shown = f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"
            widths[index] = min(max(widths[index], len(shown) + 2), 60)
    header_fill = PatternFill("solid", fgColor="E6EEF8")
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        sheet.column_dimensions[get_column_letter(index)].width = widths[index - 1]
        if column.choices:
            labels = ",".join(str(label) for _code, label in column.choices)
            if len(labels) < 250:
                validation = DataValidation(
                    type="list", formula1=f'"{labels}"', allow_blank=not column.required
                )
                sheet.add_data_validation(validation)
                validation.add(
                    f"{get_column_letter(index)}2:{get_column_letter(index)}{max(count + 1, 1000)}"
                )
    sheet.freeze_panes = "A2"


def write_xlsx(*, columns: Sequence[Column], rows: Iterable[Sequence[Any]], title: str) -> bytes:
    """A workbook with a bold, frozen header, sensible widths and drop-downs for choice columns."""
    return write_workbook(sheets=[Sheet(title=title, columns=columns, rows=rows)])


def write_workbook(*, sheets: Sequence[Sheet]) -> bytes:
    """A workbook of several sheets, each formatted like `write_xlsx`."""
    return _xlsx_bytes(_workbook(sheets))


def _workbook(sheets: Sequence[Sheet]) -> "Workbook":
    from openpyxl import Workbook

    workbook = Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    for spec in sheets:
        _fill_sheet(workbook.create_sheet(spec.title[:31]), spec.columns, spec.rows)
    return workbook


def _xlsx_bytes(workbook: "Workbook") -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_csv(*, columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 with a byte-order mark, which Excel needs to show Korean correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_header(column) for column in columns])
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def write_template(
    *,
    columns: Sequence[Column],
    title: str,
    example: Sequence[Any] = (),
    examples: Sequence[Sequence[Any]] = (),
) -> bytes:
    """An import template: the header, the example rows and a sheet explaining each column.

    `example` is one example row, `examples` several; given both, `example` comes first.
    """
    from openpyxl.styles import Font

    rows = [example, *examples] if example else list(examples)
    workbook = _workbook([Sheet(title=title, columns=columns, rows=rows)])
    guide = workbook.create_sheet(_("Guide"))
    _append_row(guide, [_("Column"), _("Required"), _("How to fill it in")])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for column in columns:
        allowed = ", ".join(str(label) for _code, label in column.choices)
        explanation = " ".join(
            part for part in (str(column.help), allowed and _("One of: ") + allowed) if part
        )
        _append_row(guide, [str(column.label), _("Yes") if column.required else "", explanation])
    guide.column_dimensions["A"].width = 24
    guide.column_dimensions["B"].width = 10
    guide.column_dimensions["C"].width = 90
    return _xlsx_bytes(workbook)
