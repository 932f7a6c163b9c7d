"""Request set-up shared by every page."""

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from council.korean import MARKER_BYTES, with_particles
from council.web.languages import LANGUAGE_CODES
from council.web.redirects import send_to


class UserLanguageMiddleware:
    """Korean unless the user chose otherwise: the account's language, else the language cookie.

    The browser's Accept-Language is not consulted, so a shared office PC shows the portal in Korean.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = settings.LANGUAGE_CODE
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "language", None) in LANGUAGE_CODES:
            language = user.language
        elif request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) in LANGUAGE_CODES:
            language = request.COOKIES[settings.LANGUAGE_COOKIE_NAME]
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        # The API may switch to the token owner's language while answering.
        response.headers.setdefault("Content-Language", getattr(request, "LANGUAGE_CODE", language))
        patch_vary_headers(response, ["Cookie"])
        return response


class IdleSessionMiddleware:
    """Sign out a session left idle for SESSION_IDLE_MINUTES, as on a shared office PC.

    The time of the last request is kept in the session, written at most every
    SESSION_IDLE_WRITE_SECONDS (a minute) so that reading pages does not write the session on every
    request. API calls with a token have no session and are not concerned.
    """

    SEEN = "_portal_seen"

    @classmethod
    def logged_in(cls, sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
        """At login (signal user_logged_in) the idle clock starts; the first pages write nothing."""
        if request is not None and hasattr(request, "session"):
            request.session[cls.SEEN] = int(time.time())

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            seen = request.session.get(self.SEEN)
            if seen is not None and now - int(seen) > settings.SESSION_IDLE_MINUTES * 60:
                logout(request)
                messages.info(
                    request,
                    _("You were signed out after %(minutes)d minutes without activity. Please log in again.")
                    % {"minutes": settings.SESSION_IDLE_MINUTES},
                )
                return send_to(request, "login")
            if seen is None or now - int(seen) >= settings.SESSION_IDLE_WRITE_SECONDS:
                request.session[self.SEEN] = now
        return self.get_response(request)


class KoreanParticlesMiddleware:
    """Pages choose each double particle form ("이(가)") by the word before it (council.korean): the
    words come from the records, so only the finished page knows them. Placed after the compressing
    middleware, so it reads the page before it is compressed."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.streaming
            or not response.get("Content-Type", "").startswith(("text/html", "application/json"))
            or not MARKER_BYTES.search(response.content)
        ):
            return response
        response.content = with_particles(response.content.decode(response.charset)).encode(response.charset)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
