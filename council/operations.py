"""Migration operations the apps share."""

from collections.abc import Iterator, Sequence
from typing import Any

from django.db.migrations.operations.base import Operation
from django.db.migrations.operations.special import RunPython
from django.utils import timezone

BASELINE_BATCH = 2000


class CreateSearchIndexes(Operation):
    """Trigram indexes for the portal-wide search, on PostgreSQL only.

    For each searched column, two GIN indexes serve the two conditions of council.search.text_match:
    one on the column for pg_trgm's word similarity (%>), one on the column upper-cased with its spaces
    removed for the spacing-insensitive substring match (LIKE), Korean included. SQLite, the embedded
    default, has neither the extension nor GIN indexes: there the search falls back to a plain
    substring match, and this operation does nothing.

    `columns` holds (table, column, index name prefix) triples.
    """

    reversible = True
    reduces_to_sql = True

    def __init__(self, columns: Sequence[tuple[str, str, str]]) -> None:
        self.columns = [tuple(column) for column in columns]

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return self.__class__.__qualname__, [self.columns], {}

    def state_forwards(self, app_label: str, state: Any) -> None:
        pass

    def _indexes(self, quote: Any) -> Iterator[tuple[str, str, str]]:
        for table, column, prefix in self.columns:
            yield f"{prefix}_trgm", table, f"{quote(column)} gin_trgm_ops"
            compact = f"(UPPER(REPLACE({quote(column)}, ' ', '')::text)) gin_trgm_ops"
            yield f"{prefix}_compact_trgm", table, compact

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        quote = schema_editor.quote_name
        for name, table, expression in self._indexes(quote):
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(table)} USING gin ({expression})"
            )

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        quote = schema_editor.quote_name
        for name, _table, _expression in self._indexes(quote):
            schema_editor.execute(f"DROP INDEX IF EXISTS {quote(name)}")

    def describe(self) -> str:
        return f"Create search indexes on {len(self.columns)} columns"

    @property
    def migration_name_fragment(self) -> str:
        return "search_indexes"


def history_baseline(app_label: str, model_name: str) -> RunPython:
    """Give each existing row one "created" history record, so its history starts from what it held
    when tracking began (dated by its last change) rather than from its next edit."""

    def forwards(apps: Any, schema_editor: Any) -> None:
        model = apps.get_model(app_label, model_name)
        historical = apps.get_model(app_label, f"Historical{model_name}")
        own = {field.attname for field in model._meta.concrete_fields}
        copied = [field.attname for field in historical._meta.concrete_fields if field.attname in own]
        now = timezone.now()
        batch = []
        for row in model.objects.all().iterator(chunk_size=BASELINE_BATCH):
            values = {name: getattr(row, name) for name in copied}
            batch.append(
                historical(**values, history_date=getattr(row, "updated_at", None) or now, history_type="+")
            )
            if len(batch) >= BASELINE_BATCH:
                historical.objects.bulk_create(batch)
                batch = []
        historical.objects.bulk_create(batch)

    return RunPython(forwards, RunPython.noop, elidable=True)
