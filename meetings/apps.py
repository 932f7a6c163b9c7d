from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from council.notices.reminders import register_reminders
        from council.web.navigation import MenuItem, register_menu_item
        from meetings import home, notices, search, sections

        register_reminders(notices.meeting_reminders)
        register_reminders(notices.vote_reminders)
        register_reminders(notices.action_reminders)
        register_menu_item(
            MenuItem(
                key="meetings",
                label=_("Meetings"),
                url_name="meeting-list",
                order=10,
                visible=lambda access: True,
            )
        )
        home.register()
        sections.register()
        search.register()
