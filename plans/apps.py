from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Plans")

    def ready(self) -> None:
        from council.files.imports import register_import
        from council.notices.reminders import register_reminders
        from council.web.navigation import MenuItem, register_menu_item
        from plans import home, reminders, search, sections
        from plans.imports import plan_import_kind

        # Importing the reminders also registers the notice kinds they and the services send.
        register_reminders(reminders.report_deadline_reminders)
        # Visitors see the progress of published plans there.
        register_menu_item(
            MenuItem(
                key="plans", label=_("Plans"), url_name="plan-list", order=60, visible=lambda access: True
            )
        )
        register_import(plan_import_kind)
        home.register()
        search.register()
        sections.register()
