"""The plans app's part of the portal-wide search: plans (with their strategies and tasks) and key
projects, each scoped by the same `*_visible_to` queryset as its pages before the text is matched."""

from django.template.defaultfilters import truncatechars
from django.utils.translation import gettext_lazy as _

from council.permissions import AnyUser
from council.search import SearchHit, SearchProvider, SearchResults, register_search_provider, search_queryset
from plans.filters import PLAN_TEXT, PROJECT_TEXT
from plans.permissions import plans_visible_to, projects_visible_to


def search_plans(user: AnyUser, query: str, limit: int) -> SearchResults:
    rows, total = search_queryset(
        plans_visible_to(user).select_related("council"), PLAN_TEXT, query, limit, "-start_year"
    )
    hits = [
        SearchHit(
            title=plan.title,
            url=plan.get_absolute_url(),
            summary=truncatechars(plan.vision, 160),
            meta=[plan.council.short_name, f"{plan.start_year}–{plan.end_year}"],
            badge=str(plan.get_status_display()),
        )
        for plan in rows
    ]
    return SearchResults(hits=hits, total=total)


def search_projects(user: AnyUser, query: str, limit: int) -> SearchResults:
    rows, total = search_queryset(
        projects_visible_to(user).select_related("plan__council", "lead_institution", "task"),
        PROJECT_TEXT,
        query,
        limit,
        "code",
    )
    hits = [
        SearchHit(
            title=f"{project.code} {project.title}",
            url=project.get_absolute_url(),
            summary=f"{project.task.code}. {project.task.title}",
            meta=[
                project.plan.council.short_name,
                project.lead_institution.name if project.lead_institution else "",
            ],
            badge=str(project.get_status_display()),
        )
        for project in rows
    ]
    return SearchResults(hits=hits, total=total)


def register() -> None:
    for key, label, order, search, list_url_name in (
        ("plans", _("Plans"), 60, search_plans, "plan-list"),
        ("projects", _("Key projects"), 61, search_projects, "project-list"),
    ):
        register_search_provider(
            SearchProvider(key=key, label=label, order=order, search=search, list_url_name=list_url_name)
        )
