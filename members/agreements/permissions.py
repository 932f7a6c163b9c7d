"""Who may see and change agreements (협약).

- An agreement is a council's public result: its readers (secretariat staff, city officials,
  contacts of seated institutions) and the contacts of its parties read it, and so does everyone
  where the council is published, as signing ceremonies are announced publicly.
- Its documents can be downloaded by whoever may see it.
- The council's secretariat records and changes agreements.
"""

from django.db.models import Q, QuerySet

from council.models import Council
from council.permissions import AnyUser, access_for
from members.models import Agreement


def agreements_visible_to(user: AnyUser) -> QuerySet[Agreement]:
    access = access_for(user)
    agreements = Agreement.objects.all()
    if access.is_site_admin:
        return agreements
    published = Q(council__is_public=True, council__is_active=True)
    if not access.is_authenticated:
        return agreements.filter(published)
    parties = Agreement.parties.through.objects.filter(
        institution_id__in=access.contact_institution_ids
    ).values("agreement_id")
    return agreements.filter(published | Q(council_id__in=access.readable_council_ids) | Q(id__in=parties))


def can_create_agreement(user: AnyUser, council: Council | None) -> bool:
    return council is not None and access_for(user).manages(council.pk)


def can_change_agreement(user: AnyUser, agreement: Agreement) -> bool:
    return access_for(user).manages(agreement.council_id)
