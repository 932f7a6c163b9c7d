"""Helpers shared by the member directory's pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from council.models import Council, User
from council.permissions import authenticated_user
from council.selectors import request_council


def actor(request: HttpRequest) -> User:
    return authenticated_user(request.user)


def current_council(request: HttpRequest) -> Council | None:
    return request_council(request)


def apply_errors(form: BaseForm, error: ValidationError) -> None:
    """Show a service's validation errors on the form that sent the data."""
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


def spreadsheet_response(content: bytes, *, filename: str, csv: bool = False) -> HttpResponse:
    from council.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE

    response = HttpResponse(content, content_type=CSV_CONTENT_TYPE if csv else XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


def saved(request: HttpRequest, label: str) -> None:
    messages.success(request, _("%(label)s was saved.") % {"label": label})
