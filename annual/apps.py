from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnualConfig(AppConfig):
    """The council's annual report: a year of meetings, submissions, agreements and the plan."""

    name = "annual"
    verbose_name = _("Annual report")

    def ready(self) -> None:
        from annual import sections

        sections.register()
