"""Writes on councils and accounts. Each checks permission first, so every caller is held alike."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from council.models import Council, User
from council.permissions import can_change_council, can_create_council
from council.web.languages import LANGUAGE_CODES

COUNCIL_FIELDS = (
    "name",
    "name_en",
    "short_name",
    "slug",
    "parent",
    "region",
    "description",
    "established_on",
    "is_public",
    "is_active",
)


@transaction.atomic
def council_create(*, actor: User, **fields: object) -> Council:
    """Create a council or a working group under one; site administrators only."""
    if not can_create_council(actor):
        raise PermissionDenied(_("Only site administrators can create councils."))
    council = Council(**{name: value for name, value in fields.items() if name in COUNCIL_FIELDS})
    council.full_clean()
    council.save()
    return council


@transaction.atomic
def council_update(*, actor: User, council: Council, **fields: object) -> Council:
    """Change a council's details; its secretariat or a site administrator."""
    if not can_change_council(actor, council):
        raise PermissionDenied(_("Only the council's secretariat can change it."))
    for name, value in fields.items():
        if name in COUNCIL_FIELDS:
            setattr(council, name, value)
    council.full_clean()
    council.save()
    return council


@transaction.atomic
def user_profile_update(*, user: User, name: str, language: str) -> User:
    """The account's name and language; its e-mail address changes through council.accounts.emails."""
    user.name = name
    user.language = language
    user.full_clean()
    user.save(update_fields=["name", "language"])
    return user


def user_language_set(*, user: User, language: str) -> None:
    if language not in LANGUAGE_CODES:
        raise ValidationError({"language": _("Unknown language.")})
    User.objects.filter(pk=user.pk).update(language=language)
    user.language = language


# Helpers every app's services use


def assign_fields(instance: Any, fields: dict[str, Any], allowed: tuple[str, ...]) -> None:
    """Set the given fields; a name outside `allowed` is a programming error, not user input."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(instance, name, value)
