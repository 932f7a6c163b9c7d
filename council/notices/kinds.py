"""Kinds of notice: who receives one and what it says, registered by each app.

Nothing here touches the database or sends anything: the outbox (council.notices.outbox) stores
and delivers notices, council.notices.compose renders them, council.notices.mail sends them.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from council.models import Dispatch, Notice


@dataclass(frozen=True, slots=True)
class Recipient:
    email: str
    name: str = ""
    language: str = "ko"
    user_id: int | None = None
    reference: str = ""
    # For someone the portal cannot mail: the number staff call instead.
    phone: str = ""

    @property
    def key(self) -> str:
        if self.email:
            return f"mail:{self.email.lower()}"
        return f"user:{self.user_id}" if self.user_id else f"phone:{self.reference}"


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str
    content: bytes | str
    mimetype: str


@dataclass(slots=True)
class Rendered:
    title: str
    text: str
    html: str
    attachments: list[Attachment] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)


class NoticeKind:
    """How one kind of notice finds its recipients and renders them.

    Templates live at `<template>_subject.txt`, `<template>.txt` and `<template>.html`.
    `context` is loaded once per delivery batch, for the batch's notices (none when only the subject
    is rendered); `recipient_context` adds what differs per person, and `variant` says which
    recipients may share one rendering.
    """

    key: ClassVar[str]
    template: ClassVar[str]
    label: ClassVar[Any] = ""

    def recipients(self, dispatch: Dispatch) -> Iterable[Recipient]:
        raise NotImplementedError

    def context(self, dispatch: Dispatch, notices: Sequence[Notice] = ()) -> dict[str, Any]:
        return {}

    def recipient_context(
        self, dispatch: Dispatch, notice: Notice, context: dict[str, Any]
    ) -> dict[str, Any]:
        return {}

    def link(self, dispatch: Dispatch, context: dict[str, Any]) -> str:
        return ""

    def attachments(self, dispatch: Dispatch, notice: Notice, context: dict[str, Any]) -> list[Attachment]:
        return []

    def headers(self, dispatch: Dispatch, notice: Notice, context: dict[str, Any]) -> dict[str, str]:
        return {}

    def variant(self, dispatch: Dispatch, notice: Notice, personal: dict[str, Any]) -> Hashable | None:
        """Recipients whose notices have the same variant (and language) read the same text but for
        the strings of their `recipient_context`, so it is rendered once for them (council.notices.
        compose). By default they share it when `recipient_context` holds strings (or dicts of
        strings) only; a kind that passes objects says here which of their values change the text.
        None renders the notice on its own."""
        if all(_is_personal_text(value) for value in personal.values()):
            return ""
        return None


def _is_personal_text(value: Any) -> bool:
    return isinstance(value, str) or (
        isinstance(value, dict) and all(isinstance(item, str) for item in value.values())
    )


_kinds: dict[str, NoticeKind] = {}


def register_kind(kind: type[NoticeKind]) -> type[NoticeKind]:
    """Class decorator: make a notice kind known to the outbox."""
    _kinds[kind.key] = kind()
    return kind


def kind_for(key: str) -> NoticeKind:
    return _kinds[key]


def is_registered(key: str) -> bool:
    return key in _kinds


def kind_label(key: str) -> str:
    """The kind's name for people (e.g. "meeting invitation"), falling back to its key."""
    kind = _kinds.get(key)
    return str(kind.label) if kind is not None and kind.label else key
