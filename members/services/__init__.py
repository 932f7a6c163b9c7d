"""Writes of the members app, split by topic. Every function checks permission first, validates
with full_clean() and runs in one transaction, so pages, API, imports and admin obey the same rules.
"""

from members.services.directory import (
    INSTITUTION_FIELDS,
    MEMBERSHIP_FIELDS,
    PERSON_FIELDS,
    contact_role_revoke,
    institution_create,
    institution_set_active,
    institution_update,
    membership_create,
    membership_delete,
    membership_end,
    membership_update,
    person_create,
    person_grant_portal_access,
    person_set_active,
    person_update,
)

__all__ = [
    "INSTITUTION_FIELDS",
    "MEMBERSHIP_FIELDS",
    "PERSON_FIELDS",
    "contact_role_revoke",
    "institution_create",
    "institution_set_active",
    "institution_update",
    "membership_create",
    "membership_delete",
    "membership_end",
    "membership_update",
    "person_create",
    "person_grant_portal_access",
    "person_set_active",
    "person_update",
]
