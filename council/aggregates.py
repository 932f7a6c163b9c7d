"""SQL the figures need on both databases: a median, days between times, and correlated counts.

PostgreSQL has `percentile_cont(0.5) WITHIN GROUP (ORDER BY ...)`; SQLite has no median, so one is
registered on each new SQLite connection. Either way the database does the work and the same
query runs on both.
"""

import statistics
from typing import Any

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created
from django.db.models import (
    Aggregate,
    Count,
    Expression,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.db.models.sql.compiler import SQLCompiler


class Median(Aggregate):
    """The median of the non-null values in each group."""

    function = "MEDIAN"
    name = "Median"
    output_field = FloatField()

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> tuple[str, Any]:
        return super().as_sql(
            compiler,
            connection,
            template="percentile_cont(0.5) WITHIN GROUP (ORDER BY %(expressions)s)%(filter)s",
            **extra_context,
        )


class DaysBetween(Func):
    """Fractional days from `start` to `end` (two datetimes); null if either is null."""

    output_field = FloatField()
    arity = 2

    def __init__(self, end: Expression | str, start: Expression | str) -> None:
        super().__init__(end, start)

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> tuple[str, Any]:
        return super().as_sql(
            compiler,
            connection,
            template="(julianday(%(expressions)s))",
            arg_joiner=") - julianday(",
            **extra_context,
        )

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> tuple[str, Any]:
        return super().as_sql(
            compiler,
            connection,
            template="(EXTRACT(EPOCH FROM (%(expressions)s)) / 86400.0)::double precision",
            arg_joiner=" - ",
            **extra_context,
        )


class _SQLiteMedian:
    """SQLite aggregate: collects the group's values and returns their median."""

    def __init__(self) -> None:
        self.values: list[float] = []

    def step(self, value: float | None) -> None:
        if value is not None:
            self.values.append(value)

    def finalize(self) -> float | None:
        return statistics.median(self.values) if self.values else None


def _register_sqlite_median(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor == "sqlite" and connection.connection is not None:
        connection.connection.create_aggregate("MEDIAN", 1, _SQLiteMedian)


def _on_connection_created(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    _register_sqlite_median(connection)


def install() -> None:
    """Teach SQLite connections, open and future, the MEDIAN aggregate."""
    connection_created.connect(_on_connection_created, dispatch_uid="council.aggregates.median")
    for connection in connections.all(initialized_only=True):
        _register_sqlite_median(connection)


def count_of(queryset: QuerySet[Any], outer: str) -> Coalesce:
    """A correlated COUNT of `queryset` rows whose `outer` field points at the row being annotated."""
    counted = (
        queryset.filter(**{outer: OuterRef("pk")})
        .order_by()
        .values(outer)
        .annotate(total=Count("id"))
        .values("total")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))
