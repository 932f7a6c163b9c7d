from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from council.files.uploads import upload_to
from council.models.councils import Council


class ImportJob(models.Model):
    """A spreadsheet import run by a worker: the uploaded file, how far it got, and how it ended.

    Large files take longer than a web request may; the page hands the file over and shows the
    job's progress. Nothing is saved unless every row is valid, as for any import.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting for a worker")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        REJECTED = "rejected", _("rejected: nothing saved")
        FAILED = "failed", _("failed: nothing saved")

    kind = models.CharField(_("kind"), max_length=40)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), on_delete=models.CASCADE, related_name="+"
    )
    council = models.ForeignKey(
        Council, verbose_name=_("council"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=8, default="ko")
    file = models.FileField(_("file"), upload_to=upload_to, max_length=300, blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    # The import page, to upload a corrected file from.
    page_url = models.CharField(_("import page"), max_length=300)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    # Done: what was imported, in the owner's language, and where to see it.
    message = models.TextField(_("message"), blank=True)
    result_url = models.CharField(_("result page"), max_length=300, blank=True)
    # Rejected: every bad row ({"row", "column", "message"}), or the file's problem as one message.
    errors = models.JSONField(_("errors"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"], name="importjob_status_idx")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.file_name}"

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.REJECTED, self.Status.FAILED}
