"""Reads of the members app, split by topic, with the joins and counts each page and the API need.

Every list runs a fixed number of queries whatever its length: related rows come through
select_related or one prefetch, counts through annotations.
"""

from members.selectors.agreements import (
    agreement_detail_queryset,
    agreement_list,
)
from members.selectors.difficulties import (
    DifficultyFigures,
    FigureRow,
    difficulties_raised_by_contact,
    difficulties_to_answer,
    difficulties_to_triage,
    difficulty_detail_queryset,
    difficulty_figures,
    difficulty_figures_council,
    difficulty_list,
)
from members.selectors.directory import (
    ROLE_ORDER,
    council_composition,
    council_seats,
    councils_with_counts,
    current_seats,
    ending_soon_cutoff,
    institution_detail_queryset,
    institution_list,
    membership_list,
    memberships_ending_soon,
    person_detail_queryset,
    person_list,
)
from members.selectors.practices import (
    best_practice_detail_queryset,
    best_practice_list,
    best_practices_in_progress,
    best_practices_to_review,
)

__all__ = [
    "ROLE_ORDER",
    "DifficultyFigures",
    "FigureRow",
    "agreement_detail_queryset",
    "agreement_list",
    "best_practice_detail_queryset",
    "best_practice_list",
    "best_practices_in_progress",
    "best_practices_to_review",
    "council_composition",
    "council_seats",
    "councils_with_counts",
    "current_seats",
    "difficulties_raised_by_contact",
    "difficulties_to_answer",
    "difficulties_to_triage",
    "difficulty_detail_queryset",
    "difficulty_figures",
    "difficulty_figures_council",
    "difficulty_list",
    "ending_soon_cutoff",
    "institution_detail_queryset",
    "institution_list",
    "membership_list",
    "memberships_ending_soon",
    "person_detail_queryset",
    "person_list",
]
