"""Rendering notices: the subject once per language, the body once per language and variant.

An announcement to 2,000 invitees says the same to all of them but for a few personal strings (the
answer links signed for each invitation). `Composer` renders a kind's templates once for each
language and variant (NoticeKind.variant) with markers in place of those strings, then writes each
recipient's values into the markers: HTML-escaped in the HTML part, as they are in the text part,
as the template engine would have. The first recipient of each variant is also rendered in full
and compared; should a template transform a personal string (a filter, say), the variant falls
back to rendering every recipient on their own.
"""

import logging
from collections.abc import Hashable
from typing import Any

from django.conf import settings
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.html import conditional_escape

from council.korean import with_particles
from council.models import Dispatch, Notice
from council.notices.kinds import NoticeKind, Rendered, kind_for

logger = logging.getLogger(__name__)

_MARK = "\ue000{}\ue001"  # private-use characters: escaping leaves them alone, no text contains them


def render_plain(template_name: str, context: dict[str, Any]) -> str:
    """A plain-text template (mail subject or text part) rendered without HTML escaping:
    "R&D" must reach the reader as "R&D", not "R&amp;D"."""
    template = get_template(template_name)
    return template.template.render(Context(context, autoescape=False))  # type: ignore[attr-defined]


def render_subject(kind: NoticeKind, dispatch: Dispatch, context: dict[str, Any], language: str) -> str:
    with translation.override(language):
        subject = render_plain(f"{kind.template}_subject.txt", {"dispatch": dispatch, **context})
    return with_particles(" ".join(subject.split()))[:300]


def _marked(personal: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """`personal` with each string (also inside a dict) replaced by a marker, and the strings in
    marker order."""
    marked: dict[str, Any] = {}
    values: list[str] = []

    def mark(value: str) -> str:
        values.append(value)
        return _MARK.format(len(values) - 1)

    for key, value in personal.items():
        if isinstance(value, str):
            marked[key] = mark(value)
        elif isinstance(value, dict):
            marked[key] = {name: mark(item) for name, item in value.items()}
        else:
            marked[key] = value
    return marked, values


def _fill(template: str, values: list[str], *, html: bool) -> str:
    for index, value in enumerate(values):
        template = template.replace(_MARK.format(index), str(conditional_escape(value)) if html else value)
    return template


class _SharedNotice:
    """What a shared rendering may read of the notice: what all recipients of a language share.
    A template that reads more of it (a name, an address) renders differently from the first
    recipient's full rendering, so its variant is not shared."""

    def __init__(self, notice: Notice) -> None:
        self.title = notice.title
        self.language = notice.language
        self.url = notice.url


class Composer:
    """Renders the notices of one dispatch in a delivery batch, sharing what they have in common."""

    def __init__(self, dispatch: Dispatch, context: dict[str, Any]) -> None:
        self.dispatch = dispatch
        self.kind = kind_for(dispatch.kind)
        self.context = context
        self.shared: dict[tuple[str, Hashable], tuple[str, str] | None] = {}

    def _full_context(self, notice: Notice, personal: dict[str, Any]) -> dict[str, Any]:
        return {
            "dispatch": self.dispatch,
            "notice": notice,
            "site_url": settings.SITE_URL,
            "link": f"{settings.SITE_URL}{notice.url}" if notice.url else settings.SITE_URL,
            **self.context,
            **personal,
        }

    def _render(self, full: dict[str, Any]) -> tuple[str, str]:
        template = self.kind.template
        return render_plain(f"{template}.txt", full), render_to_string(f"{template}.html", full)

    def render(self, notice: Notice) -> Rendered:
        """One notice in its recipient's language, as mail text, HTML, attachments and headers."""
        personal = self.kind.recipient_context(self.dispatch, notice, self.context)
        with translation.override(notice.language):
            full = self._full_context(notice, personal)
            text, html = self._body(notice, personal, full)
            return Rendered(
                title=notice.title,
                text=with_particles(text),
                html=with_particles(html),
                attachments=self.kind.attachments(self.dispatch, notice, full),
                headers=self.kind.headers(self.dispatch, notice, full),
            )

    def _body(self, notice: Notice, personal: dict[str, Any], full: dict[str, Any]) -> tuple[str, str]:
        variant = self.kind.variant(self.dispatch, notice, personal)
        if variant is None:
            return self._render(full)
        key = (notice.language, variant)
        marked, values = _marked(personal)
        if key not in self.shared:
            shared_notice = _SharedNotice(notice)
            text_marked, html_marked = self._render(self._full_context(shared_notice, marked))  # type: ignore[arg-type]
            text, html = self._render(full)
            filled = (_fill(text_marked, values, html=False), _fill(html_marked, values, html=True))
            if filled == (text, html):
                self.shared[key] = (text_marked, html_marked)
            else:
                logger.warning("notice kind %s renders its personal strings; not shared", self.kind.key)
                self.shared[key] = None
            return text, html
        shared = self.shared[key]
        if shared is None:
            return self._render(full)
        return _fill(shared[0], values, html=False), _fill(shared[1], values, html=True)


def render_notice(notice: Notice, context: dict[str, Any] | None = None) -> Rendered:
    """Render one notice on its own (the notification list's preview, tests)."""
    dispatch = notice.dispatch
    if context is None:
        context = kind_for(dispatch.kind).context(dispatch, [notice])
    return Composer(dispatch, context).render(notice)
