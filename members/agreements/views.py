"""Agreement pages: the list, one agreement with its documents and results, record and edit.

Agreements of a published council are public, like its signing ceremonies; the queryset decides.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.files.forms import DocumentUploadForm
from council.files.uploads import document_response
from council.history import change_history
from council.models import Council
from council.selectors import request_council
from council.web.listing import list_filter, render_list
from council.web.navigation import detail_sections
from council.web.page_cache import Clock, cached_page
from council.web.pages import actor, apply_errors, page_council, require, submit, visible_or_404
from members.agreements import permissions, services
from members.agreements.filters import AgreementFilter
from members.agreements.forms import AgreementForm
from members.agreements.selectors import agreement_detail_queryset
from members.agreements.selectors import agreement_list as select_agreements
from members.directory.permissions import institutions_visible_to
from members.models import Agreement, AgreementDocument, BestPractice


@cached_page(clock=Clock.DAY)
def agreement_list(request: HttpRequest) -> HttpResponse:
    filterset = list_filter(
        request, filterset_class=AgreementFilter, queryset=select_agreements(user=request.user)
    )
    council = request_council(request)
    return render_list(
        request,
        "members/agreement_list.html",
        filterset=filterset,
        context={"council": council, "can_create": permissions.can_create_agreement(request.user, council)},
    )


def _agreement(request: HttpRequest, pk: int) -> Agreement:
    """The agreement with all its page shows, for views that may show that page (again, with errors)."""
    return visible_or_404(agreement_detail_queryset(user=request.user), pk)


def _visible(request: HttpRequest, pk: int) -> Agreement:
    """The agreement for a view that does not show its page."""
    return visible_or_404(permissions.agreements_visible_to(request.user).select_related("council"), pk)


def _detail(request: HttpRequest, agreement: Agreement, status: int = 200, **forms: Any) -> HttpResponse:
    page_council(request, agreement.council)
    can_change = permissions.can_change_agreement(request.user, agreement)
    context = {
        "agreement": agreement,
        "can_change": can_change,
        "upload_form": (forms.get("upload_form") or DocumentUploadForm()) if can_change else None,
        "sections": detail_sections(request, "agreement", agreement),
        "history": change_history(agreement.history.all()) if can_change else None,
    }
    return render(request, "members/agreement_detail.html", context, status=status)


def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _agreement(request, pk))


def _form_page(request: HttpRequest, agreement: Agreement | None, council: Council) -> HttpResponse:
    form = AgreementForm(
        request.POST or None,
        request.FILES or None,
        instance=agreement,
        parties=institutions_visible_to(request.user).filter(is_active=True).order_by("name"),
        practices=BestPractice.objects.filter(council=council, status=BestPractice.Status.PUBLISHED)
        .select_related("institution")
        .order_by("-published_at"),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        relations = {
            "parties": list(data.pop("parties")),
            "areas": data.pop("areas"),
            "best_practices": list(data.pop("best_practices")),
            "documents": data.pop("documents"),
        }
        try:
            if agreement is None:
                agreement = services.agreement_create(
                    actor=actor(request), council=council, **relations, **data
                )
            else:
                agreement = services.agreement_update(
                    actor=actor(request), agreement=agreement, **relations, **data
                )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The agreement was saved."))
            return redirect("agreement-detail", pk=agreement.pk)
    return render(
        request,
        "members/agreement_form.html",
        {"form": form, "agreement": agreement, "council": council},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def agreement_create(request: HttpRequest) -> HttpResponse:
    council = request_council(request)
    require(permissions.can_create_agreement(request.user, council))
    assert council is not None
    return _form_page(request, None, council)


@login_required
def agreement_update(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _visible(request, pk)
    require(permissions.can_change_agreement(request.user, agreement))
    return _form_page(request, agreement, agreement.council)


@login_required
@require_POST
def agreement_document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = _agreement(request, pk)
    require(permissions.can_change_agreement(request.user, agreement))
    form = DocumentUploadForm(request.POST, request.FILES)
    done = submit(
        request,
        form,
        lambda data: services.agreement_attach(
            actor=actor(request), agreement=agreement, upload=data["file"]
        ),
        done=lambda _document: agreement,
        message=_("The file was attached."),
    )
    return done or _detail(request, agreement, status=400, upload_form=form)


def agreement_document(request: HttpRequest, pk: int, document_id: int) -> FileResponse:
    """Download a document: whoever may see the agreement may read its documents."""
    agreement = _visible(request, pk)
    document = get_object_or_404(AgreementDocument, pk=document_id, agreement=agreement)
    return document_response(document.file, filename=document.name)


@login_required
@require_POST
def agreement_document_delete(request: HttpRequest, pk: int, document_id: int) -> HttpResponse:
    agreement = _visible(request, pk)
    document = get_object_or_404(
        AgreementDocument.objects.select_related("agreement"), pk=document_id, agreement=agreement
    )
    services.agreement_document_delete(actor=actor(request), document=document)
    messages.success(request, _("“%(name)s” was removed.") % {"name": document.name})
    return redirect("agreement-detail", pk=agreement.pk)
