from django.urls import path

from meetings.views import actions, agenda, calendars, invitations, meetings, minutes

urlpatterns = [
    path("meetings/", meetings.meeting_list, name="meeting-list"),
    path("meetings/new/", meetings.meeting_create, name="meeting-create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_update, name="meeting-update"),
    path("meetings/<int:pk>/copy/", meetings.meeting_copy, name="meeting-copy"),
    path("meetings/<int:pk>/announce/", meetings.meeting_announce, name="meeting-announce"),
    path("meetings/<int:pk>/held/", meetings.meeting_hold, name="meeting-hold"),
    path("meetings/<int:pk>/cancel/", meetings.meeting_cancel, name="meeting-cancel"),
    path("meetings/<int:pk>/event.ics", meetings.meeting_calendar_file, name="meeting-ics"),
    path("meetings/<int:pk>/agenda.pdf", meetings.meeting_agenda_pdf, name="meeting-agenda-pdf"),
    path("meetings/<int:pk>/agenda.hwpx", meetings.meeting_agenda_hwpx, name="meeting-agenda-hwpx"),
    path("meetings/<int:pk>/agenda/", agenda.agenda_item_add, name="agenda-item-add"),
    path("meetings/<int:pk>/agenda/order/", agenda.agenda_reorder, name="agenda-reorder"),
    path("meetings/<int:pk>/agenda/<int:item_pk>/", agenda.agenda_item_update, name="agenda-item-update"),
    path(
        "meetings/<int:pk>/agenda/<int:item_pk>/delete/", agenda.agenda_item_delete, name="agenda-item-delete"
    ),
    path(
        "meetings/<int:pk>/agenda/<int:item_pk>/decision/",
        agenda.agenda_decision_record,
        name="agenda-decision",
    ),
    path(
        "meetings/<int:pk>/agenda/<int:item_pk>/documents/",
        agenda.agenda_document_add,
        name="agenda-document-add",
    ),
    path(
        "meetings/<int:pk>/agenda/<int:item_pk>/documents/<int:document_pk>/delete/",
        agenda.agenda_document_delete,
        name="agenda-document-delete",
    ),
    path(
        "meetings/<int:pk>/documents/<int:document_pk>/",
        agenda.agenda_document_download,
        name="agenda-document",
    ),
    path(
        "meetings/<int:pk>/invitations/members/",
        invitations.invitations_add_members,
        name="invitations-add-members",
    ),
    path(
        "meetings/<int:pk>/invitations/guest/", invitations.invitation_add_guest, name="invitation-add-guest"
    ),
    path(
        "meetings/<int:pk>/invitations/<int:invitation_pk>/remove/",
        invitations.invitation_remove,
        name="invitation-remove",
    ),
    path(
        "meetings/<int:pk>/invitations/<int:invitation_pk>/answer/",
        invitations.invitation_answer,
        name="invitation-answer",
    ),
    path("meetings/<int:pk>/attendance/", invitations.attendance, name="meeting-attendance"),
    path(
        "meetings/<int:pk>/attendance/<int:invitation_pk>/",
        invitations.attendance_mark,
        name="attendance-mark",
    ),
    path("meetings/<int:pk>/vote/", invitations.vote, name="meeting-vote"),
    path("meetings/vote/<str:token>/", invitations.ballot_link, name="ballot-link"),
    path("meetings/<int:pk>/actions/", actions.action_create, name="action-create"),
    path("meetings/<int:pk>/minutes/", minutes.minutes_detail, name="minutes-detail"),
    path("meetings/<int:pk>/minutes/edit/", minutes.minutes_edit, name="minutes-edit"),
    path("meetings/<int:pk>/minutes/preview/", minutes.minutes_preview, name="minutes-preview"),
    path("meetings/<int:pk>/minutes/circulate/", minutes.minutes_circulate, name="minutes-circulate"),
    path("meetings/<int:pk>/minutes/comments/", minutes.minutes_comment, name="minutes-comment"),
    path("meetings/<int:pk>/minutes/approve/", minutes.minutes_approve, name="minutes-approve"),
    path(
        "meetings/<int:pk>/minutes/versions/<int:history_id>/",
        minutes.minutes_version,
        name="minutes-version",
    ),
    path("meetings/<int:pk>/minutes.pdf", minutes.minutes_print, name="minutes-pdf"),
    path("meetings/<int:pk>/minutes.hwpx", minutes.minutes_hwpx_download, name="minutes-hwpx"),
    path(
        "meetings/propose/practice/<int:practice_pk>/",
        agenda.agenda_propose_practice,
        name="agenda-propose-practice",
    ),
    path(
        "meetings/propose/difficulty/<int:difficulty_pk>/",
        agenda.agenda_propose_difficulty,
        name="agenda-propose-difficulty",
    ),
    path("meetings/actions/", actions.action_list, name="action-list"),
    path("meetings/actions/<int:pk>/", actions.action_detail, name="action-detail"),
    path("meetings/answer/<str:token>/", invitations.invitation_answer_link, name="invitation-answer-link"),
    path("meetings/calendar/", calendars.calendar_settings, name="calendar-settings"),
    path("meetings/calendar/<slug:slug>.ics", calendars.council_feed, name="council-calendar"),
    path("cal/<str:token>.ics", calendars.personal_feed, name="personal-calendar"),
]
