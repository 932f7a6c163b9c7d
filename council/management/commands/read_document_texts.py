"""Queue the reading of every uploaded document whose text is not read yet (e.g. files uploaded
before text was read, or while no worker ran)."""

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand

from council.celery import enqueue
from council.models import Document


class Command(BaseCommand):
    help = "Queue text extraction of every document not read yet."

    def handle(self, *args: Any, **options: Any) -> None:
        queued = 0
        for model in apps.get_models():
            if issubclass(model, Document):
                for pk in model._default_manager.filter(text_status=Document.TextStatus.PENDING).values_list(
                    "pk", flat=True
                ):
                    enqueue("council.tasks.read_document_text", model._meta.label, pk)
                    queued += 1
        self.stdout.write(f"{queued} documents queued for reading")
