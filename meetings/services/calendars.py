"""Writes on personal calendar feeds."""

from django.db import transaction

from council.models import User
from meetings.models import CalendarFeed


@transaction.atomic
def calendar_feed_rotate(*, user: User) -> CalendarFeed:
    """Give the user a new secret feed address; the old one stops working at once."""
    CalendarFeed.objects.filter(user=user).delete()
    return CalendarFeed.objects.create(user=user)
