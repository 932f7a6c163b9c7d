"""Who may see or change what in the members app: the one place for access, split by topic.

Pages, the API, the services and the admin all call these functions.
"""

from members.permissions.agreements import (
    agreements_visible_to,
    can_change_agreement,
    can_create_agreement,
)
from members.permissions.difficulties import (
    can_answer_difficulty,
    can_assign_difficulty,
    can_comment_difficulty,
    can_edit_difficulty,
    can_record_difficulty_event,
    can_view_difficulty_figures,
    difficulties_visible_to,
    difficulty_transitions,
)
from members.permissions.directory import (
    can_change_institution,
    can_change_person,
    can_create_institution,
    can_create_person,
    can_grant_portal_access,
    can_manage_memberships,
    can_see_all_contact_details,
    can_see_contact_details,
    institutions_changeable_by,
    institutions_managed_by,
    institutions_visible_to,
    memberships_visible_to,
    people_visible_to,
    seats_of,
)
from members.permissions.practices import (
    EDITABLE_BY_CONTACTS,
    best_practices_visible_to,
    can_delete_best_practice,
    can_edit_best_practice,
    can_review_best_practice,
    can_submit_best_practice,
    can_unpublish_best_practice,
)
from members.permissions.submissions import (
    can_submit_for,
    can_submit_on,
    can_submit_somewhere,
    submitting_institutions,
)

__all__ = [
    "EDITABLE_BY_CONTACTS",
    "agreements_visible_to",
    "best_practices_visible_to",
    "can_answer_difficulty",
    "can_assign_difficulty",
    "can_change_agreement",
    "can_change_institution",
    "can_change_person",
    "can_comment_difficulty",
    "can_create_agreement",
    "can_create_institution",
    "can_create_person",
    "can_delete_best_practice",
    "can_edit_best_practice",
    "can_edit_difficulty",
    "can_grant_portal_access",
    "can_manage_memberships",
    "can_record_difficulty_event",
    "can_review_best_practice",
    "can_see_all_contact_details",
    "can_see_contact_details",
    "can_submit_best_practice",
    "can_submit_for",
    "can_submit_on",
    "can_submit_somewhere",
    "can_unpublish_best_practice",
    "can_view_difficulty_figures",
    "difficulties_visible_to",
    "difficulty_transitions",
    "institutions_changeable_by",
    "institutions_managed_by",
    "institutions_visible_to",
    "memberships_visible_to",
    "people_visible_to",
    "seats_of",
    "submitting_institutions",
]
