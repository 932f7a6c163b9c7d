"""Who may submit on a council, and the list filters that follow from it. Best practices and difficulties
share both.

- Contacts of an institution seated on the council submit for that institution.
- The council's secretariat may submit on behalf of any active institution seated on it.
"""

from typing import Any

from django.db.models import QuerySet

from council.filters import PortalFilterSet
from council.models import Council
from council.permissions import ANONYMOUS_ACCESS, AnyUser, access_for
from members.models import Institution, Membership


def submitting_institutions(user: AnyUser, council: Council) -> QuerySet[Institution]:
    """Institutions the user may submit for on this council."""
    access = access_for(user)
    seated = Membership.objects.filter(council=council).seated_institution_ids()
    institutions = Institution.objects.filter(id__in=seated, is_active=True)
    if access.manages(council.pk):
        return institutions
    return institutions.filter(id__in=access.contact_institution_ids)


def can_submit_somewhere(user: AnyUser) -> bool:
    """Whether the user may submit on any council: its secretariat, or a contact of a seated institution."""
    access = access_for(user)
    return access.is_staff_anywhere or bool(access.contact_institution_ids and access.seat_council_ids)


def can_submit_on(user: AnyUser, council: Council | None) -> bool:
    """Whether to offer writing a best practice or raising a difficulty on this council at all."""
    if council is None:
        return False
    access = access_for(user)
    if access.manages(council.pk):
        return True
    return bool(access.contact_institution_ids) and council.pk in access.seat_council_ids


def can_submit_for(user: AnyUser, council: Council, institution: Institution | None) -> bool:
    return (
        institution is not None and submitting_institutions(user, council).filter(pk=institution.pk).exists()
    )


def own_institution_ids(request: Any) -> frozenset[int]:
    """The institutions the requesting user is a contact of, for a "my institution's" filter."""
    return access_for(request.user).contact_institution_ids if request is not None else frozenset()


def drop_unusable_filters(filterset: PortalFilterSet, *, status: bool = True) -> None:
    """Leave out filters that cannot narrow anything for this user (visitors see published items only)."""
    access = access_for(filterset.request.user) if filterset.request is not None else ANONYMOUS_ACCESS
    if not access.contact_institution_ids:
        filterset.filters.pop("mine", None)
    if status and not access.is_authenticated:
        filterset.filters.pop("status", None)
