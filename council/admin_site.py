"""The Django admin is the site administrators' tool, not the secretariat's.

Secretariat staff do their work through the portal's pages and API, whose services check every
rule (councils, locked records, workflow steps). The admin writes around those services, so it is
open only to site administrators (superusers); other accounts, `is_staff` or not, are sent to its
login page.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class PortalAdminSite(admin.AdminSite):
    site_header = _("Council portal administration")
    site_title = _("Council portal administration")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_superuser)


class PortalAdminConfig(AdminConfig):
    default_site = "council.admin_site.PortalAdminSite"
