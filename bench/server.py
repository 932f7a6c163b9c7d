"""The portal served by gunicorn on a free loopback port, as benchmarks and live checks use it, and the
percentile their tables print."""

import contextlib
import http.client
import math
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from tests.support.services import RedisServer, free_port

ROOT = Path(__file__).resolve().parent.parent


@contextlib.contextmanager
def gunicorn(url: str, workers: int, **environment: str) -> Iterator[int]:
    """Serve database `url` with bench.settings and `environment`; yield the port once /healthz answers."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "CONN_MAX_AGE": "600",
        **environment,
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "council.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _attempt in range(150):
            with contextlib.suppress(OSError):
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    break
            if server.poll() is not None:
                raise RuntimeError("gunicorn stopped while starting")
            time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


@contextlib.contextmanager
def redis_url() -> Iterator[str]:
    """REDIS_URL, or a throwaway redis-server's for the length of the block."""
    if os.environ.get("REDIS_URL"):
        yield os.environ["REDIS_URL"]
        return
    server = RedisServer().start()
    try:
        yield server.url
    finally:
        server.stop()


def p95(ordered: list[float]) -> float:
    """The 95th percentile of sorted figures, by nearest rank (so two figures give the larger)."""
    return ordered[max(0, math.ceil(len(ordered) * 0.95) - 1)]
