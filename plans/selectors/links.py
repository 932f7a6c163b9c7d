"""Links between projects and meetings or agreements: for the project page, its reports, and the
meetings and agreements pages.

The meetings app cannot import plans; its pages may call `projects_for_action_items` and
`projects_for_agenda_items` to show, next to an action or decision, the projects that answer for it.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Exists

from council.permissions import AnyUser
from meetings.models import ActionItem, Meeting
from members.models import Agreement
from plans.models import PlanVersion, Project, ProjectActionLink, ProjectDecisionLink
from plans.permissions import projects_visible_to


def open_linked_actions(project: Project) -> list[ActionItem]:
    """The project's linked follow-up actions that are still open: its next report answers them."""
    return list(
        project.action_items.filter(status__in=ActionItem.OPEN_STATUSES)
        .select_related("meeting", "assignee")
        .order_by("due_on", "id")
    )


def project_action_links(*, project: Project) -> list[ProjectActionLink]:
    return list(
        project.action_links.select_related(
            "action_item__meeting", "action_item__assignee", "linked_by"
        ).order_by("action_item__due_on", "id")
    )


def project_decision_links(*, project: Project) -> list[ProjectDecisionLink]:
    return list(
        project.decision_links.select_related("agenda_item__meeting", "linked_by").order_by(
            "agenda_item__meeting__starts_at", "id"
        )
    )


def project_agreements(*, project: Project) -> list[Agreement]:
    return list(project.agreements.prefetch_related("parties").order_by("-signed_on", "id"))


def projects_for_agreement(*, user: AnyUser, agreement: Agreement) -> list[Project]:
    """The projects the user may see that build on the agreement."""
    return list(
        projects_visible_to(user)
        .filter(agreements=agreement)
        .select_related("plan", "lead_institution")
        .order_by("plan__title", "code")
    )


def meeting_concerns_plans(*, meeting: Meeting) -> bool:
    """Whether a decision of the meeting adopted or revised a plan, or concerns a project, or one of its
    actions does: whoever may see them, in one query. Most meetings concern no plan."""
    concerned = (
        Exists(PlanVersion.objects.filter(agenda_item__meeting=meeting))
        | Exists(ProjectDecisionLink.objects.filter(agenda_item__meeting=meeting))
        | Exists(ProjectActionLink.objects.filter(action_item__meeting=meeting))
    )
    return Meeting.objects.filter(concerned, pk=meeting.pk).exists()


def projects_for_action_items(*, user: AnyUser, action_item_ids: Iterable[int]) -> dict[int, list[Project]]:
    """For each action item id, the projects the user may see that answer for it (one query)."""
    found: dict[int, list[Project]] = defaultdict(list)
    links = (
        ProjectActionLink.objects.filter(
            action_item_id__in=list(action_item_ids), project__in=projects_visible_to(user)
        )
        .select_related("project")
        .order_by("project__code")
    )
    for link in links:
        found[link.action_item_id].append(link.project)
    return dict(found)


def projects_for_agenda_items(*, user: AnyUser, agenda_item_ids: Iterable[int]) -> dict[int, list[Project]]:
    """For each agenda item id, the projects the user may see that its decision concerns (one query)."""
    found: dict[int, list[Project]] = defaultdict(list)
    links = (
        ProjectDecisionLink.objects.filter(
            agenda_item_id__in=list(agenda_item_ids), project__in=projects_visible_to(user)
        )
        .select_related("project")
        .order_by("project__code")
    )
    for link in links:
        found[link.agenda_item_id].append(link.project)
    return dict(found)
