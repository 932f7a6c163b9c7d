"""Reads of the member directory, with the joins and counts each page and the API need.

Every list here runs a fixed number of queries whatever its length: related rows come through
select_related or one prefetch, counts through annotations.
"""

from collections import Counter
from datetime import date, timedelta

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from council.aggregates import count_of
from council.models import Council
from council.permissions import AnyUser
from members.directory.permissions import institutions_visible_to, memberships_visible_to, people_visible_to
from members.models import Institution, Membership, Person

ROLE_ORDER = Case(
    When(role=Membership.Role.CHAIR, then=Value(0)),
    When(role=Membership.Role.VICE_CHAIR, then=Value(1)),
    When(role=Membership.Role.MEMBER, then=Value(2)),
    When(role=Membership.Role.SECRETARY, then=Value(3)),
    default=Value(4),
    output_field=IntegerField(),
)


def current_seats(today: date | None = None) -> QuerySet[Membership]:
    return Membership.objects.current_on(today or timezone.localdate()).select_related("council")


def institution_list(*, user: AnyUser) -> QuerySet[Institution]:
    """Institutions the user may see, with their current seats and head counts."""
    return (
        institutions_visible_to(user)
        .select_related("registered_by")
        .annotate(people_count=count_of(Person.objects.filter(is_active=True), "institution"))
        .prefetch_related(Prefetch("memberships", queryset=current_seats(), to_attr="current_seats"))
        .order_by("-is_active", "name")
    )


def institution_detail_queryset(*, user: AnyUser) -> QuerySet[Institution]:
    return (
        institutions_visible_to(user)
        .select_related("registered_by")
        .prefetch_related(
            Prefetch("people", queryset=Person.objects.select_related("user").order_by("-is_active", "name")),
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("council", "person").order_by(
                    "-term_end", "council__name"
                ),
                to_attr="all_seats",
            ),
            Prefetch("contacts", to_attr="contact_roles"),
        )
    )


def person_list(*, user: AnyUser) -> QuerySet[Person]:
    return (
        people_visible_to(user)
        .select_related("institution", "user")
        .prefetch_related(Prefetch("memberships", queryset=current_seats(), to_attr="current_seats"))
        .order_by("-is_active", "name")
    )


def person_detail_queryset(*, user: AnyUser) -> QuerySet[Person]:
    return (
        people_visible_to(user)
        .select_related("institution", "user")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("council", "institution").order_by("-term_end"),
                to_attr="all_seats",
            )
        )
    )


def membership_list(*, user: AnyUser) -> QuerySet[Membership]:
    return (
        memberships_visible_to(user)
        .select_related("council", "institution", "person", "person__institution")
        .annotate(role_rank=ROLE_ORDER)
        .order_by("council__name", "role_rank", "institution__name", "person__name", "id")
    )


def council_seats(*, council: Council, today: date | None = None) -> QuerySet[Membership]:
    """The council's current seats, chair first: its published member list."""
    return (
        Membership.objects.filter(council=council)
        .current_on(today or timezone.localdate())
        .select_related("institution", "person", "person__institution")
        .annotate(role_rank=ROLE_ORDER)
        .order_by("role_rank", "institution__name", "person__name", "id")
    )


def council_composition(*, council: Council, today: date | None = None) -> dict[str, object]:
    """Head counts of current seats by sector and by appointment route, counted in the database."""
    seats = Membership.objects.filter(council=council).current_on(today or timezone.localdate())
    by_sector: Counter[str] = Counter()
    by_route: Counter[str] = Counter()
    # One grouped query; a seat held by a person alone has no institution, hence no sector.
    for sector, route, total in (
        seats.values_list("institution__sector", "route").annotate(total=Count("id")).order_by()
    ):
        if sector is not None:
            by_sector[sector] += total
        by_route[route] += total
    return {"total": by_route.total(), "by_sector": dict(by_sector), "by_route": dict(by_route)}


def memberships_ending_soon(
    *, council_ids: frozenset[int] | set[int], today: date | None = None
) -> QuerySet[Membership]:
    today = today or timezone.localdate()
    return (
        Membership.objects.filter(council_id__in=council_ids)
        .ending_within(today, settings.MEMBERSHIP_ENDING_SOON_DAYS)
        .select_related("council", "institution", "person")
        .order_by("term_end")
    )


def councils_with_counts(*, councils: QuerySet[Council], today: date | None = None) -> QuerySet[Council]:
    today = today or timezone.localdate()
    current = Q(memberships__term_start__isnull=True) | Q(memberships__term_start__lte=today)
    current &= Q(memberships__term_end__isnull=True) | Q(memberships__term_end__gte=today)
    return councils.select_related("parent").annotate(
        seat_count=Count("memberships", filter=current, distinct=True),
        group_count=Count("working_groups", distinct=True),
    )


def ending_soon_cutoff(today: date | None = None) -> date:
    return (today or timezone.localdate()) + timedelta(days=settings.MEMBERSHIP_ENDING_SOON_DAYS)
