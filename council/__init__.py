"""The council portal project: settings, the Council itself and what every app shares."""

from council.celery import app as celery_app

__all__ = ["celery_app"]
