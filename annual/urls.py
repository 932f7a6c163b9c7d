from django.urls import path

from annual import views

urlpatterns = [
    path("councils/<slug:slug>/annual/<int:year>/", views.annual_report_page, name="annual-report"),
    path("councils/<slug:slug>/annual/<int:year>.pdf", views.annual_report_pdf, name="annual-report-pdf"),
    path("councils/<slug:slug>/annual/<int:year>.hwpx", views.annual_report_hwpx, name="annual-report-hwpx"),
    path("councils/<slug:slug>/annual/<int:year>.xlsx", views.annual_report_xlsx, name="annual-report-xlsx"),
]
