"""Who may submit on a council. Best practices and difficulties follow the same rule.

- Contacts of an institution seated on the council submit for that institution.
- The council's secretariat may submit on behalf of any active institution seated on it.
"""

from django.db.models import QuerySet

from council.models import Council
from council.permissions import AnyUser, access_for
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
