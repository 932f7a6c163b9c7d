"""The languages the portal speaks, and the cookie that keeps a visitor's choice."""

from django.conf import settings
from django.http import HttpResponse

LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)


def language_cookie_set(response: HttpResponse, language: str) -> None:
    """Keep the interface language in the browser for a year (secure behind HTTPS)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE or 60 * 60 * 24 * 365,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
