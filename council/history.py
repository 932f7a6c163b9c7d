"""Change history as pages show it: who changed which fields of a record, and when.

Records come from django-simple-history. Each entry is compared with the one before it, in memory:
one query fetches the entries and their authors, whatever their number.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

HISTORY_LIMIT = 20
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
    for newer, older in zip(rows, [*rows[1:], None], strict=True):
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
