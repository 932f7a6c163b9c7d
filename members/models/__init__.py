"""Models of the members app: the directory, and what members submit to their councils."""

from members.models.directory import Institution, InstitutionContact, Membership, MembershipQuerySet, Person

__all__ = ["Institution", "InstitutionContact", "Membership", "MembershipQuerySet", "Person"]
