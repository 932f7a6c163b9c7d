"""Forms of the difficulty pages: raising one, and each step of its thread."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from council.files.forms import BLANK_CHOICE_LABEL, DocumentsField
from council.web.forms import DateInput, KrdsFormMixin, ServiceModelForm
from members.models import Difficulty, Institution


class DifficultyForm(ServiceModelForm[Difficulty]):
    documents = DocumentsField()

    class Meta:
        model = Difficulty
        fields = ["institution", "kind", "category", "title", "description", "secretariat_only"]
        widgets = {"kind": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args: Any, institutions: QuerySet[Institution] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if institutions is None:
            # The raising institution does not change once the item is recorded.
            del self.fields["institution"]
            del self.fields["documents"]
        else:
            field = self.fields["institution"]
            field.queryset = institutions  # type: ignore[attr-defined]
            field.label = _("Raised for")
            if institutions.count() == 1:
                field.empty_label = None  # type: ignore[attr-defined]
                field.initial = institutions.first()
            else:
                field.empty_label = BLANK_CHOICE_LABEL  # type: ignore[attr-defined]


class AssignForm(KrdsFormMixin, forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Responsible institution"),
        queryset=Institution.objects.none(),
        help_text=_("An institution or a city department; its contacts can answer."),
    )
    answer_due = forms.DateField(label=_("Answer due"), widget=DateInput())
    note = forms.CharField(
        label=_("Note to the institution"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, institutions: QuerySet[Institution], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = institutions  # type: ignore[attr-defined]


class AnswerForm(KrdsFormMixin, forms.Form):
    body = forms.CharField(label=_("Response"), max_length=10000, widget=forms.Textarea(attrs={"rows": 5}))
    documents = DocumentsField()


class CommentForm(KrdsFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Comment"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "More detail, or a question about an answer. "
            "The secretariat and the responsible institution are told."
        ),
    )
    documents = DocumentsField()


class StatusForm(KrdsFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=[])
    reason = forms.CharField(
        label=_("Reason or note"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when closing without a resolution."),
    )

    def __init__(self, *args: Any, statuses: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Difficulty.Status.choices)
        self.fields["status"].choices = [(status, labels[status]) for status in statuses]  # type: ignore[attr-defined]
