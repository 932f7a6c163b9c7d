from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from council.files.uploads import upload_to


class Document(models.Model):
    """An uploaded file, checked by its content on the way in, kept with its original name, type and size,
    and the text inside it once a worker has read it (council.files.text), for search."""

    class TextStatus(models.TextChoices):
        PENDING = "pending", _("not read yet")
        READ = "read", _("read")
        UNREADABLE = "unreadable", _("text not readable")

    file = models.FileField(_("file"), upload_to=upload_to, max_length=300)
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    type_label = models.CharField(_("file type"), max_length=10)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    text = models.TextField(_("text"), blank=True, editable=False)
    text_status = models.CharField(
        _("text"), max_length=12, choices=TextStatus.choices, default=TextStatus.PENDING, editable=False
    )
    text_note = models.CharField(_("why the text is not read"), max_length=300, blank=True, editable=False)

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name
