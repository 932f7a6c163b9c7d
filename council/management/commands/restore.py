from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from council.backups import backup_restore


class Command(BaseCommand):
    help = "Replace the database and the uploaded files with a backup archive. Stop the portal first."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup_restore(options["archive"])
        except (ValueError, FileNotFoundError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']} ({manifest['media_files']} files). "
            "Run `manage.py migrate` if it is older than this release."
        )
