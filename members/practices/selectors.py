"""Reads of best practices for the gallery, the detail page, the API and the home panels."""

from django.db.models import F, Prefetch, QuerySet

from council.aggregates import count_of
from council.models import Council
from council.permissions import AnyUser, access_for
from members.agreements.permissions import agreements_visible_to
from members.models import BestPractice, BestPracticeDocument, BestPracticeStep, Institution
from members.practices.permissions import best_practices_visible_to


def best_practice_list(*, user: AnyUser) -> QuerySet[BestPractice]:
    """Practices the user may see, newest published first, with partners, figures and file counts."""
    return (
        best_practices_visible_to(user)
        .select_related("council", "institution")
        .prefetch_related(
            Prefetch("partners", queryset=Institution.objects.order_by("name")),
            "figures",
        )
        .annotate(document_count=count_of(BestPracticeDocument.objects.all(), "practice"))
        .order_by(F("published_at").desc(nulls_last=True), "-updated_at", "-id")
    )


def best_practice_detail_queryset(*, user: AnyUser) -> QuerySet[BestPractice]:
    return (
        best_practices_visible_to(user)
        .select_related("council", "institution", "created_by")
        .prefetch_related(
            Prefetch("partners", queryset=Institution.objects.order_by("name")),
            "figures",
            Prefetch("documents", queryset=BestPracticeDocument.objects.select_related("uploaded_by")),
            Prefetch("steps", queryset=BestPracticeStep.objects.select_related("actor")),
            Prefetch(
                "agreements",
                queryset=agreements_visible_to(user).order_by("-signed_on"),
                to_attr="visible_agreements",
            ),
        )
    )


def best_practices_to_review(*, council: Council) -> QuerySet[BestPractice]:
    return (
        BestPractice.objects.filter(council=council, status=BestPractice.Status.SUBMITTED)
        .select_related("institution")
        .order_by("submitted_at")
    )


def best_practices_in_progress(*, user: AnyUser) -> QuerySet[BestPractice]:
    """The user's institutions' drafts, submitted and returned practices (their home panel)."""
    access = access_for(user)
    return (
        BestPractice.objects.filter(institution_id__in=access.contact_institution_ids)
        .exclude(status=BestPractice.Status.PUBLISHED)
        .select_related("institution", "council")
        .order_by("-updated_at")
    )
