"""Printable agenda packs and minutes (WeasyPrint), with the portal's Korean font embedded.

A new machine has no Korean font, so the PDF brings its own: Pretendard GOV from the KRDS kit.
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from council.web.markdown import render_markdown
from meetings.models import Meeting
from meetings.selectors import meeting_actions, meeting_invitations, meeting_quorum

FONT_FILES = {
    400: "vendor/krds/fonts/PretendardGOV-Regular.subset.woff",
    700: "vendor/krds/fonts/PretendardGOV-Bold.subset.woff",
}


def _font_faces() -> list[dict[str, Any]]:
    faces = []
    for weight, path in FONT_FILES.items():
        found = finders.find(path)
        if found:
            faces.append({"weight": weight, "url": Path(str(found)).resolve().as_uri()})
    return faces


def _render(template: str, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, {**context, "font_faces": _font_faces(), "printed_at": timezone.now()})
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def agenda_pack_pdf(meeting: Meeting) -> bytes:
    """Cover, agenda with presenters and time, the documents of each item, and an attendance sheet."""
    meeting = Meeting.objects.select_related("council", "chair").get(pk=meeting.pk)
    items = list(
        meeting.agenda_items.shared()
        .select_related("presenter_person", "presenter_institution")
        .prefetch_related("documents")
        .order_by("order", "id")
    )
    return _render(
        "meetings/print/agenda_pack.html",
        {"meeting": meeting, "items": items, "invitations": list(meeting_invitations(meeting=meeting))},
    )


def minutes_pdf(meeting: Meeting) -> bytes:
    """The minutes with the decisions, follow-up actions and attendance."""
    meeting = Meeting.objects.select_related("council", "chair", "minutes").get(pk=meeting.pk)
    items = list(meeting.agenda_items.shared().order_by("order", "id"))
    return _render(
        "meetings/print/minutes.html",
        {
            "meeting": meeting,
            "items": items,
            "minutes": meeting.minutes,
            "body": render_markdown(meeting.minutes.body),
            "actions": list(meeting_actions(meeting=meeting)),
            "invitations": list(meeting_invitations(meeting=meeting)),
            "quorum": meeting_quorum(meeting=meeting),
        },
    )
