from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = _("Councils and accounts")

    def ready(self) -> None:
        from council import aggregates, tasks  # noqa: F401 - tasks registers the Celery tasks for enqueueing by name
        from council.accounts import emails  # noqa: F401 - registers its notice kind
        from council.notices import home

        aggregates.install()

        home.register()
