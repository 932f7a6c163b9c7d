"""The web tier without Redis: caches, sessions and rate limits fail open, /healthz says so.

Runs against a real redis-server that is stopped mid-test; skipped where redis-server is not
installed (.ci/run installs it).
"""

import logging

import pytest
from django.core.cache import cache

from tests.plans.factories import PlanFactory
from tests.support.services import RedisServer

pytestmark = pytest.mark.services


@pytest.fixture
def redis_cache(settings):
    if not RedisServer.available():
        pytest.skip("redis-server is not installed (apt-get install redis-server); .ci/run installs it")
    redis = RedisServer().start()
    settings.REDIS_URL = redis.url
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis.url,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    settings.DJANGO_REDIS_LOGGER = "council.cache"
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    yield redis
    redis.stop()


def test_pages_sessions_and_the_public_api_keep_serving_while_redis_is_down(
    redis_cache, client, anyang, carol, caplog
):
    plan = PlanFactory(council=anyang)
    client.force_login(carol)
    assert client.get(f"/plans/{plan.pk}/dashboard/").status_code == 200
    assert client.get("/healthz").json()["redis"] == "ok"
    cache.set("probe", 1)
    assert cache.get("probe") == 1

    redis_cache.stop()
    with caplog.at_level(logging.WARNING, logger="council.cache"):
        assert cache.get("probe") is None  # a miss, not an error
        assert client.get(f"/plans/{plan.pk}/dashboard/").status_code == 200  # session read from the database
        client.logout()
        for _request in range(3):
            assert client.get("/api/v1/meetings/").status_code == 200  # rate limit fails open
        health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json()["status"] == "degraded" and health.json()["redis"] == "down"
    warnings = [record for record in caplog.records if record.name == "council.cache"]
    assert warnings and all(record.levelno == logging.WARNING and not record.exc_info for record in warnings)
    assert "cache unavailable" in warnings[0].getMessage()
