"""The health report behind /healthz: can this web process serve, and what is waiting."""

import dataclasses
from typing import Any

import redis
from django.conf import settings
from django.db import DatabaseError, connection

from council.notices.outbox import outbox_backlog


def redis_state() -> str:
    """ "ok", "down", or "not configured" (the embedded portal runs without Redis)."""
    if not settings.REDIS_URL:
        return "not configured"
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=0.5, socket_timeout=0.5)
    try:
        client.ping()
    except redis.RedisError:
        return "down"
    finally:
        client.close()
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
