from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A portal account. What it may do comes from its roles, never from a council seat."""

    name = models.CharField(_("name"), max_length=100, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="ko")
    # How many of the user's notices are unread, for the header of every page without a query of its
    # own: recounted in the transaction of every write that adds or reads notices
    # (council.notices.outbox.unread_recount).
    unread_notices = models.PositiveIntegerField(_("unread notices"), default=0, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        swappable = "AUTH_USER_MODEL"
        # One account per username and per e-mail address, whatever the letter case: logins match
        # them in any case (council.accounts.authentication).
        constraints = [
            models.UniqueConstraint(
                Lower("username"),
                name="user_username_unique_any_case",
                violation_error_message=_("An account with this username already exists."),
            ),
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="user_email_unique_any_case",
                violation_error_message=_("An account with this e-mail address already exists."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name()

    def get_full_name(self) -> str:
        return self.name or super().get_full_name() or self.username

    def get_short_name(self) -> str:
        return self.name or self.username


class CouncilRole(models.Model):
    """A portal role on one council: secretariat staff manage it, city officials read it and review reports.

    A role on a council extends to its working groups.
    """

    class Kind(models.TextChoices):
        SECRETARIAT = "secretariat", _("secretariat staff")
        OFFICIAL = "official", _("city official")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="council_roles",
    )
    council = models.ForeignKey(
        "council.Council", verbose_name=_("council"), on_delete=models.CASCADE, related_name="roles"
    )
    kind = models.CharField(_("role"), max_length=20, choices=Kind.choices)
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("council role")
        verbose_name_plural = _("council roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "council", "kind"], name="council_role_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.council} · {self.get_kind_display()}"
