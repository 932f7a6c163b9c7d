"""FilterSets for councils, shared by the council list page and the API."""

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import BooleanWidget

from council.forms import KrdsFormMixin
from council.models import Council
from council.permissions import councils_visible_to
from council.search import text_match

# What the list's free-text query matches, the way every other list matches it.
COUNCIL_TEXT = ("name", "name_en", "short_name", "region")


class FilterForm(KrdsFormMixin, forms.Form):
    """Filter forms look like every other form in the portal."""


class YesNoAllWidget(BooleanWidget):
    """A yes/no filter whose empty choice reads "All" rather than "Unknown"."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.choices = [("", _("All")), ("true", _("Yes")), ("false", _("No"))]


class PortalFilterSet(django_filters.FilterSet):
    """Base of every FilterSet: the filter form is styled like every other form."""

    def get_form_class(self) -> type[forms.Form]:
        fields = {name: filter_.field for name, filter_ in self.filters.items()}
        return type(f"{type(self).__name__}Form", (FilterForm,), fields)


def yes_no_filter(label: Any, **kwargs: Any) -> django_filters.BooleanFilter:
    return django_filters.BooleanFilter(label=label, widget=YesNoAllWidget, **kwargs)


class CouncilFilter(PortalFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    parent = django_filters.ModelChoiceFilter(label=_("Parent council"), queryset=Council.objects.all())
    top_level = yes_no_filter(_("Top-level only"), field_name="parent", lookup_expr="isnull")
    is_public = yes_no_filter(_("Published"))
    is_active = yes_no_filter(_("Active"))

    class Meta:
        model = Council
        fields = ["q", "parent", "top_level", "is_public", "is_active"]

    def search(self, queryset: QuerySet[Council], name: str, value: str) -> QuerySet[Council]:
        return text_match(queryset, COUNCIL_TEXT, value)


class CouncilChoiceFilter(django_filters.ModelChoiceFilter):
    """Councils offered are those the requesting user may read."""

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        if request is None:
            return Council.objects.none()
        return councils_visible_to(request.user).order_by("name")
