"""Models of the meetings app, split by topic."""

from meetings.models.actions import ActionComment, ActionItem
from meetings.models.agenda import AgendaDocument, AgendaItem
from meetings.models.invitations import CalendarFeed, Invitation, Vote
from meetings.models.meetings import Meeting
from meetings.models.minutes import Minutes, MinutesComment

__all__ = [
    "ActionComment",
    "ActionItem",
    "AgendaDocument",
    "AgendaItem",
    "CalendarFeed",
    "Invitation",
    "Meeting",
    "Minutes",
    "MinutesComment",
    "Vote",
]
