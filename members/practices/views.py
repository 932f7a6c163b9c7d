"""Best practice pages: the gallery, one practice, write and edit, submit, review, attachments.

Published practices of a published council are public, so the gallery and the detail page do not
require a login; the queryset decides what each visitor sees.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.files.forms import DocumentUploadForm
from council.files.uploads import document_response
from council.history import change_history
from council.selectors import request_council
from council.web.listing import list_filter, render_list
from council.web.navigation import detail_sections
from council.web.page_cache import Clock, cached_page
from council.web.pages import actor, apply_errors, page_council, require, submit, visible_or_404
from members.directory.permissions import institutions_visible_to
from members.models import BestPractice, BestPracticeDocument, Institution
from members.practices import permissions, services
from members.practices.filters import BestPracticeFilter
from members.practices.forms import BestPracticeForm, ReviewForm, UnpublishForm, figure_formset, figures_data
from members.practices.selectors import best_practice_detail_queryset
from members.practices.selectors import best_practice_list as select_practices
from members.submissions import can_submit_on, submitting_institutions

GALLERY_PAGE_SIZE = 12


@cached_page(clock=Clock.DAY)
def best_practice_list(request: HttpRequest) -> HttpResponse:
    filterset = list_filter(
        request, filterset_class=BestPracticeFilter, queryset=select_practices(user=request.user)
    )
    council = request_council(request)
    return render_list(
        request,
        "members/best_practice_list.html",
        filterset=filterset,
        context={
            "council": council,
            "can_create": can_submit_on(request.user, council),
        },
        per_page=GALLERY_PAGE_SIZE,
    )


def _practice(request: HttpRequest, pk: int) -> BestPractice:
    """The practice with all its page shows, for views that may show that page (again, with a form's errors).

    Scoped to the user first, so another institution's draft is a 404.
    """
    return visible_or_404(best_practice_detail_queryset(user=request.user), pk)


def _visible(request: HttpRequest, pk: int) -> BestPractice:
    """The practice for an action that only redirects: scoped to the user like `_practice`."""
    return visible_or_404(
        permissions.best_practices_visible_to(request.user).select_related("council", "institution"), pk
    )


def _detail(request: HttpRequest, practice: BestPractice, status: int = 200, **forms: Any) -> HttpResponse:
    page_council(request, practice.council)
    user = request.user
    can_edit = permissions.can_edit_best_practice(user, practice)
    context = {
        "practice": practice,
        "can_edit": can_edit,
        "can_submit": permissions.can_submit_best_practice(user, practice),
        "can_review": permissions.can_review_best_practice(user, practice),
        "can_unpublish": permissions.can_unpublish_best_practice(user, practice),
        "can_delete": permissions.can_delete_best_practice(user, practice),
        "sees_comments": permissions.can_see_review_comments(user, practice),
        "history": (
            change_history(practice.history.all())
            if permissions.can_see_best_practice_history(user, practice)
            else None
        ),
        "review_form": forms.get("review_form") or ReviewForm(),
        "unpublish_form": forms.get("unpublish_form") or UnpublishForm(),
        "upload_form": (forms.get("upload_form") or DocumentUploadForm()) if can_edit else None,
        "sections": detail_sections(request, "best_practice", practice),
    }
    return render(request, "members/best_practice_detail.html", context, status=status)


def best_practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _practice(request, pk))


def _form_page(request: HttpRequest, practice: BestPractice | None) -> HttpResponse:
    council = practice.council if practice else request_council(request)
    if practice is None:
        require(can_submit_on(request.user, council))
    else:
        require(permissions.can_edit_best_practice(request.user, practice))
    assert council is not None
    institutions = submitting_institutions(request.user, council)
    if practice is not None:
        # Keep the current institution selectable, even for the secretariat correcting someone else's.
        institutions = Institution.objects.filter(
            Q(pk__in=institutions.values("pk")) | Q(pk=practice.institution_id)
        )
    form = BestPracticeForm(
        request.POST or None,
        request.FILES or None,
        instance=practice,
        institutions=institutions,
        partners=institutions_visible_to(request.user).filter(is_active=True).order_by("name"),
    )
    figures = figure_formset(request.POST or None, practice=practice)
    if request.method == "POST" and form.is_valid() and figures.is_valid():
        data = dict(form.cleaned_data)
        relations = {
            "partners": list(data.pop("partners")),
            "figures": figures_data(figures),
            "documents": data.pop("documents"),
        }
        try:
            if practice is None:
                practice = services.best_practice_create(
                    actor=actor(request), council=council, **relations, **data
                )
            else:
                practice = services.best_practice_update(
                    actor=actor(request), practice=practice, **relations, **data
                )
            if "submit" in request.POST and permissions.can_submit_best_practice(request.user, practice):
                services.best_practice_submit(actor=actor(request), practice=practice)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if practice.status == BestPractice.Status.SUBMITTED and "submit" in request.POST:
                messages.success(request, _("The best practice was submitted to the secretariat for review."))
            else:
                messages.success(request, _("The best practice was saved."))
            return redirect("best-practice-detail", pk=practice.pk)
    return render(
        request,
        "members/best_practice_form.html",
        {
            "form": form,
            "figures": figures,
            "practice": practice,
            "council": council,
            # A new practice is written by someone who may submit it, so it may always be submitted.
            "can_submit": practice is None or permissions.can_submit_best_practice(request.user, practice),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def best_practice_create(request: HttpRequest) -> HttpResponse:
    return _form_page(request, None)


@login_required
def best_practice_update(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_page(request, _practice(request, pk))


@login_required
@require_POST
def best_practice_submit(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _visible(request, pk)
    services.best_practice_submit(actor=actor(request), practice=practice)
    messages.success(request, _("The best practice was submitted to the secretariat for review."))
    return redirect("best-practice-detail", pk=practice.pk)


@login_required
@require_POST
def best_practice_review(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _practice(request, pk)
    require(permissions.can_review_best_practice(request.user, practice))
    form = ReviewForm(request.POST)
    publish = form.is_valid() and form.cleaned_data["decision"] == "publish"  # submit reuses this validation
    done = submit(
        request,
        form,
        lambda data: services.best_practice_review(
            actor=actor(request), practice=practice, publish=publish, comment=data["comment"]
        ),
        done=lambda practice: practice,
        message=_("The best practice is published.")
        if publish
        else _("The best practice was returned to its institution."),
    )
    return done or _detail(request, practice, status=400, review_form=form)


@login_required
@require_POST
def best_practice_unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _practice(request, pk)
    require(permissions.can_unpublish_best_practice(request.user, practice))
    form = UnpublishForm(request.POST)
    done = submit(
        request,
        form,
        lambda data: services.best_practice_unpublish(
            actor=actor(request), practice=practice, comment=data["comment"]
        ),
        done=lambda practice: practice,
        message=_("The best practice was withdrawn and returned to its institution."),
    )
    return done or _detail(request, practice, status=400, unpublish_form=form)


@login_required
@require_POST
def best_practice_delete(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _visible(request, pk)
    services.best_practice_delete(actor=actor(request), practice=practice)
    messages.success(request, _("The draft was deleted."))
    return redirect("best-practice-list")


@login_required
@require_POST
def best_practice_document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _practice(request, pk)
    require(permissions.can_edit_best_practice(request.user, practice))
    form = DocumentUploadForm(request.POST, request.FILES)
    done = submit(
        request,
        form,
        lambda data: services.best_practice_attach(
            actor=actor(request), practice=practice, upload=data["file"]
        ),
        done=lambda _document: practice,
        message=_("The file was attached."),
    )
    return done or _detail(request, practice, status=400, upload_form=form)


def best_practice_document(request: HttpRequest, pk: int, document_id: int) -> FileResponse:
    """Download an attachment: whoever may see the practice may read its files."""
    practice = _visible(request, pk)
    document = get_object_or_404(BestPracticeDocument, pk=document_id, practice=practice)
    return document_response(document.file, filename=document.name)


@login_required
@require_POST
def best_practice_document_delete(request: HttpRequest, pk: int, document_id: int) -> HttpResponse:
    practice = _visible(request, pk)
    document = get_object_or_404(
        BestPracticeDocument.objects.select_related("practice"), pk=document_id, practice=practice
    )
    services.best_practice_document_delete(actor=actor(request), document=document)
    messages.success(request, _("“%(name)s” was removed.") % {"name": document.name})
    return redirect("best-practice-detail", pk=practice.pk)
