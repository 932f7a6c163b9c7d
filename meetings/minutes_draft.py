"""Minutes drafted from the record: what the portal knows of a meeting, as Markdown to edit.

Date and place, who attended and who did not (by institution), the quorum, each agenda item with
its presenter, decision, vote counts and text, and the follow-up actions with their assignee and
due date. Staff start the minutes from here instead of typing what the portal already holds.
Written in the council's language (Korean), whatever language the person drafting reads.
"""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from meetings.models import AgendaItem, Meeting
from meetings.selectors import meeting_actions, meeting_invitations, meeting_quorum


def _cell(text: str) -> str:
    """Text for a Markdown table cell: one line, no column breaks."""
    return " ".join(str(text).split()).replace("|", "/") or "—"


def vote_counts(item: AgendaItem) -> str:
    """'for 12, against 1, abstaining 0', or nothing when no vote was counted."""
    counts = (item.votes_for, item.votes_against, item.votes_abstained)
    if all(count is None for count in counts):
        return ""
    return _("for %(for)d, against %(against)d, abstaining %(abstained)d") % {
        "for": item.votes_for or 0,
        "against": item.votes_against or 0,
        "abstained": item.votes_abstained or 0,
    }


def minutes_draft(meeting: Meeting) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _draft(meeting)


def _draft(meeting: Meeting) -> str:
    starts, ends = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    invitations = list(meeting_invitations(meeting=meeting))
    quorum = meeting_quorum(meeting=meeting)
    lines = [f"# {meeting.council.name} {meeting.label} {_('minutes')}", ""]
    if meeting.title:
        lines += [f"**{meeting.title}**", ""]
    lines += [
        f"- {_('Date')}: {date_format(starts, 'DATE_FORMAT')} {starts:%H:%M}–{ends:%H:%M}",
        f"- {_('Place')}: {meeting.venue or meeting.online_url or '—'}",
        f"- {_('Chair')}: {meeting.chair.name if meeting.chair else '—'}",
        f"- {_('Quorum')}: "
        + _("%(present)d of %(members)d voting members present (%(required)d needed)")
        % {"present": quorum.present, "members": quorum.members, "required": quorum.required},
        "",
        f"## {_('Attendance')}",
        "",
        f"| {_('Institution')} | {_('Name')} | {_('Attended')} |",
        "| --- | --- | --- |",
    ]
    for invitation in invitations:
        institution = invitation.institution.name if invitation.institution else _("Guest")
        if invitation.attended is None:
            attended = _("not recorded")
        else:
            attended = _("present") if invitation.attended else _("absent")
        lines.append(f"| {_cell(institution)} | {_cell(invitation.name)} | {attended} |")
    lines += ["", f"## {_('Agenda')}", ""]
    items = meeting.agenda_items.shared().select_related("presenter_person", "presenter_institution")
    for number, item in enumerate(items.order_by("order", "id"), start=1):
        lines.append(f"### {number}. {item.title}")
        lines.append("")
        if item.presenter_name:
            lines.append(f"- {_('Presenter')}: {item.presenter_name}")
        decision = item.get_decision_display() if item.decision else _("not recorded")
        votes = vote_counts(item)
        lines.append(f"- {_('Decision')}: {decision}" + (f" ({votes})" if votes else ""))
        if item.decision_text:
            lines += ["", item.decision_text.strip()]
        lines.append("")
    actions = list(meeting_actions(meeting=meeting))
    lines += [f"## {_('Follow-up actions')}", ""]
    if actions:
        lines += [
            f"| {_('Action')} | {_('Responsible institution')} | {_('Due on')} |",
            "| --- | --- | --- |",
        ]
        for action in actions:
            due = date_format(action.due_on, "DATE_FORMAT") if action.due_on else "—"
            lines.append(f"| {_cell(action.title)} | {_cell(action.assignee.name)} | {due} |")
    else:
        lines.append(_("None."))
    return "\n".join(lines) + "\n"
