"""Keeping cached plan figures exact: every write that can change a figure bumps the plan's revision.

The bump is an UPDATE in the write's own transaction: if the write rolls back, so does the bump, and
once it commits, the next page asks for figures under the new revision (plans.selectors.figures).
"""

from collections.abc import Iterable

from django.db.models import F

from plans.models import Plan


def plan_figures_changed(*, plan_ids: Iterable[int], editable_only: bool = False) -> int:
    """Mark the figures of these plans as changed; with `editable_only`, only of those a write may
    change (drafts, and adopted plans with a revision open). Returns how many were marked."""
    ids = sorted(set(plan_ids))  # one lock order for every writer
    if not ids:
        return 0
    plans = Plan.objects.filter(pk__in=ids)
    if editable_only:
        plans = plans.exclude(status__in=Plan.APPROVED_STATUSES, revision_open=False)
    return plans.update(figures_revision=F("figures_revision") + 1)
