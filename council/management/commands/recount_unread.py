"""Recount every account's unread notices (after notices were changed by hand in the database)."""

from typing import Any

from django.core.management.base import BaseCommand

from council.notices.outbox import unread_recount


class Command(BaseCommand):
    help = "Set every account's unread-notice counter from its unread notices."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{unread_recount()} accounts recounted")
