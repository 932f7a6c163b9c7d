"""The database a benchmark fills: always a separate, freshly created one, never the data in DATABASE_URL."""

import contextlib
import os
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

from tests.support.services import PostgresServer

NAME = "council_bench"


@contextlib.contextmanager
def bench_database(name: str = NAME, **server_settings: str) -> Iterator[str]:
    """Yield the URL of an empty database `name` (council_bench unless told).

    It is recreated on the PostgreSQL server of DATABASE_URL when that is set, otherwise on a
    throwaway server started with `server_settings` (as the postgres user) and removed afterwards.
    """
    base_url = os.environ.get("DATABASE_URL", "")
    server = None
    try:
        if not base_url.startswith(("postgres://", "postgresql://")):
            print("Starting a throwaway PostgreSQL …", flush=True)
            server = PostgresServer(settings=server_settings)
            base_url = server.start().url
        yield _recreate(base_url, name)
    finally:
        if server is not None:
            server.stop()


def _recreate(url: str, name: str) -> str:
    """The same server, database `name`, dropped and created empty."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
