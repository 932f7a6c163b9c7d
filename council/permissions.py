"""Who may see or change councils, and the per-request summary of a user's roles that every app reads.

Roles (secretariat staff, city official, institution contact, site admin) decide what a user may do.
Council seats (members.Membership) decide only which councils a contact's institution takes part in;
the members app tells this module how to find them through `set_seat_rows`, so the dependency keeps
pointing from members to council. A user's roles, working groups, contacts and seats are read in
one query (a UNION of tagged rows), since every page of every user asks for them. That query is
compiled once per process (`_roles_sql`): building it through the ORM costs more than running it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import connection, models
from django.db.models import Q, QuerySet, Value
from django.utils import timezone

from council.models import Council, CouncilRole, User

AnyUser = User | AnonymousUser


@dataclass(frozen=True, slots=True)
class Seats:
    """What the members app knows about a user: institutions they act for and councils those sit on."""

    institution_ids: frozenset[int] = frozenset()
    council_ids: frozenset[int] = frozenset()


# The members app's rows for a user id on a day: ("contact", institution id) and ("seat", council
# id), as querysets of tagged_rows() that this module joins into the user's one query.
SeatRows = Callable[[int, date], list[QuerySet[Any]]]
_seat_rows: SeatRows | None = None


def set_seat_rows(rows: SeatRows) -> None:
    global _seat_rows
    _seat_rows = rows
    _roles_sql.cache_clear()


def tagged_rows(queryset: QuerySet[Any], tag: str, id_field: str, other: str | None = None) -> QuerySet[Any]:
    """Rows (tag, id, other id, kind) for the user's roles query; `other` is a second id, or 0."""
    return (
        queryset.order_by()
        .annotate(
            row_tag=Value(tag, output_field=models.CharField()),
            row_other=models.F(other) if other else Value(0, output_field=models.IntegerField()),
            row_kind=Value("", output_field=models.CharField()),
        )
        .values_list("row_tag", id_field, "row_other", "row_kind")
    )


@dataclass(frozen=True, slots=True)
class Access:
    """A user's roles, resolved once per request and shared by pages, API and services."""

    user_id: int | None
    is_site_admin: bool = False
    staff_council_ids: frozenset[int] = frozenset()
    official_council_ids: frozenset[int] = frozenset()
    contact_institution_ids: frozenset[int] = frozenset()
    seat_council_ids: frozenset[int] = frozenset()

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def readable_council_ids(self) -> frozenset[int]:
        return self.staff_council_ids | self.official_council_ids | self.seat_council_ids

    @property
    def is_staff_anywhere(self) -> bool:
        return self.is_site_admin or bool(self.staff_council_ids)

    @property
    def is_official_anywhere(self) -> bool:
        return bool(self.official_council_ids)

    @property
    def is_contact(self) -> bool:
        return bool(self.contact_institution_ids)

    def manages(self, council_id: int | None) -> bool:
        return self.is_site_admin or council_id in self.staff_council_ids

    def oversees(self, council_id: int | None) -> bool:
        """Staff or official of the council: may read everything in it."""
        return (
            self.is_site_admin
            or council_id in self.staff_council_ids
            or council_id in self.official_council_ids
        )

    def reads(self, council_id: int | None) -> bool:
        return self.is_site_admin or council_id in self.readable_council_ids

    def acts_for(self, institution_id: int | None) -> bool:
        return institution_id is not None and institution_id in self.contact_institution_ids


ANONYMOUS_ACCESS = Access(user_id=None)


def access_for(user: AnyUser) -> Access:
    """The user's roles, computed with a fixed number of queries and kept on the user for the request."""
    if not user.is_authenticated:
        return ANONYMOUS_ACCESS
    cached: Access | None = getattr(user, "_portal_access", None)
    if cached is not None:
        return cached
    assert isinstance(user, User)
    if not user.is_active:
        access = ANONYMOUS_ACCESS
    else:
        staff: set[int] = set()
        official: set[int] = set()
        groups: list[tuple[int, int]] = []
        found: dict[str, set[int]] = {"contact": set(), "seat": set()}
        for tag, row_id, other_id, kind in _roles_rows(user.pk, timezone.localdate()):
            if tag == "role":
                (staff if kind == CouncilRole.Kind.SECRETARIAT else official).add(row_id)
            elif tag == "group":
                groups.append((row_id, other_id))
            else:
                found[tag].add(row_id)
        for group_id, parent_id in groups:
            if parent_id in staff:
                staff.add(group_id)
            if parent_id in official:
                official.add(group_id)
        seats = Seats(institution_ids=frozenset(found["contact"]), council_ids=frozenset(found["seat"]))
        access = Access(
            user_id=user.pk,
            is_site_admin=user.is_superuser,
            staff_council_ids=frozenset(staff),
            official_council_ids=frozenset(official),
            contact_institution_ids=seats.institution_ids,
            seat_council_ids=seats.council_ids,
        )
    setattr(user, "_portal_access", access)  # noqa: B010 - per-request cache on the user object
    return access


# Stand-ins for the user and the day while the roles query is compiled; each run puts the real
# ones in their places. No primary key is negative, and no term of office is that old.
_USER_MARK = -1_999_999_999
_DAY_MARK = date(1, 1, 2)


def _roles_query(user_id: int, day: date) -> QuerySet[Any]:
    """The user's roles, the working groups under their councils, and the members app's rows."""
    roles = CouncilRole.objects.filter(user_id=user_id, council__is_active=True)
    parts = [
        roles.annotate(
            row_tag=Value("role", output_field=models.CharField()),
            row_other=Value(0, output_field=models.IntegerField()),
        ).values_list("row_tag", "council_id", "row_other", "kind"),
        # A role on a council extends to the working groups under it.
        tagged_rows(
            Council.objects.filter(parent_id__in=roles.values("council_id")), "group", "id", "parent_id"
        ),
        *(_seat_rows(user_id, day) if _seat_rows else []),
    ]
    return parts[0].union(*parts[1:], all=True)


@cache
def _roles_sql(vendor: str) -> tuple[str, tuple[Any, ...]]:
    sql, params = _roles_query(_USER_MARK, _DAY_MARK).query.sql_with_params()
    if _USER_MARK not in params or connection.ops.adapt_datefield_value(_DAY_MARK) not in params:
        raise AssertionError("the roles query no longer takes the user and the day as parameters")
    return sql, params


def _roles_rows(user_id: int, day: date) -> list[tuple[str, int, int, str]]:
    """Rows (tag, id, other id, kind) of `_roles_query(user_id, day)`, from the SQL compiled once."""
    sql, marked = _roles_sql(connection.vendor)
    adapt = connection.ops.adapt_datefield_value  # a date as the backend passes it (text on SQLite)
    stand_in: dict[tuple[type, Any], Any] = {
        (int, _USER_MARK): user_id,
        (type(adapt(_DAY_MARK)), adapt(_DAY_MARK)): adapt(day),
    }
    params = [stand_in.get((type(value), value), value) for value in marked]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def forget_access(user: AnyUser) -> None:
    """Drop the cached roles after they change within one request or test."""
    if hasattr(user, "_portal_access"):
        delattr(user, "_portal_access")


def authenticated_user(user: AnyUser) -> User:
    """The acting user of a request that requires a login."""
    if not isinstance(user, User) or not user.is_authenticated:
        raise PermissionDenied
    return user


def councils_visible_to(user: AnyUser) -> QuerySet[Council]:
    """Councils the user may read: their own, and every published one."""
    access = access_for(user)
    councils = Council.objects.all()
    if access.is_site_admin:
        return councils
    return councils.filter(Q(is_public=True, is_active=True) | Q(id__in=access.readable_council_ids))


def councils_switchable(user: AnyUser) -> QuerySet[Council]:
    """The councils the header's switcher offers. A signed-in user works in the active councils they
    have a role or a seat in (a site administrator in every active one); published councils they
    take no part in are read from the council list, so their switcher stays as short as their own
    work at any national size. A visitor chooses among the published councils."""
    access = access_for(user)
    councils = Council.objects.filter(is_active=True)
    if access.is_site_admin:
        return councils
    if not access.is_authenticated:
        return councils.filter(is_public=True)
    return councils.filter(id__in=access.readable_council_ids)


def managed_councils(user: AnyUser) -> QuerySet[Council]:
    access = access_for(user)
    if access.is_site_admin:
        return Council.objects.filter(is_active=True)
    return Council.objects.filter(id__in=access.staff_council_ids, is_active=True)


def manages_a_council(user: AnyUser) -> bool:
    """Secretariat staff of some council (or a site administrator): who may add what councils hold."""
    return access_for(user).is_staff_anywhere


def can_change_council(user: AnyUser, council: Council) -> bool:
    return access_for(user).manages(council.pk)


def can_create_council(user: AnyUser) -> bool:
    return access_for(user).is_site_admin


def can_view_delivery(user: AnyUser, council_id: int | None) -> bool:
    """Staff see each recipient's delivery state for their council's notices."""
    return access_for(user).manages(council_id)
