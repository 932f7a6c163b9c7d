"""Printable agenda packs and minutes (WeasyPrint), with the portal's Korean font embedded.

A new machine has no Korean font, so the PDF brings its own: Pretendard GOV from the KRDS kit.
"""

import functools
import io
import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from PIL import Image

from council.web.markdown import render_markdown
from meetings.models import AgendaDocument, AgendaItem, Meeting
from meetings.selectors import meeting_actions, meeting_invitations, meeting_quorum, printed_agenda

# pypdf, like WeasyPrint, is imported where a pack is bound: most processes that serve pages never bind one.
if TYPE_CHECKING:
    from pypdf import PdfReader

FONT_FILES = {
    400: "vendor/krds/fonts/PretendardGOV-Regular.subset.woff",
    700: "vendor/krds/fonts/PretendardGOV-Bold.subset.woff",
}
FONT_FAMILY = "Pretendard GOV"
# What every printed page is drawn in: the embedded font, then a Korean system font should it be missing.
FONT_STACK = f'"{FONT_FAMILY}", "NanumGothic", sans-serif'


def _embedded_fonts() -> dict[int, str]:
    """The URI of the embedded font's file of each weight found among the static files."""
    found = {weight: finders.find(path) for weight, path in FONT_FILES.items()}
    return {weight: Path(str(file)).resolve().as_uri() for weight, file in found.items() if file}


def font_face_css() -> str:
    """The @font-face rules of the embedded Korean font, for any HTML that WeasyPrint draws.

    Without them a machine with no Korean system font draws placeholder glyphs, and the PDF's text
    can be neither read nor searched.
    """
    return "\n".join(
        f'@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; '
        f'src: url("{uri}") format("woff"); }}'
        for weight, uri in _embedded_fonts().items()
    )


# What a printed page may load: the font files and images on this machine, and data: URLs. It never
# reaches the network, whatever a page's HTML names.
LOCAL_PROTOCOLS = ("file", "data")
# The fetcher's HTTPS handler wants a TLS context, and without one loads every system certificate
# for each document. HTTPS is refused above, so this empty one is never used.
_UNUSED_TLS = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


@functools.cache
def _unpacked_font(uri: str) -> bytes:
    """The TrueType font inside an embedded WOFF file. WeasyPrint unpacks a WOFF font again for every
    document it draws, about half the time of drawing a one-page document here; this is done once per
    font and process."""
    from fontTools.ttLib import TTFont

    packed = TTFont(io.BytesIO(Path(url2pathname(urlparse(uri).path)).read_bytes()))
    packed.flavor = packed.flavorData = None
    unpacked = io.BytesIO()
    packed.save(unpacked)
    return unpacked.getvalue()


def _html(string: str, **options: Any) -> Any:
    """The HTML as a WeasyPrint document that fetches only LOCAL_PROTOCOLS, and the embedded font
    already unpacked."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    fonts = set(_embedded_fonts().values())

    class LocalFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url in fonts:
                return URLFetcherResponse(url, _unpacked_font(url), {"Content-Type": "font/ttf"})
            return super().fetch(url, headers)

    fetcher = LocalFetcher(allowed_protocols=LOCAL_PROTOCOLS, ssl_context=_UNUSED_TLS)
    return HTML(string=string, url_fetcher=fetcher, **options)


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    """A print template as PDF, with the portal's Korean fonts embedded."""
    shared = {"font_face_css": font_face_css(), "font_stack": FONT_STACK, "printed_at": timezone.now()}
    html = render_to_string(template, {**context, **shared})
    return _html(html, base_url=str(settings.BASE_DIR)).write_pdf()


def body_pdf(body: str, *, lang: str = "ko") -> bytes:
    """A bare HTML body (no print template) as PDF, drawn in the embedded Korean font."""
    style = f"<style>{font_face_css()} body {{ font-family: {FONT_STACK}; }}</style>"
    return _html(f'<html lang="{lang}"><head>{style}</head><body>{body}</body></html>').write_pdf()


# A bound pack stops taking documents past these, so one request cannot stall on a huge upload; the
# rest are listed as separate downloads, as other file types are.
MAX_BOUND_PAGES = 400
MAX_BOUND_BYTES = 60 * 1024 * 1024
BOUND_TYPES = {"PDF", "PNG", "JPEG", "GIF", "WebP"}


@dataclass(slots=True)
class _Bound:
    """An attached document's pages, ready to append to the pack, and its bookmark."""

    document: AgendaDocument
    bookmark: str
    reader: "PdfReader"


def _as_pdf(document: AgendaDocument) -> "PdfReader | None":
    """The document as PDF pages: a PDF as it is, an image on a page of its own; None if unreadable."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        with document.file.open("rb") as stored:
            data = stored.read()
        if document.type_label != "PDF":
            with Image.open(io.BytesIO(data)) as image:
                buffer = io.BytesIO()
                image.convert("RGB").save(buffer, "PDF", resolution=150)
                data = buffer.getvalue()
        return PdfReader(io.BytesIO(data))
    except (OSError, PdfReadError, ValueError):
        return None


def _bindable(items: list[AgendaItem]) -> tuple[list[_Bound], set[int]]:
    """The documents the pack includes, in agenda order, within the page and size limits."""
    bound: list[_Bound] = []
    pages = size = 0
    for number, item in enumerate(items, start=1):
        for document in item.documents.all():
            if document.type_label not in BOUND_TYPES or size + document.size > MAX_BOUND_BYTES:
                continue
            reader = _as_pdf(document)
            if reader is None or pages + len(reader.pages) > MAX_BOUND_PAGES:
                continue
            pages += len(reader.pages)
            size += document.size
            bound.append(_Bound(document, f"{number}. {item.title} · {document.title}", reader))
    return bound, {entry.document.pk for entry in bound}


def agenda_pack_pdf(meeting: Meeting) -> bytes:
    """One bound file, as a Korean 회의자료 is: cover, agenda with presenters and time, the document
    list, the attendance sheet, then each attached PDF and image in agenda order, bookmarked.
    Other documents (HWP, DOCX …) are listed as separate downloads."""
    meeting = Meeting.objects.select_related("council", "chair").get(pk=meeting.pk)
    items = printed_agenda(meeting=meeting)
    bound, bound_ids = _bindable(items)
    pack = render_pdf(
        "meetings/print/agenda_pack.html",
        {
            "meeting": meeting,
            "items": items,
            "bound_ids": bound_ids,
            "invitations": list(meeting_invitations(meeting=meeting)),
        },
    )
    if not bound:
        return pack
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(pack)), outline_item=f"{meeting.council.name} {meeting.label}")
    for entry in bound:
        writer.append(entry.reader, outline_item=entry.bookmark)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def minutes_pdf(meeting: Meeting) -> bytes:
    """The minutes with the decisions, follow-up actions and attendance."""
    meeting = Meeting.objects.select_related("council", "chair", "minutes").get(pk=meeting.pk)
    items = printed_agenda(meeting=meeting)
    return render_pdf(
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
