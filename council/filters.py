"""FilterSets for councils, shared by the council list page and the API."""

from datetime import UTC, date, datetime
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField
from django_filters.widgets import BooleanWidget

from council.models import Council
from council.permissions import councils_visible_to
from council.search import TextFields
from council.web.forms import KrdsFormMixin

# What the list's free-text query matches, the way every other list matches it.
COUNCIL_TEXT = TextFields(("name", "name_en", "short_name", "region"))


class FilterForm(KrdsFormMixin, forms.Form):
    """Filter forms look like every other form in the portal."""


class YesNoAllWidget(BooleanWidget):
    """A yes/no filter whose empty choice reads "All" rather than "Unknown"."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.choices = [("", _("All")), ("true", _("Yes")), ("false", _("No"))]


# Bounds of what a filter accepts: an id the database can hold, dates a council's records can have.
MAX_ID = 2**63 - 1
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)


def _within_bounds(moment: datetime) -> None:
    """Refuse dates outside the years a council's records span, and offsets that leave the calendar."""
    try:
        within = EARLIEST <= moment.astimezone(UTC) < LATEST
    except OverflowError:
        within = False
    if not within:
        raise ValidationError(
            _("Give a date between %(start)d and %(end)d.")
            % {"start": EARLIEST.year, "end": LATEST.year - 1},
            code="out_of_range",
        )


class BoundedDateField(forms.DateField):
    def validate(self, value: date | None) -> None:
        super().validate(value)
        if value is not None:
            _within_bounds(datetime(value.year, value.month, value.day, tzinfo=UTC))


class BoundedDateTimeField(IsoDateTimeField):
    def validate(self, value: datetime | None) -> None:
        super().validate(value)
        if value is not None:
            _within_bounds(value if value.tzinfo else value.replace(tzinfo=UTC))


def parse_id(value: object) -> int | None:
    """An id given as text, or None when it is not one the database can hold."""
    text = str(value or "")
    if not text.isascii() or not text.isdigit():
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


class IdFilter(django_filters.NumberFilter):
    """An object's id: a whole number the database can hold. Anything else ("1e30", "1.5", a number
    beyond 64 bits) is the field's error, shown on the list page or answered 400 by the API, never a
    query the database refuses."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class YearFilter(django_filters.NumberFilter):
    """A calendar year within the span of a council's records."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", EARLIEST.year)
        kwargs.setdefault("max_value", LATEST.year - 1)
        super().__init__(*args, **kwargs)


class DateFilter(django_filters.DateFilter):
    field_class = BoundedDateField


class DateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = BoundedDateTimeField


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
        return COUNCIL_TEXT.match(queryset, value)


class CouncilChoiceFilter(django_filters.ModelChoiceFilter):
    """Councils offered are those the requesting user may read."""

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        if request is None:
            return Council.objects.none()
        return councils_visible_to(request.user).order_by("name")
