"""What every app's pages share: who acts, finding what the user may see, refusing what they may
not do, showing a service's errors on the form, the saved message, and spreadsheet imports and downloads."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from council.files.imports import import_job_create
from council.models import Council, User
from council.permissions import authenticated_user
from council.web.flash import flash_validation_error
from council.web.forms import SpreadsheetImportForm


def actor(request: HttpRequest) -> User:
    """The logged-in user who performs the page's action (views that act are login_required)."""
    return authenticated_user(request.user)


def visible_or_404[M: Model](queryset: QuerySet[M], pk: int) -> M:
    """The object if the user may see it; otherwise a 404 that does not tell whether it exists."""
    try:
        return queryset.get(pk=pk)
    except ObjectDoesNotExist as missing:
        raise Http404 from missing


def page_council(request: HttpRequest, council: Council) -> None:
    """The page shows one council's record: a visitor's header names that council, not the first of
    the published ones. Signed-in users keep the council they work in."""
    request.page_council = council  # type: ignore[attr-defined]


def require(allowed: bool) -> None:
    """Refuse (403) what the user may see but not do."""
    if not allowed:
        raise PermissionDenied


def apply_errors(form: BaseForm, error: ValidationError) -> None:
    """Show a service's validation errors on the form that sent the data."""
    if hasattr(error, "error_dict"):
        # The errors themselves, not their messages, so a page can ask `form.has_error(field, code)`.
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.error_list)


def model_fields(form_class: Any, data: dict[str, Any]) -> dict[str, Any]:
    """A model form's own fields out of its cleaned data: the keyword arguments of an update service."""
    return {name: data[name] for name in form_class.Meta.fields}


def saved(request: HttpRequest, label: str) -> None:
    messages.success(request, _("%(label)s was saved.") % {"label": label})


def spreadsheet_response(content: bytes, *, filename: str, csv: bool = False) -> HttpResponse:
    from council.files.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE

    response = HttpResponse(content, content_type=CSV_CONTENT_TYPE if csv else XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


def submit[T](
    request: HttpRequest,
    form: BaseForm,
    save: Callable[[dict[str, Any]], T],
    *,
    done: Callable[[T], Any],
    message: str | None = None,
) -> HttpResponse | None:
    """A posted, valid form goes to `save` (a service call taking the cleaned data).

    Once saved: a success message (by default "<result> was saved.") and a redirect to `done(result)`,
    a URL or an object with get_absolute_url. None means show the page again: not posted, invalid,
    or refused by the service, whose errors are then on the form.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = save(form.cleaned_data)
    except ValidationError as error:
        apply_errors(form, error)
        return None
    messages.success(request, message or _("%(label)s was saved.") % {"label": result})
    return redirect(done(result))


def edit_or_delete[T](
    request: HttpRequest,
    form: BaseForm,
    save: Callable[[dict[str, Any]], T],
    *,
    done: Callable[[T], Any],
    delete: Callable[[], object],
    deleted: str,
    deleted_url: str,
) -> HttpResponse | None:
    """`submit` for an edit page that also offers deleting, with a submit button named "delete".

    A delete the service refuses comes back to the same page with its reason.
    """
    if request.method == "POST" and "delete" in request.POST:
        try:
            delete()
        except ValidationError as error:
            flash_validation_error(request, error)
            return redirect(request.path)
        messages.success(request, deleted)
        return redirect(deleted_url)
    return submit(request, form, save, done=done)


def import_page(
    request: HttpRequest,
    *,
    kind: str,
    template: str,
    context: dict[str, Any],
    council: Council | None = None,
    params: dict[str, Any] | None = None,
) -> HttpResponse:
    """A spreadsheet import's page: the upload form; a valid upload is handed to a worker and the
    owner follows it on the job's page (council.files.imports)."""
    form = SpreadsheetImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = import_job_create(
            kind=kind,
            actor=actor(request),
            upload=form.cleaned_data["file"],
            page_url=request.path,
            council=council,
            params=params,
        )
        return redirect("import-job", pk=job.pk)
    return render(request, template, {**context, "form": form})
