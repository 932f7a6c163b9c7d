"""Trigram indexes for the portal-wide search, on PostgreSQL only.

For each searched column, two GIN indexes serve the two conditions of council.search.text_match:
one on the column for pg_trgm's word similarity (%>), one on the column upper-cased with its spaces
removed for the spacing-insensitive substring match (LIKE), Korean included. SQLite, the embedded
default, has neither the extension nor GIN indexes: there the search falls back to a plain
substring match, so this migration does nothing.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

COLUMNS = [
    ("members_institution", "name", "institution_name"),
    ("members_bestpractice", "title", "best_practice_title"),
    ("members_bestpractice", "summary", "best_practice_summary"),
    ("members_difficulty", "title", "difficulty_title"),
    ("members_difficulty", "description", "difficulty_description"),
    ("members_agreement", "title", "agreement_title"),
    ("members_agreement", "summary", "agreement_summary"),
]


def _indexes(quote):
    for table, column, prefix in COLUMNS:
        yield f"{prefix}_trgm", table, f"{quote(column)} gin_trgm_ops"
        yield f"{prefix}_compact_trgm", table, f"(UPPER(REPLACE({quote(column)}, ' ', '')::text)) gin_trgm_ops"


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for name, table, expression in _indexes(quote):
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(table)} USING gin ({expression})")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for name, _table, _expression in _indexes(quote):
        schema_editor.execute(f"DROP INDEX IF EXISTS {quote(name)}")


class Migration(migrations.Migration):
    dependencies = [("members", "0002_submissions")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
