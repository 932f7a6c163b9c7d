"""Reads of the members app, split by topic, with the joins and counts each page and the API need."""

from members.selectors.directory import (
    ROLE_ORDER,
    council_composition,
    council_seats,
    councils_with_counts,
    current_seats,
    ending_soon_cutoff,
    institution_detail,
    institution_list,
    membership_list,
    memberships_ending_soon,
    person_detail,
    person_list,
)

__all__ = [
    "ROLE_ORDER",
    "council_composition",
    "council_seats",
    "councils_with_counts",
    "current_seats",
    "ending_soon_cutoff",
    "institution_detail",
    "institution_list",
    "membership_list",
    "memberships_ending_soon",
    "person_detail",
    "person_list",
]
