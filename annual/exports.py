"""The annual report as PDF, HWPX and XLSX: the same tables, from the same `annual_report`.

Each column says what it holds. Counts and amounts in won are whole numbers, printed with
separators (13,042,000,000 under a "(원)" header) and right-aligned in the PDF and the HWPX; rates
are printed as percentages. The spreadsheet keeps them as numbers, formatted the same way.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from annual.selectors import AnnualReport
from council.files.spreadsheets import Column, Sheet, write_workbook
from council.templatetags.portal import percent
from meetings.hwpx import add_table, new_document
from meetings.pdf import render_pdf


class Kind(Enum):
    TEXT = "text"
    NUMBER = "number"  # a count or an amount in won; a text ("—", "2.5일") is printed as it is
    RATE = "rate"  # a ratio, 0.954 for 95.4%


@dataclass(frozen=True, slots=True)
class Field:
    """A column of a table: its header and the kind of value it holds."""

    label: str
    kind: Kind = Kind.TEXT

    @property
    def numeric(self) -> bool:
        return self.kind is not Kind.TEXT

    @property
    def number_format(self) -> str:
        """How the spreadsheet shows the column's numbers, as the documents print them."""
        return {Kind.NUMBER: "#,##0", Kind.RATE: "0.0%"}.get(self.kind, "")

    def text(self, value: Any) -> str:
        if value is None or value == "":
            return "—"
        if self.kind is Kind.RATE:
            return percent(value)
        if self.kind is Kind.NUMBER and isinstance(value, int | Decimal):
            return f"{value:,}"
        return str(value)


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    numeric: bool


@dataclass(frozen=True, slots=True)
class Table:
    title: str
    fields: list[Field]
    rows: list[list[Any]]  # the values as counted; `lines` is how they are printed

    @property
    def lines(self) -> list[list[Cell]]:
        return [
            [Cell(field.text(value), field.numeric) for field, value in zip(self.fields, row, strict=True)]
            for row in self.rows
        ]


def _days(value: float | None) -> str | None:
    return None if value is None else _("%(days)s days") % {"days": f"{value:,.1f}"}


def report_tables(report: AnnualReport) -> list[Table]:
    """The report's sections as titled tables, in the council's language."""
    attended, rate = Field(_("Attended"), Kind.NUMBER), Field(_("Attendance rate"), Kind.RATE)
    tables = [
        Table(
            _("Meetings held"),
            [
                Field(_("Meeting")),
                Field(_("Date")),
                Field(_("Kind")),
                attended,
                Field(_("Voting members"), Kind.NUMBER),
                rate,
            ],
            [
                [
                    row.name,
                    f"{row.meeting.starts_at:%Y-%m-%d}" if row.meeting else None,
                    str(row.meeting.get_kind_display()) if row.meeting else None,
                    row.attended,
                    row.invited,
                    row.attendance_rate,
                ]
                for row in report.meetings
            ],
        )
    ]
    if report.full:
        tables.append(
            Table(
                _("Attendance by institution"),
                [Field(_("Institution")), attended, Field(_("Invited"), Kind.NUMBER), rate],
                [[row.name, row.attended, row.invited, row.attendance_rate] for row in report.institutions],
            )
        )
    tables.append(
        Table(
            _("Decisions"),
            [Field(_("Decision")), Field(_("Items"), Kind.NUMBER)],
            [list(pair) for pair in report.decisions],
        )
    )
    tables.append(
        Table(
            _("Follow-up actions"),
            [Field(_("Status")), Field(_("Actions"), Kind.NUMBER)],
            [list(pair) for pair in report.actions],
        )
    )
    submissions: list[list[Any]] = [
        [_("Best practices published"), report.practices_published],
        [_("Best practices presented at meetings"), report.practices_presented],
    ]
    if report.difficulties is not None:
        submissions += [[label, count] for label, count in report.difficulties.by_status]
        submissions += [
            [_("Median days to a first answer"), _days(report.difficulties.median_days_to_answer)],
            [_("Median days to resolution"), _days(report.difficulties.median_days_to_resolve)],
        ]
    tables.append(
        Table(
            _("Best practices, difficulties and suggestions"),
            [Field(_("Figure")), Field(_("Value"), Kind.NUMBER)],
            submissions,
        )
    )
    tables.append(
        Table(
            _("Agreements"),
            [Field(_("Figure")), Field(_("Agreements"), Kind.NUMBER)],
            [
                [_("Signed this year"), report.agreements.get("signed", 0)],
                [_("In force at the year's end"), report.agreements.get("in_force", 0)],
                [_("Expiring this year"), report.agreements.get("expiring", 0)],
            ],
        )
    )
    if report.plan is not None:
        tables.append(
            Table(
                f"{report.plan.title} ({report.year})",
                [
                    Field(_("Strategy")),
                    Field(_("Planned (KRW)"), Kind.NUMBER),
                    Field(_("Executed (KRW)"), Kind.NUMBER),
                    Field(_("Execution rate"), Kind.RATE),
                ],
                [
                    [
                        f"{row.code}. {row.title}",
                        row.totals.planned,
                        row.totals.executed,
                        row.totals.execution_rate,
                    ]
                    for row in report.strategies
                ],
            )
        )
    if report.kpis is not None:
        # Counts of indicators, not amounts: a table of their own, not a row under the budget's headers.
        tables.append(
            Table(
                _("KPIs (%(year)d)") % {"year": report.year},
                [
                    Field(_("KPIs with a target"), Kind.NUMBER),
                    Field(_("KPIs achieved"), Kind.NUMBER),
                    Field(_("Achievement rate"), Kind.RATE),
                ],
                [[report.kpis.with_target, report.kpis.achieved, report.kpis.achievement_rate]],
            )
        )
    return tables


def _title(report: AnnualReport) -> str:
    return _("%(year)d annual report") % {"year": report.year}


def annual_pdf(report: AnnualReport) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        return render_pdf(
            "annual/print.html", {"report": report, "title": _title(report), "tables": report_tables(report)}
        )


def annual_hwpx(report: AnnualReport) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        document = new_document()
        document.add_paragraph(report.council.name)
        document.add_heading(_title(report), level=1)
        for table in report_tables(report):
            document.add_heading(table.title, level=2)
            if table.rows:
                add_table(
                    document,
                    [field.label for field in table.fields],
                    [[cell.text for cell in line] for line in table.lines],
                    right=[field.numeric for field in table.fields],
                )
            else:
                document.add_paragraph("—")
        data: bytes = document.to_bytes()
        return data


def annual_xlsx(report: AnnualReport) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        sheets = [
            Sheet(
                title=f"{index}. {table.title}"[:31].replace("/", " ").replace(":", " "),
                columns=[
                    Column(f"c{number}", field.label, number_format=field.number_format)
                    for number, field in enumerate(table.fields)
                ],
                rows=table.rows,
            )
            for index, table in enumerate(report_tables(report), start=1)
        ]
        return write_workbook(sheets=sheets)
