from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.directory.validators import validate_business_registration_number, validate_phone


class Institution(models.Model):
    """An organisation that takes part in councils: a university foundation, a school, a firm, an agency."""

    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("university (industry-academia foundation)")
        HIGH_SCHOOL = "high_school", _("specialized high school")
        EDUCATION_OFFICE = "education_office", _("education office")
        FIRM = "firm", _("firm")
        RESEARCH = "research", _("research institute")
        HOSPITAL = "hospital", _("hospital")
        GOVERNMENT = "government", _("government department")
        SUPPORT_AGENCY = "support_agency", _("support agency")
        OTHER = "other", _("other")

    class Sector(models.TextChoices):
        INDUSTRY = "industry", _("industry")
        ACADEMIA = "academia", _("academia")
        GOVERNMENT = "government", _("government")
        RESEARCH = "research", _("research")

    name = models.CharField(
        _("institution name"),
        max_length=200,
        unique=True,
        error_messages={"unique": _("An institution with this name is already in the directory.")},
    )
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    kind = models.CharField(_("institution kind"), max_length=20, choices=Kind.choices)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    region = models.CharField(_("region"), max_length=100, blank=True, help_text=_("e.g. 경기 안양시"))
    address = models.CharField(_("address"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    representative = models.CharField(_("representative"), max_length=100, blank=True)
    business_registration_number = models.CharField(
        _("business registration number"),
        max_length=12,
        blank=True,
        validators=[validate_business_registration_number],
        help_text=_("Firms: 10 digits, e.g. 123-45-67890."),
    )
    registered_by = models.ForeignKey(
        "council.Council",
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registered_institutions",
        help_text=_("The council whose secretariat added it to the directory."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["business_registration_number"],
                condition=~Q(business_registration_number=""),
                name="institution_brn_unique",
                violation_error_message=_(
                    "Another institution already has this business registration number."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("institution-detail", args=[self.pk])

    def clean(self) -> None:
        from members.directory.validators import normalise_business_registration_number

        self.business_registration_number = normalise_business_registration_number(
            self.business_registration_number
        )


class Person(models.Model):
    """Someone at (or without) an institution: a contact, a council member; may have a portal account."""

    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=100, blank=True, help_text=_("e.g. 산학협력단장"))
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("portal account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.institution})" if self.institution_id else self.name

    def get_absolute_url(self) -> str:
        return reverse("person-detail", args=[self.pk])


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current_on(self, day: date) -> "MembershipQuerySet":
        """Seats whose term covers the day (an open start or end counts as covering it)."""
        return self.filter(
            Q(term_start__isnull=True) | Q(term_start__lte=day),
            Q(term_end__isnull=True) | Q(term_end__gte=day),
        )

    def ending_within(self, day: date, days: int) -> "MembershipQuerySet":
        return self.filter(term_end__gte=day, term_end__lte=day + timedelta(days=days))

    def seated_institution_ids(self) -> "models.QuerySet[Membership, dict[str, Any]]":
        """The ids of the institutions holding these seats, for an `id__in` subquery."""
        return self.filter(institution__isnull=False).values("institution_id")


class Membership(models.Model):
    """A seat on a council, held by an institution and/or a person. A seat grants no portal permission."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("chair")
        VICE_CHAIR = "vice_chair", _("vice-chair")
        MEMBER = "member", _("member")
        SECRETARY = "secretary", _("secretary")
        OBSERVER = "observer", _("observer")

    class Route(models.TextChoices):
        PUBLIC_RECRUITMENT = "public_recruitment", _("public recruitment")
        RECOMMENDATION = "recommendation", _("recommendation")
        EX_OFFICIO = "ex_officio", _("ex officio")

    # Seats that vote and count toward the quorum; a secretary or an observer does neither.
    VOTING_ROLES = frozenset({Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER})

    council = models.ForeignKey(
        "council.Council", verbose_name=_("council"), on_delete=models.CASCADE, related_name="memberships"
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    route = models.CharField(_("appointment route"), max_length=20, choices=Route.choices)
    position = models.CharField(
        _("seat"),
        max_length=100,
        blank=True,
        help_text=_("What the seat represents, e.g. 대학 산학협력단장."),
    )
    term_start = models.DateField(_("term start"), null=True, blank=True)
    term_end = models.DateField(_("term end"), null=True, blank=True)
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(institution__isnull=False) | Q(person__isnull=False), name="membership_has_holder"
            ),
            models.CheckConstraint(
                condition=Q(term_start__isnull=True)
                | Q(term_end__isnull=True)
                | Q(term_end__gte=F("term_start")),
                name="membership_term_order",
            ),
        ]
        indexes = [models.Index(fields=["council", "term_end"], name="membership_term_idx")]

    def __str__(self) -> str:
        return f"{self.holder_name} · {self.get_role_display()}"

    @property
    def is_voting(self) -> bool:
        return self.role in self.VOTING_ROLES

    @property
    def holder_name(self) -> str:
        person, institution = self.person, self.institution
        if person is not None and institution is not None:
            return f"{person.name} ({institution.name})"
        if person is not None:
            return person.name
        return institution.name if institution is not None else ""

    def is_current(self, day: date | None = None) -> bool:
        day = day or timezone.localdate()
        return (self.term_start is None or self.term_start <= day) and (
            self.term_end is None or self.term_end >= day
        )

    @property
    def ends_soon(self) -> bool:
        """The term ends within the next MEMBERSHIP_ENDING_SOON_DAYS days."""
        if self.term_end is None:
            return False
        today = timezone.localdate()
        return today <= self.term_end <= today + timedelta(days=settings.MEMBERSHIP_ENDING_SOON_DAYS)

    @property
    def has_ended(self) -> bool:
        return self.term_end is not None and self.term_end < timezone.localdate()

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors = {}
        if not self.institution_id and not self.person_id:
            errors["institution"] = _("A seat is held by an institution, a person, or both.")
        if self.term_start and self.term_end and self.term_end < self.term_start:
            errors["term_end"] = _("The term cannot end before it starts.")
        if errors:
            raise ValidationError(errors)


class InstitutionContact(models.Model):
    """Portal role: this user acts for this institution (submits, answers invitations, reports)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="institution_contacts",
    )
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.CASCADE, related_name="contacts"
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("institution contact")
        verbose_name_plural = _("institution contacts")
        constraints = [
            models.UniqueConstraint(fields=["user", "institution"], name="institution_contact_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.institution}"
