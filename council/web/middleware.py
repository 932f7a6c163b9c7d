"""Request set-up shared by every page."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from council.web.languages import LANGUAGE_CODES


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
