"""The annual reports on the council's page: one per year the council met."""

from typing import Any

from django.http import HttpRequest

from annual.selectors import report_years
from council.models import Council
from council.permissions import Access
from council.web.navigation import DetailSection, register_detail_section


def _reports(request: HttpRequest, access: Access, council: Council) -> dict[str, Any] | None:
    years = report_years(council=council)
    return {"council": council, "years": years} if years else None


def register() -> None:
    register_detail_section(
        DetailSection(
            key="annual-reports", page="council", order=5, template="annual/section.html", context=_reports
        )
    )
