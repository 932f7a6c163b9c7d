"""Models of the members app: the directory, and what members submit to their councils."""

from members.agreements.models import (
    RENEWAL_NOTICE_DAYS,
    Agreement,
    AgreementArea,
    AgreementDocument,
    AgreementQuerySet,
)
from members.difficulties.models import Difficulty, DifficultyAttachment, DifficultyEvent, DifficultyQuerySet
from members.directory.models import Institution, InstitutionContact, Membership, MembershipQuerySet, Person
from members.practices.models import BestPractice, BestPracticeDocument, BestPracticeFigure, BestPracticeStep

__all__ = [
    "RENEWAL_NOTICE_DAYS",
    "Agreement",
    "AgreementArea",
    "AgreementDocument",
    "AgreementQuerySet",
    "BestPractice",
    "BestPracticeDocument",
    "BestPracticeFigure",
    "BestPracticeStep",
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
