"""The annual report page and its downloads, for staff and officials in full and for others (the
public, where the council publishes) in its published parts."""

from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from annual.exports import annual_hwpx, annual_pdf, annual_xlsx
from annual.selectors import AnnualReport, annual_report, report_years
from council.models import Council
from council.permissions import access_for, councils_visible_to
from council.web.pages import page_council
from meetings.hwpx import hwpx_response


def _report(request: HttpRequest, slug: str, year: int) -> AnnualReport:
    council: Council = get_object_or_404(councils_visible_to(request.user), slug=slug)
    page_council(request, council)
    return annual_report(council=council, year=year, full=access_for(request.user).oversees(council.pk))


def _name(report: AnnualReport) -> str:
    return f"{report.council.short_name} {_('%(year)d annual report') % {'year': report.year}}"


def _chart(report: AnnualReport) -> dict[str, Any]:
    """What the charts draw (static/js/plan-charts.js): attendance by meeting in %, the year's budget
    by strategy in 100 million won. The tables beside them hold the exact figures."""
    eok = Decimal(10**8)
    rates = [row.attendance_rate for row in report.meetings]
    return {
        "attendance": {
            "labels": [row.name for row in report.meetings],
            "rates": [None if rate is None else round(float(rate) * 100, 1) for rate in rates],
        },
        "byStrategy": {
            "labels": [row.code for row in report.strategies],
            "planned": [float(Decimal(row.totals.planned) / eok) for row in report.strategies],
            "executed": [float(Decimal(row.totals.executed) / eok) for row in report.strategies],
        },
        "labels": {
            "attendance": _("Attendance rate (%)"),
            "planned": _("Planned"),
            "executed": _("Executed"),
            "eok": _("100 million won"),
        },
    }


def annual_report_page(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    report = _report(request, slug, year)
    context = {"report": report, "years": report_years(council=report.council), "chart": _chart(report)}
    return render(request, "annual/report.html", context)


def annual_report_pdf(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    report = _report(request, slug, year)
    response = HttpResponse(annual_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, f"{_name(report)}.pdf") or ""
    return response


def annual_report_hwpx(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    report = _report(request, slug, year)
    return hwpx_response(annual_hwpx(report), _name(report))


def annual_report_xlsx(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    report = _report(request, slug, year)
    response = HttpResponse(
        annual_xlsx(report), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = content_disposition_header(True, f"{_name(report)}.xlsx") or ""
    return response
