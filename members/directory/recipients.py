"""Who hears about a council's business: its secretariat, and the people who act for institutions."""

from collections.abc import Iterable, Iterator

from council.models import Council, CouncilRole, User
from council.notices.kinds import Recipient
from members.directory.models import Institution, InstitutionContact


def recipient(user: User) -> Recipient:
    return Recipient(email=user.email, name=user.get_full_name(), language=user.language, user_id=user.pk)


def role_holders(council: Council, kind: str) -> Iterator[Recipient]:
    """Holders of a role on the council, or on the council a working group belongs to."""
    councils = [council.pk]
    if council.parent_id:
        councils.append(council.parent_id)
    users = User.objects.filter(
        council_roles__council_id__in=councils, council_roles__kind=kind, is_active=True
    ).distinct()
    for user in users.order_by("id"):
        yield recipient(user)


def secretariat_of(council: Council) -> Iterator[Recipient]:
    """The council's secretariat staff, including those of the council a working group belongs to."""
    return role_holders(council, CouncilRole.Kind.SECRETARIAT)


def contacts_of(institution_ids: Iterable[int | None]) -> Iterator[Recipient]:
    """Everyone who acts for these institutions in the portal, once each."""
    yield from _once(contacts_by_institution(pk for pk in institution_ids if pk is not None))


def _once(contacts: dict[int, list[User]]) -> Iterator[Recipient]:
    seen: set[int] = set()
    for users in contacts.values():
        for user in users:
            if user.pk not in seen:
                seen.add(user.pk)
                yield recipient(user)


def contacts_by_institution(institution_ids: Iterable[int]) -> dict[int, list[User]]:
    """The active users acting for each of these (active) institutions."""
    contacts: dict[int, list[User]] = {}
    ids = list(institution_ids)
    if not ids:
        return contacts
    for contact in (
        InstitutionContact.objects.filter(
            institution_id__in=ids, institution__is_active=True, user__is_active=True
        )
        .select_related("user")
        .order_by("user_id")
    ):
        contacts.setdefault(contact.institution_id, []).append(contact.user)
    return contacts


def reachable_contacts_of(institution_ids: Iterable[int | None]) -> Iterator[Recipient]:
    """The institutions' contacts, as `contacts_of`; an institution none of whom has an e-mail
    address yields itself without one, with its phone number, for staff to call instead."""
    ids = {pk for pk in institution_ids if pk is not None}
    contacts = contacts_by_institution(ids)
    yield from _once(contacts)
    mailed = {pk for pk, users in contacts.items() if any(user.email for user in users)}
    for institution in Institution.objects.filter(pk__in=ids - mailed, is_active=True).order_by("name"):
        yield Recipient(
            email="",
            name=institution.name,
            reference=f"institution:{institution.pk}",
            phone=institution.phone,
        )


def without(recipients: Iterable[Recipient], user_id: int | None) -> Iterator[Recipient]:
    """Leave out the person who made the change: they know already."""
    for item in recipients:
        if user_id is None or item.user_id != user_id:
            yield item
