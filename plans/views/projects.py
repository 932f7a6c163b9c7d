"""Project pages: list, detail (participants, budget grid, KPIs, reports, linked meeting actions and
decisions, agreements), add and edit, the budget editor, participants, KPIs and links."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.web.listing import list_filter, render_list
from council.web.page_cache import Clock, cached_page
from council.web.pages import (
    actor,
    apply_errors,
    edit_or_delete,
    model_fields,
    require,
    saved,
    submit,
    visible_or_404,
)
from meetings.models import ActionItem, AgendaItem
from members.models import Agreement, Institution
from plans import permissions, services
from plans.filters import ProjectFilter
from plans.forms import (
    BudgetGridForm,
    IndicatorForm,
    LinkActionForm,
    LinkAgreementForm,
    LinkDecisionForm,
    ParticipationForm,
    ProjectForm,
)
from plans.models import Indicator, Participation, Plan, Project
from plans.selectors import links, lists


def _project(request: HttpRequest, pk: int) -> Project:
    return visible_or_404(lists.project_detail_queryset(user=request.user), pk)


def _institutions(request: HttpRequest) -> QuerySet[Institution]:
    return permissions.project_institutions(request.user).order_by("name")


@login_required
@cached_page(clock=Clock.DAY)
def project_list(request: HttpRequest) -> HttpResponse:
    filterset = list_filter(
        request,
        filterset_class=ProjectFilter,
        queryset=lists.project_list(user=request.user),
        council_default=False,
    )
    return render_list(request, "plans/project_list.html", filterset=filterset, per_page=50)


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    plan = project.plan
    return render(
        request,
        "plans/project_detail.html",
        {
            "project": project,
            "plan": plan,
            "participations": lists.project_participations(project=project),
            "budget": lists.project_budget(project=project),
            "indicators": lists.project_indicators(project=project),
            "reports": lists.project_reports(user=request.user, project=project),
            "action_links": links.project_action_links(project=project),
            "decision_links": links.project_decision_links(project=project),
            "agreements": links.project_agreements(project=project),
            "can_manage": permissions.can_manage_plan(request.user, plan),
            "can_change": permissions.can_change_plan(request.user, plan),
            "is_lead": permissions.is_lead_contact(request.user, project),
        },
    )


@login_required
def project_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan: Plan = visible_or_404(permissions.plans_visible_to(request.user), pk)
    require(permissions.can_manage_plan(request.user, plan))
    initial = {
        "task": request.GET.get("task"),
        "start_on": f"{plan.start_year}-01-01",
        "end_on": f"{plan.end_year}-12-31",
    }
    form = ProjectForm(request.POST or None, plan=plan, institutions=_institutions(request), initial=initial)
    done = submit(
        request,
        form,
        lambda data: services.project_create(actor=actor(request), plan=plan, **data),
        done=lambda project: project,
    )
    return done or render(
        request, "plans/form.html", {"form": form, "plan": plan, "title": _("Add a project")}
    )


@login_required
def project_update(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    plan = project.plan
    require(permissions.can_manage_plan(request.user, plan))
    institutions = permissions.project_institutions(request.user, keep_id=project.lead_institution_id)
    form = ProjectForm(
        request.POST or None, instance=project, plan=plan, institutions=institutions.order_by("name")
    )
    done = edit_or_delete(
        request,
        form,
        lambda data: services.project_update(
            actor=actor(request), project=project, **model_fields(ProjectForm, data)
        ),
        done=lambda project: project,
        delete=lambda: services.project_delete(actor=actor(request), project=project),
        deleted=_("The project was deleted."),
        deleted_url=plan.get_absolute_url(),
    )
    if done:
        return done
    return render(
        request,
        "plans/form.html",
        {"form": form, "plan": plan, "project": project, "title": _("Edit project"), "deletable": True},
    )


@login_required
def project_budget(request: HttpRequest, pk: int) -> HttpResponse:
    """The planned amounts of a project by year and funding source, in one grid."""
    project = _project(request, pk)
    require(permissions.can_manage_plan(request.user, project.plan))
    lines = list(project.budget_lines.all())
    form = BudgetGridForm(request.POST or None, project=project, lines=lines)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.project_budget_set(
                actor=actor(request), project=project, amounts=form.amounts()
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Budget saved: %(count)d lines changed.") % {"count": changed})
            return redirect("project-detail", pk=project.pk)
    executed = {(line.year, line.source): line.executed for line in lines if line.executed}
    return render(
        request,
        "plans/project_budget.html",
        {"form": form, "project": project, "plan": project.plan, "executed": executed},
    )


@login_required
def project_participants(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    require(permissions.can_manage_plan(request.user, project.plan))
    form = ParticipationForm(request.POST or None, institutions=_institutions(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.participation_create(actor=actor(request), project=project, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            saved(request, form.cleaned_data["institution"].name)
            return redirect("project-participants", pk=project.pk)
    return render(
        request,
        "plans/project_participants.html",
        {
            "form": form,
            "project": project,
            "plan": project.plan,
            "participations": lists.project_participations(project=project),
        },
    )


@login_required
@require_POST
def participation_delete(request: HttpRequest, pk: int) -> HttpResponse:
    participation = visible_or_404(
        Participation.objects.filter(
            project__in=permissions.projects_visible_to(request.user)
        ).select_related("project__plan", "institution"),
        pk,
    )
    services.participation_delete(actor=actor(request), participation=participation)
    messages.success(request, _("%(name)s no longer takes part.") % {"name": participation.institution.name})
    return redirect("project-participants", pk=participation.project_id)


@login_required
def indicator_create(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    require(permissions.can_manage_plan(request.user, project.plan))
    form = IndicatorForm(
        request.POST or None, plan=project.plan, initial={"order": project.indicators.count() + 1}
    )
    done = submit(
        request,
        form,
        lambda data: services.indicator_create(
            actor=actor(request),
            project=project,
            targets={year: value for year, value in form.targets().items() if value is not None},
            **model_fields(IndicatorForm, data),
        ),
        done=lambda _indicator: project,
    )
    return done or render(
        request,
        "plans/form.html",
        {"form": form, "plan": project.plan, "project": project, "title": _("Add a KPI")},
    )


@login_required
def indicator_update(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = visible_or_404(
        Indicator.objects.filter(project__in=permissions.projects_visible_to(request.user)).select_related(
            "project__plan"
        ),
        pk,
    )
    project = indicator.project
    require(permissions.can_manage_plan(request.user, project.plan))
    targets = {target.year: target.value for target in indicator.targets.all()}
    form = IndicatorForm(request.POST or None, instance=indicator, plan=project.plan, targets=targets)
    done = edit_or_delete(
        request,
        form,
        lambda data: services.indicator_update(
            actor=actor(request),
            indicator=indicator,
            targets=form.targets(),
            **model_fields(IndicatorForm, data),
        ),
        done=lambda _indicator: project,
        delete=lambda: services.indicator_delete(actor=actor(request), indicator=indicator),
        deleted=_("The KPI was deleted."),
        deleted_url=project.get_absolute_url(),
    )
    if done:
        return done
    return render(
        request,
        "plans/form.html",
        {"form": form, "plan": project.plan, "project": project, "title": _("Edit KPI"), "deletable": True},
    )


def _unlink(request: HttpRequest, project: Project) -> HttpResponse | None:
    """The unlink buttons of the links page: each names what it unlinks by id."""
    council_id = project.plan.council_id
    if "unlink_action" in request.POST:
        action = visible_or_404(
            ActionItem.objects.filter(council_id=council_id), _posted_pk(request, "unlink_action")
        )
        services.project_unlink_action(actor=actor(request), project=project, action_item=action)
    elif "unlink_decision" in request.POST:
        item = visible_or_404(
            AgendaItem.objects.filter(meeting__council_id=council_id), _posted_pk(request, "unlink_decision")
        )
        services.project_unlink_decision(actor=actor(request), project=project, agenda_item=item)
    elif "unlink_agreement" in request.POST:
        agreement = visible_or_404(
            Agreement.objects.filter(council_id=council_id), _posted_pk(request, "unlink_agreement")
        )
        services.project_unlink_agreement(actor=actor(request), project=project, agreement=agreement)
    else:
        return None
    messages.success(request, _("The links were saved."))
    return redirect("project-links", pk=project.pk)


def _posted_pk(request: HttpRequest, name: str) -> int:
    """The id a button posted; anything else is a 404, like an id the user may not see."""
    value = request.POST.get(name, "")
    if not value.isdigit():
        raise Http404
    return int(value)


@login_required
def project_links(request: HttpRequest, pk: int) -> HttpResponse:
    """Link the council's meeting actions and decisions, and its agreements, to the project; or unlink."""
    project = _project(request, pk)
    require(permissions.can_manage_plan(request.user, project.plan))
    council_id = project.plan.council_id
    actions = (
        ActionItem.objects.filter(council_id=council_id)
        .exclude(project_links__project=project)
        .select_related("meeting")
        .order_by("-meeting__starts_at", "id")
    )
    decisions = (
        AgendaItem.objects.filter(meeting__council_id=council_id)
        .exclude(decision="")
        .exclude(project_links__project=project)
        .select_related("meeting")
        .order_by("-meeting__starts_at", "order")
    )
    action_form = LinkActionForm(request.POST if "action_item" in request.POST else None, actions=actions)
    decision_form = LinkDecisionForm(request.POST if "agenda_item" in request.POST else None, items=decisions)
    agreements = (
        Agreement.objects.filter(council_id=council_id).exclude(projects=project).order_by("-signed_on")
    )
    agreement_form = LinkAgreementForm(
        request.POST if "agreement" in request.POST else None, agreements=agreements
    )
    if request.method == "POST":
        unlinked = _unlink(request, project)
        if unlinked:
            return unlinked
        choices: list[tuple[BaseForm, Callable[[dict[str, Any]], object]]] = [
            (
                action_form,
                lambda data: services.project_link_action(
                    actor=actor(request), project=project, action_item=data["action_item"]
                ),
            ),
            (
                decision_form,
                lambda data: services.project_link_decision(
                    actor=actor(request), project=project, agenda_item=data["agenda_item"]
                ),
            ),
            (
                agreement_form,
                lambda data: services.project_link_agreement(
                    actor=actor(request), project=project, agreement=data["agreement"]
                ),
            ),
        ]
        bound = [(form, link) for form, link in choices if form.is_bound]
        if not bound:
            messages.error(request, _("Choose an action, a decision or an agreement to link."))
        else:
            form, link = bound[0]
            saved = submit(
                request, form, link, done=lambda _link: request.path, message=_("The links were saved.")
            )
            if saved:
                return saved
    return render(
        request,
        "plans/project_links.html",
        {
            "project": project,
            "plan": project.plan,
            "action_form": action_form,
            "decision_form": decision_form,
            "agreement_form": agreement_form,
            "action_links": links.project_action_links(project=project),
            "decision_links": links.project_decision_links(project=project),
            "agreements": links.project_agreements(project=project),
        },
    )
