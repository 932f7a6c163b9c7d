"""Notices the members app sends, registered with the outbox when imported."""

from members.notices.directory import AccountInvited, MembershipTermEnding, term_ending_reminders

__all__ = ["AccountInvited", "MembershipTermEnding", "term_ending_reminders"]
