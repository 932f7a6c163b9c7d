"""Change history: as pages show it (who changed which fields of a record, and when), and as bulk
writes record it.

Records come from django-simple-history. Each entry is compared with the one before it, in memory:
one query fetches the entries and their authors, whatever their number. Rows written many at once
(an import) get their "created" records from `bulk_create_recorded`, in the same transaction, and
PostgreSQL's planner learns how many there now are (`planner_statistics_refresh`).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

HISTORY_LIMIT = 20
# A bulk write of at least this many rows has PostgreSQL sample its tables again before the commit.
ANALYZE_AFTER_ROWS = 1000
# django-simple-history's record types, named in the portal's languages.
HISTORY_KINDS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
# Set on every save; naming them would add nothing to "what changed".
NOT_SHOWN = ["updated_at", "created_at"]


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    when: datetime
    who: Any
    kind: str
    changed: list[str]


def change_history(records: QuerySet[Any], *, limit: int = HISTORY_LIMIT) -> list[HistoryEntry]:
    """The newest `limit` changes, each with the names of the fields it changed."""
    rows = list(records.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    entries = []
    # A record written in bulk, without history, has no rows at all.
    for newer, older in zip(rows, [*rows[1:], None], strict=False):
        changed: list[str] = []
        if older is not None and newer.history_type == "~":
            delta = newer.diff_against(older, excluded_fields=NOT_SHOWN)
            fields = newer.instance_type._meta
            changed = [str(fields.get_field(change.field).verbose_name) for change in delta.changes]
        entries.append(
            HistoryEntry(
                when=newer.history_date,
                who=newer.history_user,
                kind=str(HISTORY_KINDS.get(newer.history_type, newer.history_type)),
                changed=changed,
            )
        )
    return entries[:limit]


def bulk_create_recorded(
    model: type[Model], objs: Sequence[Any], *, user: Any, batch_size: int = 5000
) -> None:
    """Insert new, unsaved `objs` of `model`, each with its "created" record in the model's history,
    in the caller's transaction; afterwards each object has its id, as after save().

    On PostgreSQL the rows go through COPY, their ids drawn from the table's own sequence first: a
    national plan's 375,000 budget lines and their records in seconds, where the INSERTs the ORM
    builds (django-simple-history's bulk_create_with_history) take several times as long. Other
    databases take that function. Objects may refer to objects saved just before (a line to its new
    project): the reference's id is filled in as bulk_create does.
    """
    if not objs:
        return
    if connection.vendor != "postgresql":
        bulk_create_with_history(list(objs), model, batch_size=batch_size, default_user=user)
        return
    meta = model._meta
    assert meta.pk is not None and meta.pk.column is not None
    key = meta.pk.column
    fields = [(str(field.column), field) for field in meta.concrete_fields if not field.primary_key]
    history = model.history.model  # type: ignore[attr-defined]
    extra = {
        "history_date": timezone.now(),
        "history_change_reason": None,
        "history_type": "+",
        "history_user_id": user.pk if user is not None else None,
    }
    history_columns = [str(field.column) for field in history._meta.concrete_fields if not field.primary_key]
    columns = [key, *(column for column, _field in fields)]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, key, len(objs)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        for start in range(0, len(objs), batch_size):
            rows = []
            for obj, pk in zip(
                objs[start : start + batch_size], ids[start : start + batch_size], strict=True
            ):
                obj._prepare_related_fields_for_save(operation_name="bulk_create")
                values: dict[str, Any] = {key: pk, **extra}
                for column, field in fields:
                    values[column] = field.get_db_prep_save(field.pre_save(obj, add=True), connection)
                rows.append(values)
                obj.pk = pk
                obj._state.adding = False
                obj._state.db = connection.alias
            for table, names in ((meta.db_table, columns), (str(history._meta.db_table), history_columns)):
                quoted = ", ".join(connection.ops.quote_name(name) for name in names)
                with cursor.cursor.copy(
                    f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN"
                ) as copy:
                    for values in rows:
                        copy.write_row([values[name] for name in names])
    if len(objs) >= ANALYZE_AFTER_ROWS:
        planner_statistics_refresh(model, history)


def planner_statistics_refresh(*models: type[Model]) -> None:
    """Have PostgreSQL sample the models' tables again (ANALYZE), within the caller's transaction.

    After a bulk load the planner still believes what it last sampled (for a new portal, empty
    tables) and plans nested loops over what are now many thousands of rows, until autovacuum
    samples them some time after the commit: with the tables last sampled empty, reading the budget
    lines of one plan of 1,000 projects took over ten minutes. ANALYZE counts the rows the
    transaction itself wrote, and its figures take effect with the commit, as PostgreSQL advises for
    populating a database. Other databases plan without such figures.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
