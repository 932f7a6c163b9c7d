"""Sections the meetings app adds to other apps' pages: attendance on an institution's page, and on a best
practice's or a difficulty's page the meetings where it was (or will be) on the agenda."""

from typing import Any

from django.http import HttpRequest

from council.permissions import Access
from council.web.navigation import DetailSection, register_detail_section
from meetings.permissions import can_propose_for_agenda
from meetings.selectors import agenda_items_linked, attendance_history, meetings_open_for_agenda
from members.models import BestPractice, Difficulty, Institution


def _institution_attendance(
    request: HttpRequest, access: Access, institution: Institution
) -> dict[str, Any] | None:
    history = attendance_history(institution_id=institution.pk, user=request.user)
    return {"invitations": history} if history else None


def _practice_meetings(request: HttpRequest, access: Access, practice: BestPractice) -> dict[str, Any] | None:
    items = agenda_items_linked(user=request.user, best_practice_id=practice.pk)
    can_propose = (
        can_propose_for_agenda(request.user, practice.council_id)
        and practice.status == BestPractice.Status.PUBLISHED
    )
    meetings = (
        list(
            meetings_open_for_agenda(council_id=practice.council_id).exclude(
                agenda_items__best_practice=practice
            )[:10]
        )
        if can_propose
        else []
    )
    if not items and not meetings:
        return None
    return {"items": items, "meetings": meetings, "practice": practice}


def _difficulty_meetings(
    request: HttpRequest, access: Access, difficulty: Difficulty
) -> dict[str, Any] | None:
    items = agenda_items_linked(user=request.user, difficulty_id=difficulty.pk)
    can_propose = can_propose_for_agenda(request.user, difficulty.council_id) and difficulty.is_open
    meetings = (
        list(
            meetings_open_for_agenda(council_id=difficulty.council_id).exclude(
                agenda_items__difficulty=difficulty
            )[:10]
        )
        if can_propose
        else []
    )
    if not items and not meetings:
        return None
    return {"items": items, "meetings": meetings, "difficulty": difficulty}


def register() -> None:
    register_detail_section(
        DetailSection(
            "institution-attendance", "institution", 30, "meetings/sections/institution_attendance.html",
            _institution_attendance,
        )
    )  # fmt: skip
    register_detail_section(
        DetailSection(
            "practice-meetings",
            "best_practice",
            10,
            "meetings/sections/practice_meetings.html",
            _practice_meetings,
        )
    )
    register_detail_section(
        DetailSection(
            "difficulty-meetings",
            "difficulty",
            10,
            "meetings/sections/difficulty_meetings.html",
            _difficulty_meetings,
        )
    )
