"""Notices about best practices: one submitted for review, and the review's outcome."""

from collections.abc import Iterable, Sequence
from itertools import chain
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from council.models import Dispatch, Notice
from council.notices.kinds import NoticeKind, Recipient, register_kind
from members.directory.recipients import contacts_of, recipient, secretariat_of, without
from members.models import BestPractice


def _practice(dispatch: Dispatch) -> BestPractice:
    pk = dispatch.subject_id
    return BestPractice.objects.select_related("council", "institution", "created_by").get(pk=pk)


@register_kind
class BestPracticeSubmitted(NoticeKind):
    """To the council's secretariat: a best practice waits for review."""

    key = "best_practice.submitted"
    label = _("best practice submitted")
    template = "members/notices/best_practice_submitted"

    def recipients(self, dispatch: Dispatch) -> Iterable[Recipient]:
        return secretariat_of(_practice(dispatch).council)

    def context(self, dispatch: Dispatch, notices: Sequence[Notice] = ()) -> dict[str, Any]:
        return {"practice": _practice(dispatch)}

    def link(self, dispatch: Dispatch, context: dict[str, Any]) -> str:
        return reverse("best-practice-detail", kwargs={"pk": context["practice"].pk})


@register_kind
class BestPracticeReviewed(NoticeKind):
    """To the submitting institution: the practice was published, or returned with a comment."""

    key = "best_practice.reviewed"
    label = _("best practice reviewed")
    template = "members/notices/best_practice_reviewed"

    def recipients(self, dispatch: Dispatch) -> Iterable[Recipient]:
        practice = _practice(dispatch)
        author = [recipient(practice.created_by)] if practice.created_by else []
        return without(chain(author, contacts_of([practice.institution_id])), dispatch.payload.get("actor"))

    def context(self, dispatch: Dispatch, notices: Sequence[Notice] = ()) -> dict[str, Any]:
        return {
            "practice": _practice(dispatch),
            "published": dispatch.payload.get("decision") == BestPractice.Status.PUBLISHED,
            "comment": dispatch.payload.get("comment", ""),
        }

    def link(self, dispatch: Dispatch, context: dict[str, Any]) -> str:
        return reverse("best-practice-detail", kwargs={"pk": context["practice"].pk})
