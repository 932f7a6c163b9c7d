"""Forms of the meeting pages; each view hands the cleaned data to one service."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.forms import BoundField
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from council.files.uploads import DocumentField
from council.web.forms import ChipRadioSelect, DateInput, KrdsFormMixin, ServiceModelForm
from meetings.models import ActionItem, AgendaItem, Invitation, Meeting
from members.models import Institution, Membership, Person


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class MeetingForm(ServiceModelForm[Meeting]):
    """Times are entered and shown in Korea Standard Time. A number that skips ahead in the year is
    taken only once staff confirm it, in a second step that says which numbers it leaves out."""

    number_confirmed = forms.BooleanField(label=_("Yes, give the meeting this number"), required=False)

    class Meta:
        model = Meeting
        fields = [
            "kind",
            "title",
            "starts_at",
            "ends_at",
            "venue",
            "address",
            "online_url",
            "chair",
            "description",
            "quorum_override",
            "year",
            "number",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "number": _("The next free number of the year is filled in; change it only to correct it."),
            "ends_at": _("For a written resolution, the end of the voting period."),
        }

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = people  # type: ignore[attr-defined]
        self.fields["year"].required = False
        self.fields["number"].required = False
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]  # type: ignore[attr-defined]

    def visible_fields(self) -> list[BoundField]:
        """The confirmation shows only once the service has said what the number leaves out."""
        asked = self.has_error("number", "number_gap") or bool(self.data.get("number_confirmed"))
        return [field for field in super().visible_fields() if field.name != "number_confirmed" or asked]


class MeetingCopyForm(KrdsFormMixin, forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Starts at"), widget=DateTimeInput(), input_formats=["%Y-%m-%dT%H:%M"]
    )
    ends_at = forms.DateTimeField(
        label=_("Ends at"), widget=DateTimeInput(), input_formats=["%Y-%m-%dT%H:%M"]
    )


class CancelForm(KrdsFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"), max_length=300, help_text=_("Invitees will read it.")
    )


class MeetingChoiceField(forms.ModelChoiceField):
    """Meetings offered by their number and date, e.g. "2024년 제2차 · 2024.11.05"."""

    def label_from_instance(self, obj: Meeting) -> str:
        return f"{obj.label} · {timezone.localtime(obj.starts_at):%Y.%m.%d}"


class AgendaItemForm(ServiceModelForm[AgendaItem]):
    """An agenda item as the secretariat writes it. A best practice or a difficulty is linked from its
    own page (`AgendaProposalForm`), so the agenda never lists the council's submissions."""

    class Meta:
        model = AgendaItem
        fields = [
            "title",
            "kind",
            "presenter_person",
            "presenter_institution",
            "minutes_allotted",
            "description",
            "staff_only",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(
        self, *args: Any, people: QuerySet[Person], institutions: QuerySet[Institution], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["presenter_person"].queryset = people  # type: ignore[attr-defined]
        self.fields["presenter_institution"].queryset = institutions  # type: ignore[attr-defined]


class AgendaProposalForm(AgendaItemForm):
    """A best practice or a difficulty put on a coming meeting's agenda. What the agenda shows is what
    the secretariat writes here: only the submission's title is filled in, never its text."""

    meeting = MeetingChoiceField(queryset=Meeting.objects.none(), label=_("Meeting"))
    field_order = ["meeting"]

    def __init__(self, *args: Any, meetings: QuerySet[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["meeting"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = meetings
        field.error_messages["invalid_choice"] = _(
            "Choose one of the council's coming meetings whose agenda can still change."
        )
        self.fields["title"].help_text = _("As the agenda shows it to everyone who sees the meeting.")
        self.fields["description"].help_text = _(
            "Write what invitees may read; the submission's own text stays with the submission."
        )


class AgendaDocumentForm(KrdsFormMixin, forms.Form):
    file = DocumentField(label=_("Document"))
    title = forms.CharField(
        label=pgettext_lazy("document", "Title"),
        max_length=200,
        required=False,
        help_text=_("Defaults to the file name."),
    )


class DecisionForm(ServiceModelForm[AgendaItem]):
    class Meta:
        model = AgendaItem
        fields = ["decision", "decision_text", "votes_for", "votes_against", "votes_abstained"]
        widgets = {"decision_text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].required = True


class InviteMembersForm(KrdsFormMixin, forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Membership.Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty to invite every current seat."),
    )
    institution_kinds = forms.MultipleChoiceField(
        label=_("Institution kinds"), choices=Institution.Kind.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip


class GuestForm(KrdsFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    language = forms.ChoiceField(label=_("Language"), choices=[("ko", _("Korean")), ("en", _("English"))])


class AnswerForm(KrdsFormMixin, forms.Form):
    response = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            choice for choice in Invitation.Response.choices if choice[0] != Invitation.Response.PENDING
        ],
        widget=ChipRadioSelect,
    )
    proxy_name = forms.CharField(
        label=_("Proxy"),
        max_length=100,
        required=False,
        help_text=_("Who attends in your place, if you send a proxy."),
    )


class ActionForm(ServiceModelForm[ActionItem]):
    class Meta:
        model = ActionItem
        fields = ["title", "assignee", "due_on", "agenda_item", "description"]
        widgets = {"due_on": DateInput(), "description": forms.Textarea(attrs={"rows": 2})}

    def __init__(
        self, *args: Any, institutions: QuerySet[Institution], items: QuerySet[AgendaItem], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = institutions  # type: ignore[attr-defined]
        self.fields["agenda_item"].queryset = items  # type: ignore[attr-defined]


class ActionUpdateForm(KrdsFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionItem.Status.choices)
    comment = forms.CharField(
        label=_("Progress note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DateInput())


class MinutesForm(KrdsFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Minutes"),
        widget=forms.Textarea(attrs={"rows": 24, "class": "portal-markdown"}),
        required=False,
        help_text=_("Markdown: # heading, - list, **bold**, | table |. HTML is shown as text."),
    )
    # The version the editor opened: a save on top of someone else's newer one is refused, not lost.
    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class CirculateForm(KrdsFormMixin, forms.Form):
    comments_until = forms.DateField(label=_("Comments until"), widget=DateInput())


class CommentForm(KrdsFormMixin, forms.Form):
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
