"""Progress reporting pages: rounds of a plan, the report list, a report with its review, the lead
institution's form, participants' parts, KPI verification and evidence downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.files.uploads import document_response
from council.web.flash import flash_form_errors, flash_validation_error
from council.web.listing import list_filter, render_list
from council.web.page_cache import Clock, cached_page
from council.web.pages import actor, apply_errors, require, visible_or_404
from members.models import Institution
from plans import permissions, services
from plans.filters import ReportFilter
from plans.forms import ContributionForm, ReopenForm, ReportForm, ReviewForm, RoundOpenForm
from plans.models import IndicatorActual, Plan, ProgressReport
from plans.selectors import links, lists
from plans.services import ActualInput


def _report(request: HttpRequest, pk: int) -> ProgressReport:
    return visible_or_404(lists.report_detail_queryset(user=request.user), pk)


@login_required
def plan_rounds(request: HttpRequest, pk: int) -> HttpResponse:
    """A plan's reporting rounds with their reports counted by status; staff open new ones here."""
    plan: Plan = visible_or_404(permissions.plans_visible_to(request.user).select_related("council"), pk)
    require(permissions.can_oversee_plan(request.user, plan))
    manage = permissions.can_manage_plan(request.user, plan)
    form = RoundOpenForm(request.POST or None, plan=plan, initial={"year": timezone.localdate().year})
    if request.method == "POST":
        require(manage)
        if form.is_valid():
            try:
                round_ = services.round_open(actor=actor(request), plan=plan, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Round %(round)s is open: %(count)d projects report by %(date)s.")
                    % {
                        "round": round_.label,
                        "count": round_.reports.count(),
                        "date": round_.due_on.isoformat(),
                    },
                )
                return redirect("plan-rounds", pk=plan.pk)
    return render(
        request,
        "plans/round_list.html",
        {
            "plan": plan,
            "rounds": lists.plan_rounds(plan=plan),
            "form": form,
            "can_manage": manage,
            "tab": "rounds",
            "is_public": permissions.is_published(plan),
        },
    )


@login_required
@cached_page(clock=Clock.DAY)
def report_list(request: HttpRequest) -> HttpResponse:
    filterset = list_filter(
        request,
        filterset_class=ReportFilter,
        queryset=lists.report_list(user=request.user),
        council_default=False,
    )
    return render_list(
        request,
        "plans/report_list.html",
        filterset=filterset,
        context={
            "to_file": permissions.reports_to_file(request.user).count(),
            "to_review": permissions.reports_to_review(request.user).count(),
        },
        per_page=50,
    )


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    user = request.user
    participating = permissions.participating_institution_ids(user, report)
    contributing = permissions.contributing_institution_ids(user, report, participating=participating)
    contribution_forms = []
    if contributing:
        mine = {c.institution_id: c for c in report.contributions.filter(institution_id__in=contributing)}
        for institution in Institution.objects.filter(id__in=contributing).order_by("name"):
            current = mine.get(institution.pk)
            form = ContributionForm(
                initial={"text": current.text if current else ""}, prefix=f"part{institution.pk}"
            )
            contribution_forms.append((institution, form))
    answers = {
        answer.action_item_id: answer for answer in report.action_answers.select_related("action_item")
    }
    return render(
        request,
        "plans/report_detail.html",
        {
            "report": report,
            "plan": report.round.plan,
            "project": report.project,
            "lines": lists.report_lines(report=report),
            "indicators": lists.report_indicators(report=report),
            "contributions": list(report.contributions.select_related("institution", "updated_by")),
            "open_actions": links.open_linked_actions(report.project),
            "answers": answers,
            "execution_total": lists.report_execution_total(report=report),
            "can_edit": permissions.can_edit_report(user, report),
            "can_review": permissions.can_review_report(user, report),
            "can_reopen": permissions.can_reopen_report(user, report),
            "can_verify_actuals": permissions.can_verify_actuals(user, report),
            "can_see_evidence": permissions.can_see_evidence(user, report, participating=participating),
            "contribution_forms": contribution_forms,
            "review_form": ReviewForm(),
            "reopen_form": ReopenForm(),
            "history": report.history.select_related("history_user").order_by("-history_date")[:20],
        },
    )


@login_required
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The lead institution fills in the report; saving keeps a draft, submitting sends it for review."""
    report = _report(request, pk)
    require(permissions.writes_report(request.user, report))
    if not report.is_editable:
        messages.error(request, _("This report can no longer be changed."))
        return redirect("report-detail", pk=report.pk)
    lines = lists.report_lines(report=report)
    indicators = lists.report_indicators(report=report)
    actions = links.open_linked_actions(report.project)
    answers = dict(report.action_answers.values_list("action_item_id", "answer"))
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        report=report,
        lines=lines,
        indicators=indicators,
        actions=actions,
        answers=answers,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actuals = {
            indicator.pk: ActualInput(
                value=data.get(f"kpi_{indicator.pk}"),
                evidence=data.get(f"kpi_{indicator.pk}_evidence") or None,
                note=data.get(f"kpi_{indicator.pk}_note", ""),
            )
            for indicator in indicators
        }
        try:
            services.report_save(
                actor=actor(request),
                report=report,
                narrative=data["narrative"],
                percent_done=data["percent_done"],
                problems=data["problems"],
                executions=form.executions(),
                actuals=actuals,
                answers=form.answers(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if "submit" not in request.POST:
                messages.success(request, _("The draft was saved."))
                return redirect("report-edit", pk=report.pk)
            try:
                services.report_submit(actor=actor(request), report=report)
            except ValidationError as error:
                apply_errors(form, error)
                messages.warning(request, _("The draft was saved, but it cannot be submitted yet."))
            else:
                messages.success(request, _("The report was submitted to the city officials for review."))
                return redirect("report-detail", pk=report.pk)
    return render(
        request,
        "plans/report_form.html",
        {"form": form, "report": report, "plan": report.round.plan, "project": report.project},
    )


@login_required
@require_POST
def report_contribute(request: HttpRequest, pk: int, institution_pk: int) -> HttpResponse:
    report = _report(request, pk)
    institution = visible_or_404(Institution.objects.all(), institution_pk)
    form = ContributionForm(request.POST, prefix=f"part{institution.pk}")
    if form.is_valid():
        try:
            services.report_contribute(
                actor=actor(request), report=report, institution=institution, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            flash_validation_error(request, error)
        else:
            messages.success(request, _("Your institution's part was saved."))
    return redirect("report-detail", pk=report.pk)


@login_required
@require_POST
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    """A city official accepts the report, or returns it with a comment."""
    report = _report(request, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect("report-detail", pk=report.pk)
    comment = form.cleaned_data["comment"]
    try:
        if request.POST.get("decision") == "accept":
            services.report_accept(actor=actor(request), report=report, comment=comment)
            messages.success(request, _("The report was accepted; its figures now count."))
        elif request.POST.get("decision") == "return":
            services.report_return(actor=actor(request), report=report, comment=comment)
            messages.success(request, _("The report was returned to the lead institution with your comment."))
        else:
            raise ValidationError(_("Choose to accept or to return the report."))
    except ValidationError as error:
        flash_validation_error(request, error)
    return redirect("report-detail", pk=report.pk)


@login_required
@require_POST
def report_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    form = ReopenForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect("report-detail", pk=report.pk)
    try:
        services.report_reopen(actor=actor(request), report=report, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        flash_validation_error(request, error)
    else:
        messages.success(request, _("The report was reopened; the lead institution can revise it."))
    return redirect("report-detail", pk=report.pk)


def _actual(request: HttpRequest, pk: int) -> IndicatorActual:
    return visible_or_404(
        IndicatorActual.objects.filter(
            report__in=permissions.reports_visible_to(request.user)
        ).select_related("report__round__plan", "report__project", "indicator"),
        pk,
    )


@login_required
@require_POST
def actual_verify(request: HttpRequest, pk: int) -> HttpResponse:
    actual = _actual(request, pk)
    try:
        services.indicator_actual_verify(actor=actor(request), actual=actual)
    except ValidationError as error:
        flash_validation_error(request, error)
    else:
        messages.success(request, _("The KPI actual is verified."))
    return redirect("report-detail", pk=actual.report_id)


@login_required
def actual_evidence(request: HttpRequest, pk: int) -> HttpResponseBase:
    actual = _actual(request, pk)
    require(bool(actual.evidence) and permissions.can_see_evidence(request.user, actual.report))
    return document_response(actual.evidence, filename=actual.evidence_name or "evidence")
