"""Notices written as MIME bytes directly, for every mail backend.

Python's `email` package builds a message as a tree of objects and serialises it again to send it;
for a notice that costs more than rendering and sending it together. A notice always has the same
shape, so it is written here in one pass: RFC 2047 headers, a text and an HTML part in base64
(multipart/alternative), attachments beside them (multipart/mixed). `MimeMail` hands the bytes to
Django's backends, which send them as they are (SMTP, file, console) or keep the message (locmem).
"""

import base64
import uuid
from collections.abc import Sequence
from email import message_from_bytes
from email import policy as email_policy
from email.header import Header
from email.message import Message
from email.utils import formataddr, formatdate, make_msgid, parseaddr
from functools import cache
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.core.mail.utils import DNS_NAME

CRLF = b"\r\n"


@cache
def _message_id_domain() -> str:
    return str(DNS_NAME)


def _header(name: str, value: str) -> bytes:
    """One header line, RFC 2047-encoded (and folded) when the value is not plain ASCII."""
    if "\n" in value or "\r" in value:
        raise ValueError(f"header {name} contains a line break")
    text = value if value.isascii() else Header(value, "utf-8", header_name=name).encode(linesep="\r\n")
    return f"{name}: {text}".encode("ascii") + CRLF


def _address_header(value: str) -> str:
    """'Name <address>' as a header carries it: the name RFC 2047-encoded, the address as it is."""
    name, email = parseaddr(value)
    return formataddr((name, email), charset="utf-8") if name else (email or value)


def _part(content_type: str, payload: bytes, extra: Sequence[tuple[str, str]] = ()) -> bytes:
    lines = [_header("Content-Type", content_type), _header("Content-Transfer-Encoding", "base64")]
    lines += [_header(name, value) for name, value in extra]
    return b"".join(lines) + CRLF + base64.encodebytes(payload).replace(b"\n", CRLF)


def _multipart(subtype: str, parts: Sequence[bytes]) -> bytes:
    boundary = f"==============={uuid.uuid4().hex}=="
    body = b"".join(b"--" + boundary.encode() + CRLF + part + CRLF for part in parts)
    return (
        _header("Content-Type", f'multipart/{subtype}; boundary="{boundary}"')
        + CRLF
        + body
        + b"--"
        + boundary.encode()
        + b"--"
        + CRLF
    )


def mime_bytes(
    *,
    sender: str,
    to: str,
    subject: str,
    text: str,
    html: str = "",
    attachments: Sequence[tuple[str, bytes | str, str]] = (),
    headers: dict[str, str] | None = None,
    date: str | None = None,
) -> bytes:
    """The whole message: headers, then the text (and HTML) body, then the attachments."""
    head = [
        _header("From", _address_header(sender)),
        _header("To", _address_header(to)),
        _header("Subject", subject),
        _header("Date", date or formatdate(localtime=True)),
        _header("Message-ID", make_msgid(domain=_message_id_domain())),
        _header("MIME-Version", "1.0"),
    ]
    head += [_header(name, value) for name, value in (headers or {}).items()]
    text_part = _part('text/plain; charset="utf-8"', text.encode())
    body = (
        _multipart("alternative", [text_part, _part('text/html; charset="utf-8"', html.encode())])
        if html
        else text_part
    )
    if attachments:
        files = [
            _part(
                f'{mimetype}; charset="utf-8"' if mimetype.startswith("text/") else mimetype,
                content.encode() if isinstance(content, str) else content,
                [("Content-Disposition", f'attachment; filename="{filename}"')],
            )
            for filename, content, mimetype in attachments
        ]
        body = _multipart("mixed", [body, *files])
    return b"".join(head) + body


class _Written:
    """What Django's backends ask of `EmailMessage.message()`: the bytes, and headers to read."""

    def __init__(self, raw: bytes) -> None:
        self.raw = raw

    def as_bytes(self, *args: Any, **kwargs: Any) -> bytes:
        return self.raw

    def parsed(self) -> Message:
        return message_from_bytes(self.raw, policy=email_policy.default)

    def __getitem__(self, name: str) -> Any:
        return self.parsed()[name]


class MimeMail(EmailMultiAlternatives):
    """A notice already written as MIME bytes, sent through any of Django's mail backends.

    The usual attributes (subject, body, to, alternatives, attachments) are kept for the backends
    and tests that read them; `message()` returns the written bytes instead of building them again.
    """

    def __init__(self, *, raw: bytes, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.raw = raw

    def message(self, *, policy: Any = None) -> Any:
        return _Written(self.raw)
