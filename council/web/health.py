"""The health report behind /healthz: can this web process serve, and what is waiting."""

import dataclasses
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection

from council.notices.outbox import outbox_backlog


def redis_state() -> str:
    """ "ok", "down", or "not configured" (the embedded portal runs without Redis)."""
    if not settings.REDIS_URL:
        return "not configured"
    from django_redis import get_redis_connection

    try:
        get_redis_connection("default").ping()
    except Exception:  # any failure to reach it means the same to whoever reads the report
        return "down"
    return "ok"


def health_report() -> tuple[bool, dict[str, Any]]:
    """(serving, report). The web tier serves as long as its database answers; without Redis it
    serves on (caches and rate limits fail open, notices wait in the outbox), which is "degraded"."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        backlog = dataclasses.asdict(outbox_backlog())
    except DatabaseError:
        return False, {"status": "down", "database": "down", "redis": redis_state()}
    redis = redis_state()
    status = "ok" if redis in {"ok", "not configured"} else "degraded"
    return True, {"status": status, "database": "ok", "redis": redis, "outbox": backlog}
