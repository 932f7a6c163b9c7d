"""Writes on the member directory: institutions, people, seats and contact roles.

Every function checks the actor's permission first and validates with full_clean() before saving,
so the pages, the API, imports and the admin all obey the same rules.
"""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import Council, Dispatch, User
from council.notices.outbox import dispatch_create
from council.permissions import access_for, forget_access
from council.services import assign_fields as _assign
from members.directory import permissions
from members.directory.notices import EmailsMissing
from members.models import Institution, InstitutionContact, Membership, Person

INSTITUTION_FIELDS = (
    "name",
    "name_en",
    "kind",
    "sector",
    "region",
    "address",
    "website",
    "phone",
    "representative",
    "business_registration_number",
)
PERSON_FIELDS = ("name", "name_en", "title", "institution", "email", "phone")
# What the people an institution's record is about may keep up to date themselves.
INSTITUTION_CONTACT_FIELDS = ("address", "website", "phone", "representative")
PERSON_CONTACT_FIELDS = ("title", "email", "phone")


def _only_contact_details(
    record: Institution | Person, fields: dict[str, Any], allowed: tuple[str, ...]
) -> dict[str, Any]:
    """The people a record is about change only its contact details: the other fields must stay as
    they are (a full form or a PUT repeats them)."""
    if any(name not in allowed and getattr(record, name) != value for name, value in fields.items()):
        raise _deny(_("You may change only the contact details here."))
    return {name: value for name, value in fields.items() if name in allowed}


MEMBERSHIP_FIELDS = ("institution", "person", "role", "route", "position", "term_start", "term_end", "notes")


def _deny(message: str) -> PermissionDenied:
    return PermissionDenied(message)


# Institutions


@transaction.atomic
def institution_create(*, actor: User, council: Council | None, **fields: Any) -> Institution:
    """Add an institution to the directory, registered by the actor's council."""
    if not permissions.can_create_institution(actor, council):
        raise _deny(_("Only a council's secretariat can add institutions."))
    institution = Institution(registered_by=council)
    _assign(institution, fields, INSTITUTION_FIELDS)
    institution.full_clean()
    institution.save()
    return institution


@transaction.atomic
def institution_update(*, actor: User, institution: Institution, **fields: Any) -> Institution:
    """Change an institution: all of it for the secretariat, its contact details for its own contacts
    (the change history says who changed what)."""
    allowed: tuple[str, ...] = INSTITUTION_FIELDS
    if not permissions.can_change_institution(actor, institution):
        if not permissions.can_update_institution_contact_details(actor, institution):
            raise _deny(_("Only the secretariat of a council this institution belongs to can change it."))
        allowed = INSTITUTION_CONTACT_FIELDS
        fields = _only_contact_details(institution, fields, allowed)
    _assign(institution, fields, allowed)
    institution.full_clean()
    institution.save()
    return institution


@transaction.atomic
def institution_ask_emails(*, actor: User, institution: Institution) -> int:
    """Ask the institution's contacts, by a notice, to fill in the e-mail addresses its people lack;
    return how many are missing. Each ask is a new notice."""
    if not permissions.can_change_institution(actor, institution):
        raise _deny(_("Only the secretariat of a council this institution belongs to can change it."))
    missing = institution.people.filter(is_active=True, email="").count()
    if not missing:
        raise ValidationError(_("Every person of this institution has an e-mail address."))
    subject_key = f"members.institution:{institution.pk}"
    asked = Dispatch.objects.filter(kind=EmailsMissing.key, subject_key=subject_key).count()
    # Under the asking staff's council where the institution holds a seat: its delivery page and the
    # staff's list of whom to phone show who was not reached.
    council = Council.objects.filter(
        pk__in=Membership.objects.filter(
            institution=institution, council_id__in=access_for(actor).staff_council_ids
        ).values("council_id")
    ).first()
    dispatch_create(
        kind=EmailsMissing.key,
        subject_key=subject_key,
        revision=asked + 1,
        council=council,
        payload={"actor": actor.pk},
    )
    return missing


@transaction.atomic
def institution_set_active(*, actor: User, institution: Institution, active: bool) -> Institution:
    """Deactivate (or reactivate) an institution; its history and past seats are kept."""
    if not permissions.can_change_institution(actor, institution):
        raise _deny(_("Only the secretariat of a council this institution belongs to can change it."))
    institution.is_active = active
    institution.save(update_fields=["is_active", "updated_at"])
    return institution


# People


@transaction.atomic
def person_create(*, actor: User, **fields: Any) -> Person:
    if not permissions.can_create_person(actor, fields.get("institution")):
        raise _deny(_("Only the secretariat of this institution's council can add its people."))
    person = Person()
    _assign(person, fields, PERSON_FIELDS)
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def person_update(*, actor: User, person: Person, **fields: Any) -> Person:
    """Change a person: all of it for the secretariat; title, e-mail and phone also for the person
    and for the contacts of their institution."""
    if not permissions.can_change_person(actor, person):
        if not permissions.can_update_person_contact_details(actor, person):
            raise _deny(_("Only the secretariat of this person's council can change them."))
        _assign(person, _only_contact_details(person, fields, PERSON_CONTACT_FIELDS), PERSON_CONTACT_FIELDS)
        person.full_clean()
        person.save()
        return person
    new_institution = fields.get("institution", person.institution)
    if new_institution != person.institution and not permissions.can_create_person(actor, new_institution):
        raise _deny(_("You cannot move people to that institution."))
    _assign(person, fields, PERSON_FIELDS)
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def person_set_active(*, actor: User, person: Person, active: bool) -> Person:
    if not permissions.can_change_person(actor, person):
        raise _deny(_("Only the secretariat of this person's council can change them."))
    person.is_active = active
    person.save(update_fields=["is_active", "updated_at"])
    if not active and person.user_id:
        InstitutionContact.objects.filter(user_id=person.user_id).delete()
    return person


@transaction.atomic
def person_grant_portal_access(*, actor: User, person: Person) -> User:
    """Give a person an account that acts for their institution, and invite them to set a password."""
    if not permissions.can_grant_portal_access(actor, person):
        raise _deny(_("Only the secretariat of this person's council can invite them to the portal."))
    if not person.email:
        raise ValidationError({"email": _("An e-mail address is needed to send the invitation.")})
    assert person.institution is not None
    user = person.user
    if user is None:
        user = User.objects.filter(email__iexact=person.email).first()
    if user is None:
        username = person.email.lower()
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError({"email": _("An account with this e-mail address already exists.")})
        user = User(username=username, email=person.email, name=person.name)
        user.set_unusable_password()
        user.full_clean()
        user.save()
    if person.user_id != user.pk:
        if Person.objects.filter(user=user).exclude(pk=person.pk).exists():
            raise ValidationError({"email": _("This account already belongs to another person.")})
        person.user = user
        person.save(update_fields=["user", "updated_at"])
    InstitutionContact.objects.get_or_create(user=user, institution=person.institution)
    forget_access(user)
    subject_key = f"council.user:{user.pk}"
    earlier = Dispatch.objects.filter(kind="account.invited", subject_key=subject_key).count()
    dispatch_create(
        kind="account.invited",
        subject_key=subject_key,
        revision=earlier + 1,
        payload={"institution": person.institution.name},
    )
    return user


@transaction.atomic
def contact_role_revoke(*, actor: User, contact: InstitutionContact) -> None:
    if not permissions.can_change_institution(actor, contact.institution):
        raise _deny(_("Only the secretariat of this institution's council can change its contacts."))
    contact.delete()
    forget_access(contact.user)


# Seats


def _check_seat(membership: Membership) -> None:
    overlapping = Membership.objects.filter(
        council_id=membership.council_id, institution=membership.institution, person=membership.person
    ).exclude(pk=membership.pk)
    if membership.term_end:
        overlapping = overlapping.exclude(term_start__gt=membership.term_end)
    if membership.term_start:
        overlapping = overlapping.exclude(term_end__lt=membership.term_start)
    if overlapping.exists():
        raise ValidationError(
            {"term_start": _("This holder already has a seat on the council for an overlapping term.")}
        )


@transaction.atomic
def membership_create(*, actor: User, council: Council, **fields: Any) -> Membership:
    """Give an institution and/or a person a seat on a council."""
    if not permissions.can_manage_memberships(actor, council):
        raise _deny(_("Only the council's secretariat can change its seats."))
    membership = Membership(council=council)
    _assign(membership, fields, MEMBERSHIP_FIELDS)
    membership.full_clean()
    _check_seat(membership)
    membership.save()
    return membership


@transaction.atomic
def membership_update(*, actor: User, membership: Membership, **fields: Any) -> Membership:
    if not permissions.can_manage_memberships(actor, membership.council):
        raise _deny(_("Only the council's secretariat can change its seats."))
    _assign(membership, fields, MEMBERSHIP_FIELDS)
    membership.full_clean()
    _check_seat(membership)
    membership.save()
    return membership


@transaction.atomic
def membership_end(*, actor: User, membership: Membership, on: date | None = None) -> Membership:
    """End a term early (resignation, replacement); the seat stays in the history."""
    if not permissions.can_manage_memberships(actor, membership.council):
        raise _deny(_("Only the council's secretariat can change its seats."))
    end = on or timezone.localdate()
    if membership.term_start and end < membership.term_start:
        raise ValidationError({"term_end": _("The term cannot end before it starts.")})
    membership.term_end = end
    membership.full_clean()
    membership.save(update_fields=["term_end", "updated_at"])
    return membership


@transaction.atomic
def membership_delete(*, actor: User, membership: Membership) -> None:
    """Remove a seat entered by mistake (the audit history keeps a record of it)."""
    if not permissions.can_manage_memberships(actor, membership.council):
        raise _deny(_("Only the council's secretariat can change its seats."))
    membership.delete()
