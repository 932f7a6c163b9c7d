"""People pages: list, detail, add and edit, deactivate, portal invitation, import and export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.files.spreadsheets import write_csv, write_template, write_xlsx
from council.history import change_history
from council.selectors import request_council
from council.web.flash import flash_validation_error
from council.web.listing import list_filter, render_list
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
from members.directory.filters import PersonFilter
from members.directory.forms import PersonContactForm, PersonForm
from members.directory.imports import PEOPLE_IMPORT, PERSON_COLUMNS, PERSON_EXAMPLE, person_rows
from members.directory.selectors import person_detail_queryset
from members.directory.selectors import person_list as select_people
from members.models import Institution


@login_required
@cached_page(clock=Clock.DAY)
def person_list(request: HttpRequest) -> HttpResponse:
    filterset = list_filter(request, filterset_class=PersonFilter, queryset=select_people(user=request.user))
    council = request_council(request)
    return render_list(
        request,
        "members/person_list.html",
        filterset=filterset,
        context={"can_create": permissions.can_create_person(request.user, None), "council": council},
    )


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = visible_or_404(person_detail_queryset(user=request.user), pk)
    return render(
        request,
        "members/person_detail.html",
        {
            "person": person,
            "seats": person.all_seats,  # type: ignore[attr-defined]
            "details": permissions.can_see_contact_details(request.user, person),
            "can_change": permissions.can_change_person(request.user, person),
            "can_update_contact": permissions.can_update_person_contact_details(request.user, person),
            "can_invite": permissions.can_grant_portal_access(request.user, person),
            "history": (
                change_history(person.history.all())
                if permissions.can_change_person(request.user, person)
                else None
            ),
            "today": timezone.localdate(),
        },
    )


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    require(permissions.can_create_person(request.user, None))
    initial = {}
    if institution_id := request.GET.get("institution"):
        initial["institution"] = institution_id
    form = PersonForm(
        request.POST or None, initial=initial, institutions=permissions.institutions_managed_by(request.user)
    )
    done = submit(
        request,
        form,
        lambda data: services.person_create(actor=actor(request), **data),
        done=lambda person: person,
    )
    return done or render(request, "members/person_form.html", {"form": form})


@login_required
def person_update(request: HttpRequest, pk: int) -> HttpResponse:
    person = visible_or_404(permissions.people_visible_to(request.user), pk)
    require(permissions.can_update_person_contact_details(request.user, person))
    if not permissions.can_change_person(request.user, person):
        # The person and their institution's contacts keep title, e-mail and phone up to date.
        contact_form = PersonContactForm(request.POST or None, instance=person)
        done = submit(
            request,
            contact_form,
            lambda data: services.person_update(actor=actor(request), person=person, **data),
            done=lambda person: person,
        )
        return done or render(request, "members/person_form.html", {"form": contact_form, "person": person})
    institutions = permissions.institutions_managed_by(request.user)
    if person.institution_id:
        institutions = institutions | Institution.objects.filter(pk=person.institution_id)
    form = PersonForm(request.POST or None, instance=person, institutions=institutions.distinct())
    done = submit(
        request,
        form,
        lambda data: services.person_update(
            actor=actor(request), person=person, **model_fields(PersonForm, data)
        ),
        done=lambda person: person,
    )
    return done or render(request, "members/person_form.html", {"form": form, "person": person})


@login_required
@require_POST
def person_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    person = visible_or_404(permissions.people_visible_to(request.user), pk)
    active = request.POST.get("active") == "1"
    services.person_set_active(actor=actor(request), person=person, active=active)
    if active:
        messages.success(request, _("%(name)s is active again.") % {"name": person.name})
    else:
        messages.success(request, _("%(name)s was deactivated.") % {"name": person.name})
    return redirect("person-detail", pk=person.pk)


@login_required
@require_POST
def person_invite(request: HttpRequest, pk: int) -> HttpResponse:
    """Give the person a portal account acting for their institution and mail them an invitation."""
    person = visible_or_404(permissions.people_visible_to(request.user), pk)
    try:
        services.person_grant_portal_access(actor=actor(request), person=person)
    except ValidationError as error:
        flash_validation_error(request, error)
    else:
        messages.success(
            request, _("An invitation to the portal was sent to %(email)s.") % {"email": person.email}
        )
    return redirect("person-detail", pk=person.pk)


@login_required
def person_import(request: HttpRequest) -> HttpResponse:
    require(permissions.can_create_person(request.user, None))
    return import_page(
        request,
        kind=PEOPLE_IMPORT,
        template="members/import.html",
        context={
            "title": _("Import people"),
            "template_url": "person-template",
            "back_url": "person-list",
        },
    )


@login_required
def person_export(request: HttpRequest, fmt: str) -> HttpResponse:
    filterset = list_filter(request, filterset_class=PersonFilter, queryset=select_people(user=request.user))
    rows = person_rows(filterset.qs if filterset.is_valid() else [], user=request.user)
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        return spreadsheet_response(
            write_csv(columns=PERSON_COLUMNS, rows=rows), filename=f"people-{stamp}.csv", csv=True
        )
    return spreadsheet_response(
        write_xlsx(columns=PERSON_COLUMNS, rows=rows, title=_("People")), filename=f"people-{stamp}.xlsx"
    )


@login_required
def person_template(request: HttpRequest) -> HttpResponse:
    content = write_template(columns=PERSON_COLUMNS, example=PERSON_EXAMPLE, title=_("People"))
    return spreadsheet_response(content, filename="people-template.xlsx")
