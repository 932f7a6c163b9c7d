"""The agreement form: parties, areas, dates and the results that followed."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from council.files.forms import DocumentsField
from council.web.forms import ChecklistSelectMultiple, ServiceModelForm
from members.models import Agreement, BestPractice, Institution


class AgreementForm(ServiceModelForm[Agreement]):
    areas = forms.MultipleChoiceField(
        label=_("Cooperation areas"), choices=Agreement.Area.choices, widget=forms.CheckboxSelectMultiple
    )
    documents = DocumentsField()

    class Meta:
        model = Agreement
        fields = [
            "title",
            "parties",
            "areas",
            "signed_on",
            "signed_place",
            "summary",
            "valid_from",
            "valid_until",
            "best_practices",
        ]
        widgets = {
            "parties": ChecklistSelectMultiple(),
            "best_practices": ChecklistSelectMultiple(),
            "summary": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {"best_practices": _("Published best practices of this council that came from it.")}

    def __init__(
        self,
        *args: Any,
        parties: QuerySet[Institution],
        practices: QuerySet[BestPractice],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = parties  # type: ignore[attr-defined]
        self.fields["best_practices"].queryset = practices  # type: ignore[attr-defined]
        if self.instance.pk:
            self.initial["areas"] = list(self.instance.areas.values_list("area", flat=True))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        parties = cleaned.get("parties")
        if parties is not None and len(parties) < 2:
            self.add_error("parties", _("An agreement has at least two parties."))
        start, end = cleaned.get("valid_from"), cleaned.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The agreement cannot end before it takes effect."))
        return cleaned
