"""Reads shared by pages and API: the current council, the switcher, notices."""

from collections.abc import Sequence

from django.db.models import Count, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import HttpRequest

from council.models import Council, Dispatch, Notice
from council.models.notices import to_reach
from council.permissions import AnyUser, access_for, councils_switchable


def councils_for_switcher(*, user: AnyUser) -> list[Council]:
    """The councils the user works in, by name, for the header's council switcher."""
    return list(councils_switchable(user).order_by("name"))


def council_current(*, user: AnyUser, councils: Sequence[Council], chosen_id: int | None) -> Council | None:
    """Among the user's `councils`, the chosen one, else the first one their roles point to.

    Councils they run the secretariat of come first, then those they are an official of, then
    those they hold a seat on; top-level councils before working groups, then by name.
    """
    if chosen_id:
        for council in councils:
            if council.pk == chosen_id:
                return council
    access = access_for(user)

    def rank(council: Council) -> tuple[int, bool, int, str]:
        if council.pk in access.staff_council_ids:
            role = 0
        elif council.pk in access.official_council_ids:
            role = 1
        elif council.pk in access.seat_council_ids:
            role = 2
        else:
            role = 3
        return role, council.parent_id is not None, council.parent_id or 0, council.name

    return min(councils, key=rank, default=None)


def request_councils(request: HttpRequest) -> list[Council]:
    """The switcher's councils for the request's user, loaded once per request."""
    if not hasattr(request, "_councils"):
        request._councils = councils_for_switcher(user=request.user)  # type: ignore[attr-defined]
    return request._councils  # type: ignore[attr-defined]


def request_council(request: HttpRequest) -> Council | None:
    """The council the request works in, picked from the switcher's councils so the header costs one query."""
    if not hasattr(request, "_council"):
        request._council = council_current(  # type: ignore[attr-defined]
            user=request.user,
            councils=request_councils(request),
            chosen_id=request.session.get("council_id"),
        )
    return request._council  # type: ignore[attr-defined]


def header_council(request: HttpRequest) -> Council | None:
    """The council the header names: that of the record on a visitor's page, else the one worked in."""
    shown: Council | None = getattr(request, "page_council", None)
    if shown is not None and not request.user.is_authenticated:
        return shown
    return request_council(request)


def notices_to_reach(*, dispatches: QuerySet[Dispatch]) -> QuerySet[Notice]:
    """Recipients of these announcements whom no mail reached (no address, or refused for good) and
    nobody has called yet, by announcement (newest first) and name, each with `call_phone`: the
    number kept with the notice, else that of the recipient's person record."""
    return (
        Notice.objects.filter(to_reach(), dispatch__in=dispatches)
        .select_related("dispatch")
        .annotate(
            call_phone=Coalesce(NullIf("phone", Value("")), "recipient__person__phone", Value("")),
        )
        .order_by("-dispatch__created_at", "dispatch_id", "name", "id")
    )


def dispatches_about(*, subject_key: str) -> QuerySet[Dispatch]:
    """The announcements about one record, newest first, each with how many recipients are `to_reach`."""
    return (
        Dispatch.objects.filter(subject_key=subject_key)
        .annotate(to_reach=Count("notices", filter=to_reach("notices__")))
        .order_by("-created_at")
    )


def notices_for_user(*, user_id: int) -> QuerySet[Notice]:
    return Notice.objects.filter(recipient_id=user_id).select_related("dispatch")


UNREAD_SHOWN = 5


def unread_latest(*, user: AnyUser) -> list[Notice]:
    """The user's newest unread notices, for the home page (the header shows `user.unread_notices`)."""
    if not user.is_authenticated or not user.unread_notices:
        return []
    return list(
        Notice.objects.filter(recipient_id=user.pk, read_at__isnull=True)
        .only("title", "created_at")  # what the home panel shows
        .order_by("-created_at", "-id")[:UNREAD_SHOWN]
    )
