"""Who may see or change what in the members app: the one place for access, split by topic.

Pages, the API, the services and the admin all call these functions.
"""

from members.permissions.directory import (
    can_change_institution,
    can_change_person,
    can_create_institution,
    can_create_person,
    can_grant_portal_access,
    can_manage_memberships,
    can_see_contact_details,
    institutions_managed_by,
    institutions_visible_to,
    memberships_visible_to,
    people_visible_to,
    seats_of,
)

__all__ = [
    "can_change_institution",
    "can_change_person",
    "can_create_institution",
    "can_create_person",
    "can_grant_portal_access",
    "can_manage_memberships",
    "can_see_contact_details",
    "institutions_managed_by",
    "institutions_visible_to",
    "memberships_visible_to",
    "people_visible_to",
    "seats_of",
]
