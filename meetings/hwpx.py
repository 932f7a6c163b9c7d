"""Meeting documents as HWPX, the format city offices edit, stamp and file: the agenda pack (회의자료)
and the minutes (회의록), beside the PDFs (meetings.pdf) and from the same records.

Laid out as a Korean public document: a title block (council, title, date), a summary table, then
the items, and the tables staff would otherwise retype (agenda, documents, attendance, decisions,
follow-up actions). Written with python-hwpx; `hwpx_validate` runs the library's own package
and schema checks. Always in the council's language, whatever language the reader uses.
"""

import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING
from zipfile import ZipFile

from django.conf import settings
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from meetings.minutes_draft import vote_counts
from meetings.models import Meeting
from meetings.selectors import meeting_actions, meeting_invitations, meeting_quorum, printed_agenda

# python-hwpx is imported when a document is written or read: importing it costs about 0.3 s at the
# start of every process that serves pages, most of which never write one.
if TYPE_CHECKING:
    from hwpx import HwpxDocument
    from hwpx.oxml.table import HwpxOxmlTable, HwpxOxmlTableCell

CONTENT_TYPE = "application/hwp+zip"
# The background of header cells, in every table the documents print.
HEADER_SHADING = "#E6ECF5"


def new_document() -> "HwpxDocument":
    """An empty HWPX document, in the library's default Korean page set-up."""
    from hwpx import HwpxDocument

    return HwpxDocument.new()


def _when(meeting: Meeting) -> str:
    """The date and time as every page and print shows them (meetings/includes/when.html)."""
    return render_to_string("meetings/includes/when.html", {"meeting": meeting}).strip()


def _new_table(
    document: "HwpxDocument", rows: int, columns: int
) -> tuple["HwpxOxmlTable", list[list["HwpxOxmlTableCell"]]]:
    """A table and its cells by row and column, taken from one layout of it: the library finds a cell
    by its row and column by laying out the whole table again, which made a table of 200 rows take
    half a minute to fill cell by cell."""
    table = document.add_table(rows, columns)
    return table, [[position.cell for position in line] for line in table.get_cell_map()]


def add_table(
    document: "HwpxDocument",
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    right: Sequence[bool] = (),
) -> None:
    """A table with a shaded header row; the columns flagged in `right` (numbers) are right-aligned."""
    table, cells = _new_table(document, len(rows) + 1, len(header))
    aligned = [column for column, flag in enumerate(right) if flag]
    right_id = document.parts.headers[0].ensure_paragraph_alignment("RIGHT") if aligned else None
    for column, label in enumerate(header):
        cells[0][column].set_text(label)
        table.set_cell_shading(0, column, HEADER_SHADING)
    for line, row in zip(cells[1:], rows, strict=True):
        for cell, value in zip(line, row, strict=True):
            cell.set_text(str(value) if value not in (None, "") else "—")
    for column in aligned:
        for line in cells:
            for paragraph in line[column].paragraphs:
                paragraph.para_pr_id_ref = right_id


def _title_block(document: "HwpxDocument", meeting: Meeting, title: str) -> None:
    document.add_paragraph(meeting.council.name)
    document.add_heading(f"{meeting.label} {meeting.get_kind_display()} {title}", level=1)
    if meeting.title:
        document.add_paragraph(meeting.title)


def _summary(document: "HwpxDocument", meeting: Meeting, *, with_quorum: bool) -> None:
    rows: list[tuple[str, str]] = [(_("When"), _when(meeting))]
    if meeting.venue:
        rows.append((_("Where"), f"{meeting.venue}{', ' + meeting.address if meeting.address else ''}"))
    if meeting.online_url:
        rows.append((_("Online"), meeting.online_url))
    if meeting.chair:
        rows.append((_("Chair"), meeting.chair.name))
    if with_quorum:
        quorum = meeting_quorum(meeting=meeting)
        rows.append(
            (
                _("Quorum"),
                _("%(present)d of %(members)d voting members present (%(required)d needed)")
                % {"present": quorum.present, "members": quorum.members, "required": quorum.required},
            )
        )
    table, cells = _new_table(document, len(rows), 2)
    for index, ((label, value), (label_cell, value_cell)) in enumerate(zip(rows, cells, strict=True)):
        label_cell.set_text(label)
        table.set_cell_shading(index, 0, HEADER_SHADING)
        value_cell.set_text(value)


def _finish(document: "HwpxDocument") -> bytes:
    data: bytes = document.to_bytes()
    return data


def agenda_pack_hwpx(meeting: Meeting) -> bytes:
    """The 회의자료: title block and summary, the agenda with presenters and minutes allotted, the
    documents of each item, and an attendance sheet to sign."""
    with translation.override(settings.LANGUAGE_CODE):
        meeting = Meeting.objects.select_related("council", "chair").get(pk=meeting.pk)
        items = printed_agenda(meeting=meeting)
        document = new_document()
        _title_block(document, meeting, _("Agenda pack"))
        _summary(document, meeting, with_quorum=False)
        if meeting.description:
            document.add_paragraph(meeting.description)
        document.add_heading(_("Agenda"), level=2)
        add_table(
            document,
            ["#", _("Item"), _("Kind"), _("Presenter"), _("Time (min)")],
            [
                (number, item.title, item.get_kind_display(), item.presenter_name, item.minutes_allotted)
                for number, item in enumerate(items, start=1)
            ],
            right=[True, False, False, False, True],
        )
        for number, item in enumerate(items, start=1):
            if item.description:
                document.add_paragraph(f"{number}. {item.title}")
                document.add_paragraph(item.description)
        document.add_heading(_("Documents"), level=2)
        documents = [
            (number, item.title, attached.title, attached.type_label, filesizeformat(attached.size))
            for number, item in enumerate(items, start=1)
            for attached in item.documents.all()
        ]
        if documents:
            add_table(
                document,
                ["#", _("Item"), _("Document"), _("Type"), _("Size")],
                documents,
                right=[True, False, False, False, True],
            )
        else:
            document.add_paragraph(_("No documents."))
        document.add_heading(_("Attendance sheet"), level=2)
        add_table(
            document,
            ["#", _("Institution"), _("Name"), _("Seat"), _("Signature")],
            [
                (
                    number,
                    invitation.institution.name if invitation.institution else "",
                    invitation.person.name if invitation.person else invitation.name,
                    _("Guest")
                    if invitation.is_guest
                    else invitation.membership.get_role_display()
                    if invitation.membership
                    else "",
                    " ",
                )
                for number, invitation in enumerate(meeting_invitations(meeting=meeting), start=1)
            ],
            right=[True],
        )
        return _finish(document)


def _markdown_lines(body: str) -> list[str]:
    """The minutes' Markdown as plain paragraphs: markers dropped, table rows as "a · b"."""
    lines = []
    for raw in body.splitlines():
        line = raw.strip()
        if not line or re.fullmatch(r"\|?[\s:|-]+\|?", line):
            continue
        if line.startswith("|"):
            line = " · ".join(cell.strip() for cell in line.strip("|").split("|"))
        lines.append(re.sub(r"^(#+|[-*]|\d+\.)\s+", "", line).replace("**", ""))
    return lines


def minutes_hwpx(meeting: Meeting) -> bytes:
    """The 회의록: title block and summary with the quorum, attendees and absentees by institution,
    each item's decision and vote counts, the follow-up actions, and the minutes' own text."""
    with translation.override(settings.LANGUAGE_CODE):
        meeting = Meeting.objects.select_related("council", "chair", "minutes").get(pk=meeting.pk)
        document = new_document()
        _title_block(document, meeting, _("minutes"))
        _summary(document, meeting, with_quorum=True)
        invitations = list(meeting_invitations(meeting=meeting))
        for heading, attended in ((_("Attended"), True), (_("Absent"), False)):
            document.add_heading(heading, level=2)
            # An invitee's name already says their institution: "이양창 (대림대학교 산학협력단)".
            names = [invitation.name for invitation in invitations if invitation.attended is attended]
            document.add_paragraph(", ".join(names) if names else "—")
        document.add_heading(_("Decisions"), level=2)
        add_table(
            document,
            ["#", _("Item"), _("Presenter"), _("Decision"), _("Votes")],
            [
                (
                    number,
                    item.title + (f" — {item.decision_text.strip()}" if item.decision_text else ""),
                    item.presenter_name,
                    item.get_decision_display() if item.decision else _("not recorded"),
                    vote_counts(item),
                )
                for number, item in enumerate(printed_agenda(meeting=meeting), start=1)
            ],
            right=[True, False, False, False, True],
        )
        document.add_heading(_("Follow-up actions"), level=2)
        actions = list(meeting_actions(meeting=meeting))
        if actions:
            add_table(
                document,
                ["#", _("Action"), _("Responsible"), _("Due"), _("Status")],
                [
                    (
                        number,
                        action.title,
                        action.assignee.name if action.assignee else "",
                        date_format(action.due_on, "DATE_FORMAT") if action.due_on else "",
                        action.get_status_display(),
                    )
                    for number, action in enumerate(actions, start=1)
                ],
                right=[True],
            )
        else:
            document.add_paragraph(_("No follow-up actions recorded."))
        minutes = getattr(meeting, "minutes", None)
        if minutes is not None and minutes.body.strip():
            document.add_heading(_("Minutes"), level=2)
            for line in _markdown_lines(minutes.body):
                document.add_paragraph(line)
        return _finish(document)


def hwpx_response(data: bytes, name: str) -> HttpResponse:
    """A download named for people ("안양 산학관 2024년 제1차 회의자료.hwpx"), in UTF-8 as RFC 6266 allows."""
    response = HttpResponse(data, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.hwpx")
    return response


def hwpx_validate(data: bytes) -> list[str]:
    """The library's package checks of a generated file: the problems found, none when valid."""
    from hwpx.tools.package_validator import validate_package

    report = validate_package(data)
    return [str(issue) for issue in report.errors]


def hwpx_text(data: bytes) -> str:
    """The text of an HWPX file, paragraph by paragraph (table cells included)."""
    from hwpx.tools.text_extractor import TextExtractor

    with TextExtractor(ZipFile(io.BytesIO(data))) as extractor:
        text: str = extractor.extract_text()
    return text
