"""The annual report page and its downloads, for staff and officials in full and for others (the
public, where the council publishes) in its published parts."""

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


def annual_report_page(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    report = _report(request, slug, year)
    return render(
        request, "annual/report.html", {"report": report, "years": report_years(council=report.council)}
    )


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
