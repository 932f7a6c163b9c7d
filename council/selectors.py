"""Reads shared by pages and API: the current council, the switcher, notices."""

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import HttpRequest

from council.models import Council, Dispatch, Notice
from council.permissions import AnyUser, access_for, councils_visible_to


def council_current(*, user: AnyUser, chosen_id: int | None) -> Council | None:
    """The chosen council if the user may read it, else the first one their roles point to."""
    visible = councils_visible_to(user).filter(is_active=True)
    if chosen_id:
        chosen = visible.filter(pk=chosen_id).first()
        if chosen is not None:
            return chosen
    access = access_for(user)
    return (
        visible.annotate(
            priority=Case(
                When(id__in=access.staff_council_ids, then=Value(0)),
                When(id__in=access.official_council_ids, then=Value(1)),
                When(id__in=access.seat_council_ids, then=Value(2)),
                default=Value(3),
                output_field=IntegerField(),
            )
        )
        .order_by("priority", "parent_id", "name")
        .first()
    )


def request_council(request: HttpRequest) -> Council | None:
    """The council the request works in, resolved once per request."""
    if not hasattr(request, "_council"):
        request._council = council_current(  # type: ignore[attr-defined]
            user=request.user, chosen_id=request.session.get("council_id")
        )
    return request._council  # type: ignore[attr-defined]


def councils_for_switcher(*, user: AnyUser) -> list[Council]:
    return list(councils_visible_to(user).filter(is_active=True).select_related("parent").order_by("name"))


def notices_for_user(*, user_id: int) -> QuerySet[Notice]:
    return Notice.objects.filter(recipient_id=user_id).select_related("dispatch")


def notices_unread_count(*, user_id: int) -> int:
    return Notice.objects.filter(recipient_id=user_id, read_at__isnull=True).count()


def dispatches_for_council(*, council_id: int) -> QuerySet[Dispatch]:
    return Dispatch.objects.filter(council_id=council_id)
