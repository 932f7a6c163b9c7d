from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = _("Councils and accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from council import aggregates, table_revisions, tasks  # noqa: F401 - tasks registers the Celery tasks for enqueueing by name
        from council.accounts import emails  # noqa: F401 - registers its notice kind
        from council.files import search as document_search
        from council.notices import home
        from council.web.middleware import IdleSessionMiddleware

        aggregates.install()
        table_revisions.connect()
        user_logged_in.connect(IdleSessionMiddleware.logged_in, dispatch_uid="idle-session-clock")

        home.register()
        document_search.register()
