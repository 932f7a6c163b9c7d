"""Form rendering in KRDS markup, shared by every app's forms."""

from typing import Any

from django import forms
from django.db.models import Model
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _


class PortalFormRenderer(TemplatesSetting):
    """Renders every form field as a KRDS form group (label, control, hint, errors)."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


_WIDGET_CLASSES: list[tuple[type[forms.Widget], str]] = [
    (forms.CheckboxSelectMultiple, ""),
    (forms.RadioSelect, ""),
    (forms.CheckboxInput, ""),
    (forms.ClearableFileInput, "krds-input file-input"),
    (forms.Select, "krds-form-select"),
    (forms.SelectMultiple, "krds-form-select"),
    (forms.Textarea, "krds-input"),
    (forms.widgets.Input, "krds-input"),
]


# KRDS hides the native radio button and check box and draws them from the label that follows.
CHOICES_TEMPLATE = "forms/widgets/choices.html"
CHIPS_TEMPLATE = "forms/widgets/chips.html"


class ChipRadioSelect(forms.RadioSelect):
    """A short choice (e.g. attending, not attending, proxy) as a row of KRDS chips."""

    template_name = CHIPS_TEMPLATE


class ChecklistSelectMultiple(forms.CheckboxSelectMultiple):
    """Check boxes in a scrolling box, for choosing a few institutions among many."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"class": "portal-checklist chk-column", **(attrs or {})})


class KrdsFormMixin:
    """Adds KRDS classes to widgets, draws radio buttons and check boxes the KRDS way, and marks fields
    that failed validation."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            choices = isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple)
            if choices and widget.template_name not in (CHOICES_TEMPLATE, CHIPS_TEMPLATE):
                widget.template_name = CHOICES_TEMPLATE
            for widget_class, css in _WIDGET_CLASSES:
                if isinstance(field.widget, widget_class):
                    if css:
                        existing = field.widget.attrs.get("class", "")
                        field.widget.attrs["class"] = f"{existing} {css}".strip()
                    break
            if isinstance(field.widget, forms.DateInput):
                field.widget.input_type = "date"
                field.widget.format = "%Y-%m-%d"

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in getattr(self, "errors", {}):
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-error".strip()


class ServiceModelForm[M: Model](KrdsFormMixin, forms.ModelForm[M]):
    """A model form that reads and cleans the posted fields; the service checks and saves the model.

    Django's ModelForm would copy the data onto the instance and run the model's checks here. The
    services run them with what a form does not know (the council, the plan, the state before the
    change), and their errors come back onto these fields through `council.web.pages.apply_errors`.
    """

    def _post_clean(self) -> None:
        pass


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class LanguageForm(KrdsFormMixin, forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=[])
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from django.conf import settings

        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES  # type: ignore[attr-defined]


class ProfileForm(KrdsFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("A new address takes effect when you open the link we send to it."),
    )
    current_password = forms.CharField(
        label=_("Current password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Needed only to change the e-mail address."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=[])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from django.conf import settings

        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES  # type: ignore[attr-defined]


class SpreadsheetImportForm(KrdsFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_(
            "XLSX or CSV with the columns of the template. Nothing is saved unless every row is valid."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
