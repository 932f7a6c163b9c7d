"""Notices the members app sends, registered with the outbox when imported."""

from members.notices.agreements import AgreementRenewalDue, agreement_renewal_reminders
from members.notices.difficulties import (
    DifficultyChanged,
    DifficultyOverdue,
    DifficultyRaised,
    difficulty_changed_announce,
    overdue_answer_reminders,
)
from members.notices.directory import AccountInvited, MembershipTermEnding, term_ending_reminders
from members.notices.practices import BestPracticeReviewed, BestPracticeSubmitted

__all__ = [
    "AccountInvited",
    "AgreementRenewalDue",
    "BestPracticeReviewed",
    "BestPracticeSubmitted",
    "DifficultyChanged",
    "DifficultyOverdue",
    "DifficultyRaised",
    "MembershipTermEnding",
    "agreement_renewal_reminders",
    "difficulty_changed_announce",
    "overdue_answer_reminders",
    "term_ending_reminders",
]
