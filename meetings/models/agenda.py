from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from council.models import Document


class AgendaItemQuerySet(models.QuerySet["AgendaItem"]):
    @staticmethod
    def shared_condition() -> Q:
        """Items that may leave the secretariat: not marked secretariat only, and not about a difficulty
        that is (its institution may restrict it after it went on the agenda)."""
        return Q(staff_only=False) & ~Q(difficulty__secretariat_only=True)

    def shared(self) -> "AgendaItemQuerySet":
        """The items notices, calendar files, printed packs and minutes carry."""
        return self.filter(self.shared_condition())


def shared_agenda() -> models.Prefetch:
    """Prefetch a meeting's shared items, in order, as `meeting.shared_agenda`.

    Notices, calendar files and printed documents read only this attribute, so a caller that forgets
    the prefetch fails loudly instead of sending a secretariat-only item out.
    """
    items = AgendaItem.objects.shared().select_related("presenter_person", "presenter_institution")
    return models.Prefetch("agenda_items", queryset=items.order_by("order", "id"), to_attr="shared_agenda")


class AgendaItem(models.Model):
    """One item of a meeting's agenda, with its outcome once the meeting has decided.

    Its title and description are what the secretariat writes for the agenda, never a copy of a
    submission: a linked best practice or difficulty keeps its own visibility. A secretariat-only
    item is seen by the council's secretariat alone and never leaves the portal.
    """

    class Kind(models.TextChoices):
        REPORT = "report", _("report")
        PRESENTATION = "presentation", _("presentation")
        DELIBERATION = "deliberation", _("deliberation")
        DISCUSSION = "discussion", _("discussion")

    class Decision(models.TextChoices):
        APPROVED = "approved", pgettext_lazy("decision", "approved")
        AMENDED = "amended", pgettext_lazy("decision", "approved as amended")
        REJECTED = "rejected", pgettext_lazy("decision", "rejected")
        DEFERRED = "deferred", pgettext_lazy("decision", "deferred")
        NOTED = "noted", pgettext_lazy("decision", "noted")

    meeting = models.ForeignKey(
        "meetings.Meeting", verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REPORT)
    description = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("What invitees, and visitors of a published council, read about the item."),
    )
    presenter_person = models.ForeignKey(
        "members.Person",
        verbose_name=_("presenter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )
    presenter_institution = models.ForeignKey(
        "members.Institution",
        verbose_name=_("presenting institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )
    minutes_allotted = models.PositiveSmallIntegerField(_("minutes allotted"), default=10)
    best_practice = models.ForeignKey(
        "members.BestPractice",
        verbose_name=_("best practice presented"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )
    difficulty = models.ForeignKey(
        "members.Difficulty",
        verbose_name=_("difficulty or suggestion discussed"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )
    staff_only = models.BooleanField(
        _("secretariat only"),
        default=False,
        help_text=_(
            "Shown only to the council's secretariat: left out of the public page, notices, calendar "
            "files and printed packs."
        ),
    )
    approves_minutes_of = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("approves the minutes of"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    decision_text = models.TextField(_("decision text"), blank=True)
    votes_for = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), null=True, blank=True)
    votes_abstained = models.PositiveSmallIntegerField(_("abstentions"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["order"])

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_minutes_approval(self) -> bool:
        """The item approves an earlier meeting's minutes; deciding it approves and locks them."""
        return self.approves_minutes_of_id is not None

    @property
    def presenter_name(self) -> str:
        parts = [
            self.presenter_person.name if self.presenter_person else "",
            self.presenter_institution.name if self.presenter_institution else "",
        ]
        return " · ".join(part for part in parts if part)


class AgendaDocument(Document):
    """A document attached to an agenda item (PDF, HWP/HWPX, office files, images), shown under its title."""

    agenda_item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)

    class Meta(Document.Meta):
        verbose_name = _("agenda document")
        verbose_name_plural = _("agenda documents")

    def __str__(self) -> str:
        return self.title
