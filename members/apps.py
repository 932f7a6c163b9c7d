from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        from council.files.imports import register_import
        from council.notices.reminders import register_reminders
        from council.permissions import set_seat_rows
        from council.web.navigation import MenuItem, register_menu_item
        from members import home, search
        from members.agreements.notices import agreement_renewal_reminders
        from members.difficulties.notices import overdue_answer_reminders
        from members.directory.imports import import_kinds
        from members.directory.notices import term_ending_reminders
        from members.directory.permissions import seat_rows
        from members.practices import notices as _practice_notices  # noqa: F401 - registers its notice kinds

        set_seat_rows(seat_rows)
        for kind in import_kinds:
            register_import(kind)
        register_reminders(term_ending_reminders)
        register_reminders(overdue_answer_reminders)
        register_reminders(agreement_renewal_reminders)
        register_menu_item(
            MenuItem(key="members", label=_("Member institutions"), url_name="institution-list", order=20)
        )
        # Published practices and agreements of published councils are public; difficulties never are.
        register_menu_item(
            MenuItem(
                key="best_practices",
                label=_("Best practices"),
                url_name="best-practice-list",
                order=30,
                visible=lambda access: True,
            )
        )
        register_menu_item(
            MenuItem(
                key="difficulties",
                label=_("Difficulties and suggestions"),
                url_name="difficulty-list",
                order=40,
            )
        )
        register_menu_item(
            MenuItem(
                key="agreements",
                label=_("Agreements"),
                url_name="agreement-list",
                order=50,
                visible=lambda access: True,
            )
        )
        home.register()
        search.register()
