"""Sending mail: one connection per batch, through Django's MAILERS."""

import logging
import smtplib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.utils import formatdate

from django.conf import settings
from django.core.mail import mailers

from council.notices.kinds import Rendered
from council.notices.mime import MimeMail, mime_bytes

logger = logging.getLogger(__name__)

# Errors that concern one message: the connection is still good for the others.
RECIPIENT_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a mail did not go out, and whether trying again later can help.

    SMTP says so in its reply code: 4xx is temporary (greylisting, a full mailbox, a server busy or
    rate-limiting), 5xx permanent (no such user, message refused). A broken or refused connection is
    temporary: the server may be back in a minute.
    """

    reason: str
    permanent: bool = False


def failure_of(error: Exception) -> Failure:
    reason = f"{type(error).__name__}: {error}"
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return Failure(reason, permanent=bool(codes) and all(code >= 500 for code in codes))
    if isinstance(error, smtplib.SMTPResponseException) and not isinstance(error, smtplib.SMTPConnectError):
        return Failure(reason, permanent=error.smtp_code >= 500)
    return Failure(reason)


@dataclass(frozen=True, slots=True)
class OutgoingMail:
    key: int
    to: str
    rendered: Rendered


def build_message(mail: OutgoingMail, *, date: str | None = None) -> MimeMail:
    """The notice as MIME bytes (council.notices.mime), wrapped for Django's mail backends."""
    rendered = mail.rendered
    files = [(item.filename, item.content, item.mimetype) for item in rendered.attachments]
    raw = mime_bytes(
        sender=settings.DEFAULT_FROM_EMAIL,
        to=mail.to,
        subject=rendered.title,
        text=rendered.text,
        html=rendered.html,
        attachments=files,
        headers=rendered.headers,
        date=date,
    )
    message = MimeMail(
        raw=raw,
        subject=rendered.title,
        body=rendered.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.to],
        headers=rendered.headers,
    )
    if rendered.html:
        message.attach_alternative(rendered.html, "text/html")
    for filename, content, mimetype in files:
        message.attach(filename, content, mimetype)
    return message


def mail_batch_send(
    *,
    mails: Sequence[OutgoingMail],
    on_sent: Callable[[int], None],
    on_failed: Callable[[int, Failure], None],
) -> int:
    """Send each mail over one connection, reporting each outcome as soon as it is known.

    A refused message fails only that mail; a broken connection gives the rest back unsent.
    """
    sent = 0
    remaining = list(mails)
    date = formatdate(localtime=True)
    try:
        with mailers.default as connection:
            while remaining:
                mail = remaining[0]
                try:
                    connection.send_messages([build_message(mail, date=date)])
                except RECIPIENT_ERRORS as error:
                    remaining.pop(0)
                    on_failed(mail.key, failure_of(error))
                    continue
                remaining.pop(0)
                on_sent(mail.key)
                sent += 1
    except (OSError, smtplib.SMTPException) as error:
        logger.warning("mail connection failed after %d of %d messages: %s", sent, len(mails), error)
        failure = failure_of(error)
        for mail in remaining:
            on_failed(mail.key, failure)
    return sent
