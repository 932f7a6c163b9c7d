"""Notices about difficulties and suggestions: a new one to triage, every change in its thread, and
answers that are overdue.

Every change is one dispatch per event (revision = the event's id), so the raising institution hears
of each assignment, answer and status change exactly once.
"""

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta
from itertools import chain
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from council.models import Dispatch, Notice
from council.notices.kinds import NoticeKind, Recipient, register_kind
from council.notices.outbox import dispatch_create, dispatches_create
from council.notices.reminders import OVERDUE_WINDOW_DAYS
from members.directory.recipients import contacts_of, secretariat_of, without
from members.models import Difficulty, DifficultyEvent

E = DifficultyEvent.Kind


def _difficulty(dispatch: Dispatch) -> Difficulty:
    pk = dispatch.subject_id
    return Difficulty.objects.select_related("council", "institution", "assignee").get(pk=pk)


def subject_key(difficulty: Difficulty) -> str:
    return f"members.difficulty:{difficulty.pk}"


@register_kind
class DifficultyRaised(NoticeKind):
    """To the council's secretariat: a new difficulty or suggestion waits for triage."""

    key = "difficulty.raised"
    label = _("new difficulty or suggestion")
    template = "members/notices/difficulty_raised"

    def recipients(self, dispatch: Dispatch) -> Iterable[Recipient]:
        return without(secretariat_of(_difficulty(dispatch).council), dispatch.payload.get("actor"))

    def context(self, dispatch: Dispatch, notices: Sequence[Notice] = ()) -> dict[str, Any]:
        return {"difficulty": _difficulty(dispatch)}

    def link(self, dispatch: Dispatch, context: dict[str, Any]) -> str:
        return reverse("difficulty-detail", kwargs={"pk": context["difficulty"].pk})


@register_kind
class DifficultyChanged(NoticeKind):
    """An assignment, answer, comment or status change, to everyone concerned except its author.

    The raising institution hears of everything others do; the assigned institution of its
    assignment, of comments and of how it ends; the secretariat of comments and of answers it
    did not write itself.
    """

    key = "difficulty.changed"
    label = _("difficulty or suggestion updated")
    template = "members/notices/difficulty_changed"

    def _event(self, dispatch: Dispatch) -> DifficultyEvent:
        return DifficultyEvent.objects.select_related("author", "author_institution", "assignee").get(
            pk=dispatch.payload["event"]
        )

    def recipients(self, dispatch: Dispatch) -> Iterator[Recipient]:
        difficulty, event = _difficulty(dispatch), self._event(dispatch)
        submitter = contacts_of([difficulty.institution_id])
        assignee = contacts_of([difficulty.assignee_id])
        staff = secretariat_of(difficulty.council)
        groups: list[Iterable[Recipient]]
        if event.kind == E.COMMENT:
            groups = [staff, assignee]
        elif event.kind == E.ANSWER:
            groups = [submitter, staff] if event.author_institution_id else [submitter]
        else:
            groups = [submitter, assignee]
        return without(chain(*groups), event.author_id)

    def context(self, dispatch: Dispatch, notices: Sequence[Notice] = ()) -> dict[str, Any]:
        return {"difficulty": _difficulty(dispatch), "event": self._event(dispatch)}

    def link(self, dispatch: Dispatch, context: dict[str, Any]) -> str:
        url = reverse("difficulty-detail", kwargs={"pk": context["difficulty"].pk})
        return f"{url}#event-{context['event'].pk}"


@register_kind
class DifficultyOverdue(NoticeKind):
    """To the council's secretariat: the answer due date passed and nobody has answered."""

    key = "difficulty.overdue"
    label = _("answer overdue")
    template = "members/notices/difficulty_overdue"

    def recipients(self, dispatch: Dispatch) -> Iterable[Recipient]:
        return secretariat_of(_difficulty(dispatch).council)

    def context(self, dispatch: Dispatch, notices: Sequence[Notice] = ()) -> dict[str, Any]:
        return {"difficulty": _difficulty(dispatch)}

    def link(self, dispatch: Dispatch, context: dict[str, Any]) -> str:
        return reverse("difficulty-detail", kwargs={"pk": context["difficulty"].pk})


def difficulty_changed_announce(event: DifficultyEvent) -> None:
    """Announce one thread event; called by the services inside their transaction."""
    dispatch_create(
        kind=DifficultyChanged.key,
        subject_key=subject_key(event.difficulty),
        revision=event.pk,
        council=event.difficulty.council,
        payload={"event": event.pk},
    )


def overdue_answer_reminders(today: date) -> int:
    """Escalate each open item whose answer is overdue, once per item and due date (for a month)."""
    window = today - timedelta(days=OVERDUE_WINDOW_DAYS)
    rows = (
        Difficulty.objects.overdue(today)
        .filter(answer_due__gte=window)
        .values_list("pk", "answer_due", "council_id")
    )
    due = [
        (f"members.difficulty:{pk}", answer_due.toordinal(), council)
        for pk, answer_due, council in rows
        if answer_due
    ]
    return dispatches_create(kind=DifficultyOverdue.key, due=due)
