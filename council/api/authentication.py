"""API token authentication that also answers in the account's language.

Tokens are django-rest-knox tokens: stored hashed, expiring (see council.accounts.tokens). The language
middleware runs before DRF authenticates a token, so it sees an anonymous request and picks Korean;
once the token names the user, their chosen language takes over for the response (field errors,
choice labels).
"""

from typing import Any

from django.utils import translation
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from knox.auth import TokenAuthentication
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


class LanguageTokenScheme(OpenApiAuthenticationExtension):
    """Documents the token header in the API schema, as drf-spectacular does for knox's own class."""

    target_class = LanguageTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        prefix = LanguageTokenAuthentication().authenticate_header(None)
        return build_bearer_security_scheme_object(header_name="Authorization", token_prefix=prefix)
