"""Running service calls at the same moment from real threads, for the concurrency tests."""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks and concurrent writers: run on PostgreSQL, as CI does",
)


def at_once(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run the calls in threads released together; each result, or the exception it raised."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        from django.db import connections

        barrier.wait()
        try:
            results[index] = call()
        except Exception as error:  # collected for the assertions
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
