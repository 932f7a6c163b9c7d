from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Council(models.Model):
    """A cooperation council, or a working group under one (parent)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    short_name = models.CharField(
        _("short name"), max_length=60, help_text=_("Shown in the council switcher, e.g. '안양 산학관'.")
    )
    slug = models.SlugField(_("address name"), max_length=60, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent council"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="working_groups",
    )
    region = models.CharField(_("region"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    is_public = models.BooleanField(
        _("published"),
        default=False,
        help_text=_(
            "Published councils show their member list, approved plan and upcoming meetings to everyone."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="council_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """Working groups sit directly under a top-level council, as far as a role on it reaches."""
        if self.parent_id is None:
            return
        if self.parent_id == self.pk:
            raise ValidationError({"parent": _("A council cannot be placed under itself.")})
        if self.parent is not None and self.parent.parent_id is not None:
            raise ValidationError(
                {"parent": _("A working group can only be placed under a top-level council.")}
            )
        if self.pk is not None and Council.objects.filter(parent_id=self.pk).exists():
            raise ValidationError(
                {"parent": _("A council with working groups cannot be placed under another council.")}
            )

    @property
    def display_name(self) -> str:
        return self.name
