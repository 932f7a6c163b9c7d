"""Models of the members app: the directory, and what members submit to their councils."""

from members.models.agreements import (
    RENEWAL_NOTICE_DAYS,
    Agreement,
    AgreementArea,
    AgreementDocument,
    AgreementQuerySet,
)
from members.models.difficulties import Difficulty, DifficultyAttachment, DifficultyEvent, DifficultyQuerySet
from members.models.directory import Institution, InstitutionContact, Membership, MembershipQuerySet, Person
from members.models.practices import BestPractice, BestPracticeDocument, BestPracticeFigure

__all__ = [
    "RENEWAL_NOTICE_DAYS",
    "Agreement",
    "AgreementArea",
    "AgreementDocument",
    "AgreementQuerySet",
    "BestPractice",
    "BestPracticeDocument",
    "BestPracticeFigure",
    "Difficulty",
    "DifficultyAttachment",
    "DifficultyEvent",
    "DifficultyQuerySet",
    "Institution",
    "InstitutionContact",
    "Membership",
    "MembershipQuerySet",
    "Person",
]
