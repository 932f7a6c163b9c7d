"""Reads of agreements for the list, the detail page and the API."""

from django.db.models import Prefetch, QuerySet

from council.aggregates import count_of
from council.permissions import AnyUser
from members.agreements.permissions import agreements_visible_to
from members.models import Agreement, AgreementDocument, BestPractice, Institution
from members.practices.permissions import best_practices_visible_to


def agreement_list(*, user: AnyUser) -> QuerySet[Agreement]:
    """Agreements the user may see, latest signed first, with parties, areas and published results.

    `visible_practices` holds the linked practices the user may see: a to_attr prefetch, which a
    write does not clear, so whoever changes an agreement reads it again through this selector.
    """
    return (
        agreements_visible_to(user)
        .select_related("council")
        .prefetch_related(
            Prefetch("parties", queryset=Institution.objects.order_by("name")),
            "areas",
            Prefetch(
                "best_practices",
                queryset=best_practices_visible_to(user)
                .select_related("institution")
                .order_by("-published_at"),
                to_attr="visible_practices",
            ),
        )
        .annotate(
            practice_count=count_of(
                BestPractice.agreements.through.objects.filter(
                    bestpractice__status=BestPractice.Status.PUBLISHED
                ),
                "agreement",
            )
        )
        .order_by("-signed_on", "-id")
    )


def agreement_detail_queryset(*, user: AnyUser) -> QuerySet[Agreement]:
    """Agreements as the list has them, for one agreement's page: with who recorded it and its documents."""
    return (
        agreement_list(user=user)
        .select_related("created_by")
        .prefetch_related(
            Prefetch("documents", queryset=AgreementDocument.objects.select_related("uploaded_by"))
        )
    )
