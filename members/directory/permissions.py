"""Who may see or change institutions, people and council seats. Pages and API both call these.

- Site administrators see and change everything.
- Secretariat staff manage the directory of their councils (and working groups under them):
  institutions and people that hold a seat there or that their council registered, and the seats.
- City officials read everything in their councils.
- Institution contacts read the councils their institution sits on, and the institutions and people
  of those councils; contact details of other institutions' people stay hidden from them.
- Visitors see the member list of a published council.
"""

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from council.models import Council
from council.permissions import AnyUser, access_for, tagged_rows
from members.models import Institution, InstitutionContact, Membership, Person


def seat_rows(user_id: int, day: date) -> list[QuerySet[Any]]:
    """The institutions a user acts for ("contact") and the councils where they, or those institutions,
    hold seats ("seat"), as rows of the user's roles query (council.permissions.access_for).

    Only seats whose term covers the day (today) count: a former member keeps the meetings it was
    invited to, not the council's members-only business.
    """
    contacts = InstitutionContact.objects.filter(user_id=user_id, institution__is_active=True)
    seats = Membership.objects.filter(council__is_active=True).current_on(day)
    # Two rows sets, not one with OR: each finds its seats through an index, where the OR read every
    # seat of the nation on every request (a set of council ids takes a council twice alike).
    own = seats.filter(person_id__in=Person.objects.filter(user_id=user_id).values("id"))
    of_institutions = seats.filter(institution_id__in=contacts.values("institution_id"))
    return [
        tagged_rows(contacts, "contact", "institution_id"),
        tagged_rows(own, "seat", "council_id"),
        tagged_rows(of_institutions, "seat", "council_id"),
    ]


# Institutions


def institutions_visible_to(user: AnyUser) -> QuerySet[Institution]:
    access = access_for(user)
    institutions = Institution.objects.all()
    if access.is_site_admin:
        return institutions
    if not access.is_authenticated:
        return institutions.none()
    readable = access.readable_council_ids
    return institutions.filter(
        Q(id__in=Membership.objects.filter(council_id__in=readable).seated_institution_ids())
        | Q(registered_by_id__in=access.staff_council_ids | access.official_council_ids)
        | Q(id__in=access.contact_institution_ids)
    )


def institutions_changeable_by(user: AnyUser) -> QuerySet[Institution]:
    """Institutions the user may change and add people to, active or not: those seated on a council
    whose secretariat they are on, or registered by one."""
    access = access_for(user)
    institutions = Institution.objects.all()
    if access.is_site_admin:
        return institutions
    seated = Membership.objects.filter(council_id__in=access.staff_council_ids).seated_institution_ids()
    return institutions.filter(Q(id__in=seated) | Q(registered_by_id__in=access.staff_council_ids))


def can_update_institution_contact_details(user: AnyUser, institution: Institution) -> bool:
    """Address, website, phone and representative: also the people who act for the institution."""
    return access_for(user).acts_for(institution.pk) or can_change_institution(user, institution)


def institutions_managed_by(user: AnyUser) -> QuerySet[Institution]:
    """Active institutions the user may change and add people to."""
    return institutions_changeable_by(user).filter(is_active=True)


def can_create_institution(user: AnyUser, council: Council | None = None) -> bool:
    access = access_for(user)
    if council is not None:
        return access.manages(council.pk)
    return access.is_staff_anywhere


def can_change_institution(user: AnyUser, institution: Institution) -> bool:
    access = access_for(user)
    if access.is_site_admin or institution.registered_by_id in access.staff_council_ids:
        return True
    return institutions_changeable_by(user).filter(pk=institution.pk).exists()


# People


def people_visible_to(user: AnyUser) -> QuerySet[Person]:
    access = access_for(user)
    people = Person.objects.all()
    if access.is_site_admin:
        return people
    if not access.is_authenticated:
        return people.none()
    return people.filter(
        Q(institution__in=institutions_visible_to(user))
        | Q(id__in=Membership.objects.filter(council_id__in=access.readable_council_ids).values("person_id"))
        | Q(user_id=access.user_id)
    )


def can_see_all_contact_details(user: AnyUser) -> bool:
    """Site administrators, secretariat staff and officials see every listed person's e-mail and phone."""
    access = access_for(user)
    return access.is_site_admin or bool(access.staff_council_ids or access.official_council_ids)


def can_see_contact_details(user: AnyUser, person: Person) -> bool:
    """E-mail and phone: staff and officials of the person's councils, colleagues, and the person."""
    access = access_for(user)
    if person.user_id is not None and person.user_id == access.user_id:
        return True
    return access.acts_for(person.institution_id) or can_see_all_contact_details(user)


def can_create_person(user: AnyUser, institution: Institution | None) -> bool:
    access = access_for(user)
    if institution is None:
        return access.is_staff_anywhere
    return can_change_institution(user, institution)


def can_change_person(user: AnyUser, person: Person) -> bool:
    access = access_for(user)
    if access.is_site_admin:
        return True
    if person.institution is not None and can_change_institution(user, person.institution):
        return True
    return Membership.objects.filter(person=person, council_id__in=access.staff_council_ids).exists()


def can_update_person_contact_details(user: AnyUser, person: Person) -> bool:
    """Title, e-mail and phone: also the person themself and the people who act for their institution,
    who know the addresses the secretariat lacks."""
    access = access_for(user)
    if person.user_id is not None and person.user_id == access.user_id:
        return True
    return (
        person.institution_id is not None and access.acts_for(person.institution_id)
    ) or can_change_person(user, person)


def can_grant_portal_access(user: AnyUser, person: Person) -> bool:
    """Giving someone an account that acts for their institution is the secretariat's call."""
    return person.institution is not None and can_change_person(user, person)


# Seats


def memberships_visible_to(user: AnyUser) -> QuerySet[Membership]:
    access = access_for(user)
    memberships = Membership.objects.all()
    if access.is_site_admin:
        return memberships
    public = Q(council__is_public=True, council__is_active=True)
    if not access.is_authenticated:
        return memberships.filter(public)
    return memberships.filter(public | Q(council_id__in=access.readable_council_ids))


def can_manage_memberships(user: AnyUser, council: Council) -> bool:
    return access_for(user).manages(council.pk)
