"""Form pieces shared by the member submission forms."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from council.files.uploads import DocumentField
from council.web.forms import KrdsFormMixin


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class DocumentsField(DocumentField):
    """Several documents at once, each checked by its content and size."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Attachments"))
        kwargs.setdefault(
            "help_text", _("PDF, HWP, HWPX, DOCX, XLSX, PPTX or images; up to 20 MB each, 10 files in all.")
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            errors: list[forms.ValidationError] = []
            cleaned = []
            for item in data:
                try:
                    cleaned.append(single(item, initial))
                except forms.ValidationError as error:
                    errors.append(error)
            if errors:
                raise forms.ValidationError(errors)
            return [item for item in cleaned if item]
        result = single(data, initial)
        return [result] if result else []


class DocumentUploadForm(KrdsFormMixin, forms.Form):
    file = DocumentField(label=_("File"))


# Django's label for an empty choice; named here so the portal's catalogue translates it.
BLANK_CHOICE_LABEL = _("- Select an option -")
