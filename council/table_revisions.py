"""A revision per database table that changes with every committed write, and values cached under the
revisions of the tables they were computed from.

Every statement the portal sends goes through `_track` (installed on each connection): a write
names the tables it changes, and once its transaction commits each of them gets a new revision
token in the shared cache. `remembered(key, compute)` records the tables `compute()` reads and keeps
its result with their revisions as they were *before* it ran; the result answers again only while
all of them are unchanged. A write that commits between reading the revisions and the compute makes
the entry look old at once, so a cached value is never older than a committed write, whatever the
write: the ORM, bulk writes, `update()`, history rows or raw SQL through Django's connection.
A statement the tracker cannot attribute to a table changes the revision every entry depends on.

Nothing is cached from a transaction that has written and not committed (it could roll back), and
nothing is cached until the tables a key reads are known: from the key's own last compute, or from
its family's (the keys of one page, whatever its query string). The very first compute of a family
only learns them. Writes made outside Django (a restore with psql) are not seen; entries
expire after `settings.TABLE_CACHE_SECONDS` in any case.
"""

import hashlib
import logging
import re
import secrets
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created

logger = logging.getLogger(__name__)

ANY_TABLE = "*"  # the revision every entry depends on: bumped by writes not attributed to a table

_QUOTED = re.compile(r'"([^"]+)"')
_WRITE = re.compile(
    r"^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|CREATE\s+TABLE|ALTER\s+TABLE|DROP\s+TABLE(?:\s+IF\s+EXISTS)?)"
    r'\s+"?([\w.]+)"?',
    re.IGNORECASE,
)
_READ = re.compile(r'\b(?:FROM|JOIN)\s+"?([A-Za-z_][\w]*)"?', re.IGNORECASE)
_WRITE_WORD = re.compile(r"\b(?:INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
# Statements that neither read nor change a table's rows.
_QUIET = (
    "SAVEPOINT",
    "RELEASE",
    "ROLLBACK",
    "BEGIN",
    "COMMIT",
    "SET ",
    "SHOW",
    "EXPLAIN",
    "ANALYZE",
    "PRAGMA",
)

_reading: ContextVar[tuple[set[str], ...]] = ContextVar("tables_reading", default=())


def tables_written(sql: str) -> set[str]:
    """The tables a write statement changes; ANY_TABLE when it cannot tell."""
    if sql[:16].lstrip()[:8].upper() == "TRUNCATE":
        return set(_QUOTED.findall(sql.split(" RESTART")[0].split(" CASCADE")[0])) or {ANY_TABLE}
    found = _WRITE.match(sql)
    return {found.group(1)} if found else {ANY_TABLE}


def _track(execute: Callable[..., Any], sql: Any, params: Any, many: bool, context: dict[str, Any]) -> Any:
    result = execute(sql, params, many, context)
    if not isinstance(sql, str):
        _written(context["connection"], {ANY_TABLE})
        return result
    head = sql[:16].lstrip()[:9].upper()
    if head.startswith(("SELECT", "(SELECT", "WITH")):
        if head.startswith("WITH") and _WRITE_WORD.search(sql):
            _written(context["connection"], {ANY_TABLE})
        readers = _reading.get()
        if readers:
            tables = set(_READ.findall(sql))
            for read in readers:
                read.update(tables)
    elif not head.startswith(_QUIET):
        _written(context["connection"], tables_written(sql))
    return result


class _Pending:
    """The tables a connection's open transaction has written, bumped once it commits."""

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection
        self.tables: set[str] = set()
        # The list of commit hooks `flush` was last seen in. Django only appends to the current list
        # and replaces it on commit, rollback and savepoint rollback, so while it is still the
        # connection's, `flush` is in it: a bulk write of many statements does not search it again.
        self._hooks: list[Any] | None = None

    def register(self) -> None:
        self.connection.on_commit(self.flush, robust=True)
        self._hooks = self.connection.run_on_commit

    def registered(self) -> bool:
        hooks = self.connection.run_on_commit
        if hooks is not self._hooks:
            if not any(entry[1] == self.flush for entry in hooks):
                return False
            self._hooks = hooks
        return True

    def flush(self) -> None:
        tables, self.tables = self.tables, set()
        bump(tables)


def _pending(connection: BaseDatabaseWrapper) -> _Pending:
    pending: _Pending | None = getattr(connection, "_table_writes", None)
    if pending is None:
        pending = _Pending(connection)
        setattr(connection, "_table_writes", pending)  # noqa: B010 - state kept on the connection
    return pending


def _written(connection: BaseDatabaseWrapper, tables: set[str]) -> None:
    if not connection.in_atomic_block:
        # Autocommit: the statement is committed already (manual transactions are not used here).
        bump(tables)
        return
    pending = _pending(connection)
    if not pending.registered():
        # A rollback dropped the earlier flush with its transaction: those writes never happened.
        pending.tables.clear()
        pending.register()
    pending.tables.update(tables)


def writes_uncommitted(alias: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether the current transaction has written rows that are not committed yet."""
    connection = connections[alias]
    return connection.in_atomic_block and _pending(connection).registered()


def install(*, connection: BaseDatabaseWrapper, **_kwargs: Any) -> None:
    if _track not in connection.execute_wrappers:
        connection.execute_wrappers.append(_track)


def connect() -> None:
    """Track every connection, including those open already."""
    connection_created.connect(install, dispatch_uid="table-revisions")
    for connection in connections.all(initialized_only=True):
        install(connection=connection)


def _namespace() -> str:
    database = settings.DATABASES[DEFAULT_DB_ALIAS]
    where = f"{database.get('HOST', '')}:{database.get('PORT', '')}/{database['NAME']}"
    return hashlib.blake2b(where.encode(), digest_size=6).hexdigest()


def _revision_key(table: str) -> str:
    return f"table-rev:{_namespace()}:{table}"


def bump(tables: Iterable[str]) -> None:
    """Give each table a new revision: every entry computed from it is old from now on."""
    token = secrets.token_hex(8)
    revisions = {_revision_key(table): token for table in tables}
    if not revisions:
        return
    try:
        cache.set_many(revisions, timeout=None)
    except Exception:  # the write is committed; cached entries expire on their own
        logger.exception("could not record a write to %s", ", ".join(sorted(tables)))


def revisions(tables: Iterable[str]) -> dict[str, str | None]:
    """The current revision of each table (None before its first recorded write), and ANY_TABLE's."""
    names = {ANY_TABLE, *tables}
    keys = {_revision_key(table): table for table in names}
    found = cache.get_many(list(keys))
    return {table: found.get(key) for key, table in keys.items()}


@contextmanager
def tables_read() -> Iterator[set[str]]:
    """The set of tables the statements run inside the block read (nested blocks see theirs too)."""
    read: set[str] = set()
    token = _reading.set((*_reading.get(), read))
    try:
        yield read
    finally:
        _reading.reset(token)


def remembered[T](
    key: str,
    compute: Callable[[], T],
    *,
    family: str | None = None,
    keep: Callable[[T], bool] = lambda _value: True,
) -> T:
    """`compute()`, or what it returned for `key` while none of the tables it read has changed since.

    The tables a key reads are known from its last compute, or else from its `family` (the keys of
    one page or endpoint, which read the same tables whatever the query): a key is kept from its
    first compute once its family has been computed. A result that `keep` refuses is not kept."""
    if writes_uncommitted():
        return compute()  # what this transaction wrote is not in the cache, nor may it go there
    family_key = f"{family}:tables" if family else None
    found = cache.get_many([key, family_key] if family_key else [key])
    entry: tuple[bool, dict[str, str | None], Any] | None = found.get(key)
    hint: frozenset[str] = found.get(family_key, frozenset()) if family_key else frozenset()
    before: dict[str, str | None] | None = None
    if entry is not None:
        kept, known, value = entry
        before = revisions(known)
        if kept and before == known:
            return value
    elif hint:
        before = revisions(hint)
    with tables_read() as read:
        value = compute()
    if not keep(value):
        return value
    if before is not None and read <= before.keys():
        kept_entry = (True, {table: before[table] for table in {ANY_TABLE, *read}}, value)
        cache.set(key, kept_entry, settings.TABLE_CACHE_SECONDS)
    else:
        # Only learnt which tables the key reads: their revisions are read before the next compute.
        cache.set(key, (False, dict.fromkeys(read), None), settings.TABLE_CACHE_SECONDS)
    if family_key and not read <= hint:
        cache.set(family_key, hint | read, settings.TABLE_CACHE_SECONDS)
    return value
