from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from council.backups import backup_write


class Command(BaseCommand):
    help = "Write the database and the uploaded files to one .tar.gz archive (council/backups.py)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        manifest = backup_write(options["archive"])
        files, archive = manifest["media_files"], options["archive"]
        self.stdout.write(f"Backed up the {manifest['engine']} database and {files} files to {archive}")
