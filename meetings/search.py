"""The meetings app's part of the portal-wide search: meetings (with their agenda) and minutes.

Both start from what the user may see: meetings by `meetings_visible_to`, minutes by
`minutes_visible_to`, the same rules the pages apply.
"""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from council.files.search import DocumentSource, register_document_source
from council.permissions import AnyUser
from council.search import (
    SearchHit,
    SearchProvider,
    SearchResults,
    TextFields,
    one_line,
    register_search_provider,
    search_queryset,
)
from meetings.filters import ACTION_TEXT, MEETING_TEXT
from meetings.models import AgendaDocument
from meetings.permissions import (
    actions_visible_to,
    agenda_items_visible_to,
    meetings_visible_to,
    minutes_visible_to,
)

MINUTES_TEXT = TextFields(("body",))
DECISION_TEXT = TextFields(("decision_text", "title"))


def search_meetings(user: AnyUser, query: str, limit: int) -> SearchResults:
    rows, total = search_queryset(
        meetings_visible_to(user).select_related("council"),
        MEETING_TEXT,
        query,
        limit,
        "-starts_at",
    )
    hits = [
        SearchHit(
            title=f"{meeting.council.short_name} {meeting.label}",
            url=meeting.get_absolute_url(),
            summary=meeting.title,
            meta=[timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d"), meeting.venue],
            badge=str(meeting.get_status_display()),
        )
        for meeting in rows
    ]
    return SearchResults(hits=hits, total=total)


def search_minutes(user: AnyUser, query: str, limit: int) -> SearchResults:
    rows, total = search_queryset(
        minutes_visible_to(user).select_related("meeting", "meeting__council"),
        MINUTES_TEXT,
        query,
        limit,
        "-meeting__starts_at",
    )
    hits = [
        SearchHit(
            title=f"{minutes.meeting.council.short_name} {minutes.meeting.label} {_('Minutes')}",
            url=reverse("minutes-detail", args=[minutes.meeting_id]),
            summary=one_line(minutes.body.replace("#", " ")),
            badge=str(minutes.get_status_display()),
        )
        for minutes in rows
    ]
    return SearchResults(hits=hits, total=total)


def search_decisions(user: AnyUser, query: str, limit: int) -> SearchResults:
    """Decided agenda items of the meetings the user sees (secretariat-only items for its staff)."""
    rows, total = search_queryset(
        agenda_items_visible_to(user).exclude(decision="").select_related("meeting", "meeting__council"),
        DECISION_TEXT,
        query,
        limit,
        "-meeting__starts_at",
        "order",
    )
    hits = [
        SearchHit(
            title=item.title,
            url=f"{item.meeting.get_absolute_url()}#item-{item.pk}",
            summary=one_line(item.decision_text),
            meta=[f"{item.meeting.council.short_name} {item.meeting.label}"],
            badge=str(item.get_decision_display()),
        )
        for item in rows
    ]
    return SearchResults(hits=hits, total=total)


def search_actions(user: AnyUser, query: str, limit: int) -> SearchResults:
    rows, total = search_queryset(
        actions_visible_to(user).select_related("meeting", "council", "assignee"),
        ACTION_TEXT,
        query,
        limit,
        "due_on",
    )
    hits = [
        SearchHit(
            title=action.title,
            url=action.get_absolute_url(),
            summary=action.assignee.name if action.assignee else "",
            meta=[action.council.short_name, action.due_on.strftime("%Y-%m-%d") if action.due_on else ""],
            badge=str(action.get_status_display()),
        )
        for action in rows
    ]
    return SearchResults(hits=hits, total=total)


def _agenda_documents(user: AnyUser) -> QuerySet[AgendaDocument]:
    return AgendaDocument.objects.filter(agenda_item__in=agenda_items_visible_to(user)).select_related(
        "agenda_item__meeting__council"
    )


def _agenda_document_owner(document: AgendaDocument) -> tuple[str, str]:
    meeting = document.agenda_item.meeting
    label = f"{meeting.council.short_name} {meeting.label} · {document.agenda_item.title}"
    return label, f"{meeting.get_absolute_url()}#item-{document.agenda_item_id}"


def register() -> None:
    register_document_source(DocumentSource("agenda", _agenda_documents, _agenda_document_owner))
    register_search_provider(
        SearchProvider(
            key="meetings",
            label=_("Meetings"),
            order=10,
            search=search_meetings,
            list_url_name="meeting-list",
        )
    )
    register_search_provider(
        SearchProvider(key="minutes", label=_("Minutes"), order=11, search=search_minutes)
    )
    register_search_provider(
        SearchProvider(key="decisions", label=_("Decisions"), order=12, search=search_decisions)
    )
    register_search_provider(
        SearchProvider(
            key="actions",
            label=_("Follow-up actions"),
            order=13,
            search=search_actions,
            list_url_name="action-list",
        )
    )
