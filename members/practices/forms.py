"""Forms of the best practice pages: the submission with its result figures, and the review."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from council.files.forms import BLANK_CHOICE_LABEL, DocumentsField
from council.web.forms import ChecklistSelectMultiple, KrdsFormMixin, ServiceModelForm
from members.models import BestPractice, Institution
from members.practices.services import MAX_FIGURES


class BestPracticeForm(ServiceModelForm[BestPractice]):
    documents = DocumentsField()

    class Meta:
        model = BestPractice
        fields = [
            "institution",
            "title",
            "category",
            "summary",
            "partners",
            "other_partners",
            "problem",
            "actions",
            "results",
            "period_start",
            "period_end",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "problem": forms.Textarea(attrs={"rows": 5}),
            "actions": forms.Textarea(attrs={"rows": 6}),
            "results": forms.Textarea(attrs={"rows": 5}),
            "partners": ChecklistSelectMultiple(),
        }

    def __init__(
        self, *args: Any, institutions: QuerySet[Institution], partners: QuerySet[Institution], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions  # type: ignore[attr-defined]
        self.fields["partners"].queryset = partners  # type: ignore[attr-defined]
        if self.instance.pk is None and institutions.count() == 1:
            self.fields["institution"].initial = institutions.first()
            self.fields["institution"].empty_label = None
        else:
            self.fields["institution"].empty_label = BLANK_CHOICE_LABEL  # type: ignore[attr-defined]


class FigureForm(KrdsFormMixin, forms.Form):
    # The table's column headers label the inputs visually; aria-label names them for screen readers.
    label = forms.CharField(
        label=_("Indicator"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"aria-label": _("Indicator")}),
    )
    value = forms.DecimalField(
        label=_("Value"),
        max_digits=14,
        decimal_places=2,
        required=False,
        widget=forms.NumberInput(attrs={"aria-label": _("Value"), "step": "any"}),
    )
    unit = forms.CharField(
        label=_("Unit"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"aria-label": _("Unit")}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("label") and cleaned.get("value") is None and "value" not in self.errors:
            self.add_error("value", _("Enter the number for this indicator."))
        if cleaned.get("value") is not None and not cleaned.get("label"):
            self.add_error("label", _("Name what the number counts."))
        return cleaned


FigureFormSet = forms.formset_factory(FigureForm, extra=3, max_num=MAX_FIGURES, validate_max=True)


def figure_formset(data: Any = None, *, practice: BestPractice | None = None) -> Any:
    initial = (
        [{"label": f.label, "value": f.value, "unit": f.unit} for f in practice.figures.all()]
        if practice is not None
        else []
    )
    return FigureFormSet(data, initial=initial, prefix="figures")


def figures_data(formset: Any) -> list[dict[str, Any]]:
    return [
        {
            "label": form.cleaned_data["label"],
            "value": form.cleaned_data["value"],
            "unit": form.cleaned_data["unit"],
        }
        for form in formset.forms
        if form.cleaned_data.get("label")
    ]


class ReviewForm(KrdsFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("publish", _("Publish")), ("return", _("Return with a comment"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment to the institution"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when returning: say what should change."),
    )


class UnpublishForm(KrdsFormMixin, forms.Form):
    comment = forms.CharField(label=_("Reason"), max_length=10000, widget=forms.Textarea(attrs={"rows": 3}))
