"""Institution pages: directory, detail, add and edit, deactivate, spreadsheet import and export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from council.files.spreadsheets import (
    write_csv,
    write_template,
    write_xlsx,
)
from council.history import change_history
from council.selectors import request_council
from council.web.flash import flash_validation_error
from council.web.listing import list_filter, render_list
from council.web.navigation import detail_sections
from council.web.page_cache import Clock, cached_page
from council.web.pages import (
    actor,
    import_page,
    model_fields,
    require,
    spreadsheet_response,
    submit,
    visible_or_404,
)
from members.directory import permissions, services
from members.directory.filters import InstitutionFilter
from members.directory.forms import InstitutionContactForm, InstitutionForm
from members.directory.imports import (
    INSTITUTION_COLUMNS,
    INSTITUTION_EXAMPLE,
    INSTITUTIONS_IMPORT,
    institution_rows,
)
from members.directory.selectors import institution_detail_queryset
from members.directory.selectors import institution_list as select_institutions


@login_required
@cached_page(clock=Clock.DAY)
def institution_list(request: HttpRequest) -> HttpResponse:
    filterset = list_filter(
        request, filterset_class=InstitutionFilter, queryset=select_institutions(user=request.user)
    )
    council = request_council(request)
    return render_list(
        request,
        "members/institution_list.html",
        filterset=filterset,
        context={"can_create": permissions.can_create_institution(request.user, council), "council": council},
    )


@login_required
def institution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    institution = visible_or_404(institution_detail_queryset(user=request.user), pk)
    can_change = permissions.can_change_institution(request.user, institution)
    today = timezone.localdate()
    people = [
        {"person": person, "details": permissions.can_see_contact_details(request.user, person)}
        for person in institution.people.all()
    ]
    return render(
        request,
        "members/institution_detail.html",
        {
            "institution": institution,
            "people": people,
            "seats": institution.all_seats,  # type: ignore[attr-defined]
            "today": today,
            "can_change": can_change,
            "can_update_contact": permissions.can_update_institution_contact_details(
                request.user, institution
            ),
            "contact_count": len(institution.contact_roles),  # type: ignore[attr-defined]
            "missing_emails": sum(
                1 for person in institution.people.all() if person.is_active and not person.email
            ),
            "history": change_history(institution.history.all()) if can_change else None,
            "sections": detail_sections(request, "institution", institution),
        },
    )


@login_required
def institution_create(request: HttpRequest) -> HttpResponse:
    council = request_council(request)
    require(permissions.can_create_institution(request.user, council))
    form = InstitutionForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.institution_create(actor=actor(request), council=council, **data),
        done=lambda institution: institution,
    )
    return done or render(request, "members/institution_form.html", {"form": form, "council": council})


@login_required
def institution_update(request: HttpRequest, pk: int) -> HttpResponse:
    institution = visible_or_404(permissions.institutions_visible_to(request.user), pk)
    require(permissions.can_update_institution_contact_details(request.user, institution))
    # The institution's own contacts keep its contact details; the rest is the secretariat's.
    form_class = (
        InstitutionForm
        if permissions.can_change_institution(request.user, institution)
        else InstitutionContactForm
    )
    form = form_class(request.POST or None, instance=institution)
    done = submit(
        request,
        form,
        lambda data: services.institution_update(
            actor=actor(request), institution=institution, **model_fields(form_class, data)
        ),
        done=lambda institution: institution,
    )
    context = {"form": form, "institution": institution}
    return done or render(request, "members/institution_form.html", context)


@login_required
@require_POST
def institution_ask_emails(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff ask the institution's contacts to fill in the e-mail addresses its people lack."""
    institution = visible_or_404(permissions.institutions_visible_to(request.user), pk)
    try:
        count = services.institution_ask_emails(actor=actor(request), institution=institution)
    except ValidationError as error:
        flash_validation_error(request, error)
        return redirect("institution-detail", pk=institution.pk)
    messages.success(
        request,
        ngettext(
            "The contacts were asked for %(count)d missing e-mail address.",
            "The contacts were asked for %(count)d missing e-mail addresses.",
            count,
        )
        % {"count": count},
    )
    return redirect("institution-detail", pk=institution.pk)


@login_required
@require_POST
def institution_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    institution = visible_or_404(permissions.institutions_visible_to(request.user), pk)
    active = request.POST.get("active") == "1"
    services.institution_set_active(actor=actor(request), institution=institution, active=active)
    if active:
        messages.success(request, _("%(name)s is active again.") % {"name": institution.name})
    else:
        messages.success(request, _("%(name)s was deactivated.") % {"name": institution.name})
    return redirect("institution-detail", pk=institution.pk)


@login_required
def institution_import(request: HttpRequest) -> HttpResponse:
    council = request_council(request)
    require(council is not None and permissions.can_create_institution(request.user, council))
    return import_page(
        request,
        kind=INSTITUTIONS_IMPORT,
        council=council,
        template="members/import.html",
        context={
            "council": council,
            "title": _("Import institutions"),
            "template_url": "institution-template",
            "back_url": "institution-list",
        },
    )


@login_required
def institution_export(request: HttpRequest, fmt: str) -> HttpResponse:
    filterset = list_filter(
        request, filterset_class=InstitutionFilter, queryset=select_institutions(user=request.user)
    )
    rows = institution_rows(filterset.qs if filterset.is_valid() else [])
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        return spreadsheet_response(
            write_csv(columns=INSTITUTION_COLUMNS, rows=rows), filename=f"institutions-{stamp}.csv", csv=True
        )
    content = write_xlsx(columns=INSTITUTION_COLUMNS, rows=rows, title=_("Institutions"))
    return spreadsheet_response(content, filename=f"institutions-{stamp}.xlsx")


@login_required
def institution_template(request: HttpRequest) -> HttpResponse:
    content = write_template(
        columns=INSTITUTION_COLUMNS, example=INSTITUTION_EXAMPLE, title=_("Institutions")
    )
    return spreadsheet_response(content, filename="institutions-template.xlsx")
