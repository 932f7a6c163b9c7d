"""Spreadsheet imports run by a worker, so that no import depends on the web server's timeout.

The import page stores the uploaded file in an ImportJob and queues it (`import_job_create`); a
Celery task runs it (`import_job_run`) with the import service of its kind, which checks every row
and saves all of them or none. The job page shows the progress while it runs, then the outcome:
what was imported, every refused row, or the file's problem. Without a broker (the embedded
portal) the task runs in the request, and the job page opens on the outcome.

Each app registers its kinds (`register_import`); a kind turns a job and its file into a result.
Progress goes to the cache, written at most every PROGRESS_INTERVAL seconds: the rows are saved in
one transaction, which the job page could not see into.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import timedelta
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation

from council.celery import enqueue
from council.files.spreadsheets import ImportRejected, RowError, SpreadsheetError
from council.models import Council, ImportJob, User

logger = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.5
# A job still queued after this long lost its task (e.g. Redis was down): the sweep queues it again.
QUEUED_GRACE = timedelta(minutes=2)
# A job running this long lost its worker: its transaction was rolled back, so nothing was saved.
RUNNING_LIMIT = timedelta(minutes=30)


# What an import service calls as it goes: (phase, rows done, rows in all).
ReportProgress = Callable[[str, int, int], None]


def no_progress(phase: str, done: int = 0, total: int = 0) -> None:
    """For imports run without a job (tests, the shell)."""


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a running import is: its phase ("reading", "checking", "saving") and rows done of total."""

    phase: str
    done: int = 0
    total: int = 0

    @property
    def percent(self) -> int:
        return min(100, self.done * 100 // self.total) if self.total else 0


class ProgressReporter:
    """Passed to an import service: `reporter(phase, done, total)` as it goes, cheap to call per row."""

    def __init__(self, job_id: int) -> None:
        self.key = progress_key(job_id)
        self.last = 0.0

    def __call__(self, phase: str, done: int = 0, total: int = 0) -> None:
        now = time.monotonic()
        if now - self.last < PROGRESS_INTERVAL and done < total:
            return
        self.last = now
        cache.set(self.key, asdict(Progress(phase, done, total)), int(RUNNING_LIMIT.total_seconds()))


def progress_key(job_id: int) -> str:
    return f"import-progress:{job_id}"


def job_progress(job: ImportJob) -> Progress | None:
    stored = cache.get(progress_key(job.pk)) if job.status == ImportJob.Status.RUNNING else None
    return Progress(**stored) if stored else None


@dataclass(frozen=True, slots=True)
class ImportResult:
    """A finished import: what it did, in the owner's words, and the page that shows it."""

    message: str
    url: str


@dataclass(frozen=True, slots=True)
class ImportKind:
    key: str
    # (job, file, progress) -> result; raises ImportRejected, SpreadsheetError or PermissionDenied.
    run: Callable[[ImportJob, UploadedFile, ProgressReporter], ImportResult]


_kinds: dict[str, ImportKind] = {}


def register_import(kind: ImportKind) -> None:
    _kinds[kind.key] = kind


def import_job_create(
    *,
    kind: str,
    actor: User,
    upload: UploadedFile,
    page_url: str,
    council: Council | None = None,
    params: dict[str, Any] | None = None,
) -> ImportJob:
    """Keep the uploaded file and queue its import after commit (the caller has checked permission)."""
    if kind not in _kinds:
        raise ValueError(f"unknown import kind {kind!r}")
    job = ImportJob(
        kind=kind,
        owner=actor,
        council=council,
        params=params or {},
        language=translation.get_language() or "ko",
        file_name=(upload.name or "")[:255],
        page_url=page_url,
    )
    job.file.save(upload.name or "import", upload, save=False)
    job.save()
    transaction.on_commit(lambda: enqueue("council.tasks.run_import", job.pk))
    return job


def import_job_run(*, job_id: int) -> None:
    """Run a queued import once (a second task for the same job finds it taken and does nothing)."""
    taken = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING, started_at=timezone.now()
    )
    if not taken:
        return
    job = ImportJob.objects.select_related("owner", "council").get(pk=job_id)
    reporter = ProgressReporter(job.pk)
    outcome: dict[str, Any]
    with translation.override(job.language):
        reporter("reading")
        try:
            with job.file.open("rb") as stored:
                upload = UploadedFile(stored, name=job.file_name, size=job.file.size)
                result = _kinds[job.kind].run(job, upload, reporter)
        except ImportRejected as rejected:
            outcome = {
                "status": ImportJob.Status.REJECTED,
                "errors": [asdict(error) for error in rejected.errors],
            }
        except (SpreadsheetError, PermissionDenied) as error:
            outcome = {"status": ImportJob.Status.REJECTED, "errors": [asdict(RowError(0, "", str(error)))]}
        except Exception:
            logger.exception("import %s failed", job.pk)
            message = translation.gettext(
                "The import failed unexpectedly; nothing was saved. Try again later."
            )
            outcome = {"status": ImportJob.Status.FAILED, "errors": [asdict(RowError(0, "", message))]}
        else:
            outcome = {"status": ImportJob.Status.DONE, "message": result.message, "result_url": result.url}
    _finish(job, **outcome)


def _finish(job: ImportJob, **fields: Any) -> None:
    ImportJob.objects.filter(pk=job.pk).update(finished_at=timezone.now(), **fields)
    job.file.delete(save=False)
    ImportJob.objects.filter(pk=job.pk).update(file="")
    cache.delete(progress_key(job.pk))


def import_jobs_sweep() -> int:
    """Queue again the jobs whose task was lost, and close those whose worker died; return how many."""
    now = timezone.now()
    lost = list(
        ImportJob.objects.filter(
            status=ImportJob.Status.QUEUED, created_at__lt=now - QUEUED_GRACE
        ).values_list("id", flat=True)[:100]
    )
    for job_id in lost:
        enqueue("council.tasks.run_import", job_id)
    dead = ImportJob.objects.filter(status=ImportJob.Status.RUNNING, started_at__lt=now - RUNNING_LIMIT)
    for job in dead:
        with translation.override(job.language):
            message = translation.gettext(
                "The import was interrupted; nothing was saved. Upload the file again."
            )
        _finish(job, status=ImportJob.Status.FAILED, errors=[asdict(RowError(0, "", message))])
    return len(lost) + len(dead)


def import_jobs_of(user: User) -> Any:
    """The imports a user may follow: their own."""
    return ImportJob.objects.filter(owner=user)
