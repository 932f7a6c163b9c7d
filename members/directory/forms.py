"""Forms of the member directory pages; each view hands cleaned data to one service."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from council.web.forms import DateInput, KrdsFormMixin, ServiceModelForm
from members.models import Institution, Membership, Person


# The directory forms keep Django's model checks: the spreadsheet imports validate each row with them.
class InstitutionForm(KrdsFormMixin, forms.ModelForm[Institution]):
    class Meta:
        model = Institution
        fields = [
            "name",
            "name_en",
            "kind",
            "sector",
            "region",
            "address",
            "website",
            "phone",
            "representative",
            "business_registration_number",
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        number = cleaned.get("business_registration_number")
        if cleaned.get("kind") == Institution.Kind.FIRM and not number:
            self.add_error(
                "business_registration_number",
                _("Enter the firm's business registration number (10 digits)."),
            )
        return cleaned


class InstitutionContactForm(KrdsFormMixin, forms.ModelForm[Institution]):
    """What the institution's own contacts keep up to date."""

    class Meta:
        model = Institution
        fields = ["representative", "phone", "address", "website"]


class PersonContactForm(KrdsFormMixin, forms.ModelForm[Person]):
    """What a person, or a contact of their institution, keeps up to date."""

    class Meta:
        model = Person
        fields = ["title", "email", "phone"]


class PersonForm(KrdsFormMixin, forms.ModelForm[Person]):
    class Meta:
        model = Person
        fields = ["name", "name_en", "title", "institution", "email", "phone"]

    def __init__(self, *args: Any, institutions: QuerySet[Institution], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions  # type: ignore[attr-defined]


class MembershipForm(ServiceModelForm[Membership]):
    class Meta:
        model = Membership
        fields = ["institution", "person", "role", "route", "position", "term_start", "term_end", "notes"]
        widgets = {"term_start": DateInput(), "term_end": DateInput()}

    def __init__(
        self,
        *args: Any,
        institutions: QuerySet[Institution],
        people: QuerySet[Person],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions  # type: ignore[attr-defined]
        self.fields["person"].queryset = people.select_related("institution")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("institution") and not cleaned.get("person"):
            raise forms.ValidationError(_("Choose the institution, the person, or both who hold the seat."))
        return cleaned


class MembershipEndForm(KrdsFormMixin, forms.Form):
    term_end = forms.DateField(label=_("Last day of the term"), widget=DateInput())
