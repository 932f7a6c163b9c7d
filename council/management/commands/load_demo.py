"""Load the demo councils of the five news reports; safe to run again."""

from importlib import import_module
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the demo councils, members, meetings and plans (idempotent) and print the demo logins."

    def handle(self, *args: Any, **options: Any) -> None:
        from council.demo import print_logins

        self.stdout.write("Loading the demo data:")
        # Each app adds its own part, in the order the apps are installed (council, members, ...).
        for config in apps.get_app_configs():
            try:
                module = import_module(f"{config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.demo":
                    raise
                continue
            self.stdout.write(f"- {config.verbose_name}")
            module.load(self.stdout)
        print_logins(self.stdout)
