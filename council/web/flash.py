"""Problems reported on the next page, for forms posted from a page and answered with a redirect."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest


def flash_form_errors(request: HttpRequest, form: BaseForm) -> None:
    """Every error of a form, each prefixed with its field's label."""
    for field, problems in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for problem in problems:
            messages.error(request, f"{label}: {problem}" if label else str(problem))


def flash_validation_error(request: HttpRequest, error: ValidationError) -> None:
    """Each problem a service reported, as its own message."""
    for message in error.messages:
        messages.error(request, message)
