"""Who may see or change plans, projects, budgets, KPIs and progress reports.

The one place for these rules: the pages, the API, the services and the exports all call it.

- Site administrators see and do everything.
- Secretariat staff of the plan's council (a role on a council extends to its working groups) manage
  the plan: details, strategies, tasks, projects, participants, budget lines and KPIs; they record its
  approval and revisions, open reporting rounds, link meeting actions and decisions to projects, and
  reopen an accepted report for a new revision. They read everything in the plan.
- City officials of the council read everything in it, drafts included; they accept or return
  submitted reports and verify the KPI actuals of accepted ones.
- Contacts of a project's lead institution draft and submit its progress reports; contacts of its
  participating institutions add their part while the report is being drafted. Both read every
  report of their projects, and the approved plan.
- Other readers of the council (contacts of institutions seated on it) read approved plans and
  accepted figures only: executed amounts come from accepted reports, and only accepted reports show.
- Everyone reads the progress page of an approved plan when its council is published.
- Anything else is not found (404); what one may see but not change is refused (403).
- An accepted report is frozen: nobody edits it until the secretariat reopens it.
"""

from collections.abc import Collection

from django.db.models import Q, QuerySet

from council.models import Council
from council.permissions import Access, AnyUser, access_for
from members.directory.permissions import institutions_visible_to
from members.models import Institution
from plans.models import IndicatorActual, Participation, Plan, ProgressReport, Project


def led_or_joined(institution_ids: Collection[int]) -> Q:
    """Projects the institutions lead or take part in: for access, the project filter and the sections."""
    joined = Participation.objects.filter(institution_id__in=institution_ids).values("project_id")
    return Q(lead_institution_id__in=institution_ids) | Q(id__in=joined)


def _overseen(access: Access) -> frozenset[int]:
    return access.staff_council_ids | access.official_council_ids


# Plans and their hierarchy


def plans_visible_to(user: AnyUser) -> QuerySet[Plan]:
    """Plans the user may open in the portal (the public progress page has its own rule)."""
    access = access_for(user)
    plans = Plan.objects.all()
    if access.is_site_admin:
        return plans
    if not access.is_authenticated:
        return plans.none()
    rule = Q(council_id__in=_overseen(access)) | Q(
        status__in=Plan.APPROVED_STATUSES, council_id__in=access.seat_council_ids
    )
    if access.contact_institution_ids:
        involved = Project.objects.filter(led_or_joined(access.contact_institution_ids)).values("plan_id")
        rule |= Q(status__in=Plan.APPROVED_STATUSES, id__in=involved)
    return plans.filter(rule)


def plans_published() -> QuerySet[Plan]:
    """Approved plans whose council is published (public and active): their progress page is public."""
    return Plan.objects.filter(
        status__in=Plan.APPROVED_STATUSES, council__is_public=True, council__is_active=True
    )


def is_published(plan: Plan) -> bool:
    """The plan is one of plans_published(): pages link to its public progress page."""
    council = plan.council
    return plan.is_approved and council.is_public and council.is_active


def can_create_plan(user: AnyUser, council: Council | None) -> bool:
    return council is not None and access_for(user).manages(council.pk)


def can_manage_plan(user: AnyUser, plan: Plan) -> bool:
    """Change the plan, its hierarchy, budgets, KPIs and rounds; record approvals and revisions."""
    return access_for(user).manages(plan.council_id)


def can_change_plan(user: AnyUser, plan: Plan) -> bool:
    """Change the plan's structure, budgets and KPIs: staff, while it is a draft or a revision is open."""
    return can_manage_plan(user, plan) and not plan.is_locked


def can_oversee_plan(user: AnyUser, plan: Plan) -> bool:
    """Staff and officials: every report and draft of the plan, and the evidence behind KPI actuals."""
    return access_for(user).oversees(plan.council_id)


def projects_visible_to(user: AnyUser) -> QuerySet[Project]:
    return Project.objects.filter(plan__in=plans_visible_to(user))


def project_institutions(user: AnyUser, *, keep_id: int | None = None) -> QuerySet[Institution]:
    """Institutions the user may make a project's lead or participant: active ones of the directory
    they see. The pages and the API offer these, imports look names up among them, services check them.
    `keep_id` is the current lead, which may stay after it closed."""
    institutions = institutions_visible_to(user).filter(is_active=True)
    if keep_id is not None:
        institutions = (institutions | Institution.objects.filter(pk=keep_id)).distinct()
    return institutions


# Progress reports


def reports_visible_to(user: AnyUser) -> QuerySet[ProgressReport]:
    """All reports of overseen councils and of one's own projects; accepted reports of readable plans."""
    access = access_for(user)
    reports = ProgressReport.objects.all()
    if access.is_site_admin:
        return reports
    if not access.is_authenticated:
        return reports.none()
    rule = Q(round__plan__council_id__in=_overseen(access)) | Q(
        status=ProgressReport.Status.ACCEPTED, round__plan__in=plans_visible_to(user)
    )
    if access.contact_institution_ids:
        rule |= Q(project__in=Project.objects.filter(led_or_joined(access.contact_institution_ids)))
    return reports.filter(rule)


def reports_to_file(user: AnyUser) -> QuerySet[ProgressReport]:
    """Reports the user's institutions lead and have not yet submitted (or must correct)."""
    access = access_for(user)
    return ProgressReport.objects.filter(
        project__lead_institution_id__in=access.contact_institution_ids,
        status__in=ProgressReport.PENDING_STATUSES,
    )


def reports_to_review(user: AnyUser) -> QuerySet[ProgressReport]:
    """Submitted reports waiting for this official (or site administrator)."""
    access = access_for(user)
    reports = ProgressReport.objects.filter(status=ProgressReport.Status.SUBMITTED)
    if access.is_site_admin:
        return reports
    return reports.filter(round__plan__council_id__in=access.official_council_ids)


def is_lead_contact(user: AnyUser, project: Project) -> bool:
    return access_for(user).acts_for(project.lead_institution_id)


def writes_report(user: AnyUser, report: ProgressReport) -> bool:
    """The role: contacts of the project's lead institution (and site administrators) write its reports."""
    return is_lead_contact(user, report.project) or access_for(user).is_site_admin


def can_edit_report(user: AnyUser, report: ProgressReport) -> bool:
    """The lead institution drafts, corrects and submits; nobody edits a submitted or accepted report."""
    return report.is_editable and writes_report(user, report)


def participating_institution_ids(user: AnyUser, report: ProgressReport) -> list[int]:
    """The participating institutions of the report's project the user acts for (a site administrator:
    all of them). The report page looks them up once and passes them to the checks below."""
    access = access_for(user)
    participations = Participation.objects.filter(project_id=report.project_id)
    if not access.is_site_admin:
        if not access.contact_institution_ids:
            return []
        participations = participations.filter(institution_id__in=access.contact_institution_ids)
    return list(participations.values_list("institution_id", flat=True))


def can_contribute(user: AnyUser, report: ProgressReport, institution: Institution) -> bool:
    """The role: contacts of a participating institution (and site administrators) write its part."""
    return institution.pk in participating_institution_ids(user, report)


def contributing_institution_ids(
    user: AnyUser, report: ProgressReport, *, participating: list[int] | None = None
) -> list[int]:
    """The institutions the user may add a part for now: while the report is being drafted."""
    if not report.is_editable:
        return []
    return participating_institution_ids(user, report) if participating is None else participating


def _reviews(access: Access, council_id: int) -> bool:
    return access.is_site_admin or council_id in access.official_council_ids


def reviews_plan(user: AnyUser, plan: Plan) -> bool:
    """The role: city officials of the council (and site administrators) review reports and KPI actuals."""
    return _reviews(access_for(user), plan.council_id)


def can_review_report(user: AnyUser, report: ProgressReport) -> bool:
    """City officials of the council accept or return a submitted report."""
    return report.status == ProgressReport.Status.SUBMITTED and reviews_plan(user, report.round.plan)


def can_reopen_report(user: AnyUser, report: ProgressReport) -> bool:
    """Only the secretariat reopens an accepted (frozen) report for a new revision."""
    return report.status == ProgressReport.Status.ACCEPTED and access_for(user).manages(
        report.round.plan.council_id
    )


def can_verify_actuals(user: AnyUser, report: ProgressReport) -> bool:
    """City officials verify the KPI actuals of an accepted report, once they have seen the evidence."""
    return report.status == ProgressReport.Status.ACCEPTED and reviews_plan(user, report.round.plan)


def can_verify_actual(user: AnyUser, actual: IndicatorActual) -> bool:
    return not actual.is_verified and can_verify_actuals(user, actual.report)


def can_see_evidence(
    user: AnyUser, report: ProgressReport, *, participating: list[int] | None = None
) -> bool:
    """Evidence files: staff and officials of the council, and the project's own institutions."""
    access = access_for(user)
    if access.oversees(report.round.plan.council_id) or access.acts_for(report.project.lead_institution_id):
        return True
    if participating is None:
        participating = participating_institution_ids(user, report)
    return bool(participating)
