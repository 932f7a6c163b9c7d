"""The annual report as PDF, HWPX and XLSX: the same tables, from the same `annual_report`."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from hwpx import HwpxDocument

from annual.selectors import AnnualReport
from council.files.spreadsheets import Column, Sheet, write_workbook
from council.templatetags.portal import percent
from meetings.hwpx import add_table
from meetings.pdf import render_pdf


@dataclass(frozen=True, slots=True)
class Table:
    title: str
    header: list[str]
    rows: list[list[Any]]


def report_tables(report: AnnualReport) -> list[Table]:
    """The report's sections as titled tables, in the council's language."""
    tables = [
        Table(
            _("Meetings held"),
            [_("Meeting"), _("Date"), _("Kind"), _("Attended"), _("Voting members"), _("Attendance rate")],
            [
                [
                    row.name,
                    f"{row.meeting.starts_at:%Y-%m-%d}" if row.meeting else "",
                    str(row.meeting.get_kind_display()) if row.meeting else "",
                    row.attended,
                    row.invited,
                    percent(row.attendance_rate),
                ]
                for row in report.meetings
            ],
        )
    ]
    if report.full:
        tables.append(
            Table(
                _("Attendance by institution"),
                [_("Institution"), _("Attended"), _("Invited"), _("Attendance rate")],
                [
                    [row.name, row.attended, row.invited, percent(row.attendance_rate)]
                    for row in report.institutions
                ],
            )
        )
    tables.append(
        Table(_("Decisions"), [_("Decision"), _("Items")], [list(pair) for pair in report.decisions])
    )
    tables.append(
        Table(_("Follow-up actions"), [_("Status"), _("Actions")], [list(pair) for pair in report.actions])
    )
    submissions = [
        [_("Best practices published"), report.practices_published],
        [_("Best practices presented at meetings"), report.practices_presented],
    ]
    if report.difficulties is not None:
        submissions += [[label, count] for label, count in report.difficulties.by_status]
        submissions += [
            [_("Median days to a first answer"), report.difficulties.median_days_to_answer or "—"],
            [_("Median days to resolution"), report.difficulties.median_days_to_resolve or "—"],
        ]
    tables.append(
        Table(_("Best practices, difficulties and suggestions"), [_("Figure"), _("Value")], submissions)
    )
    tables.append(
        Table(
            _("Agreements"),
            [_("Figure"), _("Agreements")],
            [
                [_("Signed this year"), report.agreements.get("signed", 0)],
                [_("In force at the year's end"), report.agreements.get("in_force", 0)],
                [_("Expiring this year"), report.agreements.get("expiring", 0)],
            ],
        )
    )
    if report.plan is not None:
        rows: list[list[Any]] = [
            [
                f"{row.code}. {row.title}",
                row.totals.planned,
                row.totals.executed,
                percent(row.totals.execution_rate),
            ]
            for row in report.strategies
        ]
        if report.kpis is not None:
            rows.append(
                [
                    _("KPIs achieved"),
                    report.kpis.achieved,
                    report.kpis.with_target,
                    percent(report.kpis.achievement_rate),
                ]
            )
        tables.append(
            Table(
                f"{report.plan.title} ({report.year})",
                [_("Strategy"), _("Planned (KRW)"), _("Executed (KRW)"), _("Execution rate")],
                rows,
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
        document = HwpxDocument.new()
        document.add_paragraph(report.council.name)
        document.add_heading(_title(report), level=1)
        for table in report_tables(report):
            document.add_heading(table.title, level=2)
            if table.rows:
                add_table(document, table.header, table.rows)
            else:
                document.add_paragraph("—")
        data: bytes = document.to_bytes()
        return data


def annual_xlsx(report: AnnualReport) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        sheets = [
            Sheet(
                title=f"{index}. {table.title}"[:31].replace("/", " ").replace(":", " "),
                columns=[Column(f"c{number}", label) for number, label in enumerate(table.header)],
                rows=table.rows,
            )
            for index, table in enumerate(report_tables(report), start=1)
        ]
        return write_workbook(sheets=sheets)
