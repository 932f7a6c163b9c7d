"""API token authentication that also answers in the account's language.

The language middleware runs before DRF authenticates a token, so it sees an anonymous request
and picks Korean; once the token names the user, their chosen language takes over for the
response (field errors, choice labels).
"""

from typing import Any

from django.utils import translation
from rest_framework.authentication import TokenAuthentication
from rest_framework.request import Request

from council.web.languages import LANGUAGE_CODES


class LanguageTokenAuthentication(TokenAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        result = super().authenticate(request)
        if result is not None:
            language = getattr(result[0], "language", None)
            if language in LANGUAGE_CODES:
                translation.activate(language)
                request._request.LANGUAGE_CODE = language
        return result
