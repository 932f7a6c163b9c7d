"""Admin pages that follow the portal's roles instead of Django's model permissions.

Only site administrators reach the admin (council.admin_site). Each admin still lists what the user
may see (the same `*_visible_to` querysets as the pages) and allows changes only where the same
`can_*` rule allows them, so that opening the admin to another role later keeps the portal's rules.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from council.permissions import access_for


def _never_locked(obj: Any) -> bool:
    return False


class RoleScopedAdmin(admin.ModelAdmin):
    """Set `visible` (user -> queryset) and `can_change` (user, obj -> bool) on subclasses, and
    `locked` (obj -> bool) for records that no one changes any more (approved minutes, a held
    meeting, an adopted plan): the admin shows those read-only, site administrators included."""

    visible: Callable[[Any], QuerySet[Any]]
    can_change: Callable[[Any, Any], bool]
    locked: Callable[[Any], bool] = staticmethod(_never_locked)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        visible = type(self).visible
        return visible(request.user).order_by(*(self.ordering or ["pk"]))

    def _is_staff_anywhere(self, request: HttpRequest) -> bool:
        return access_for(request.user).is_staff_anywhere

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._is_staff_anywhere(request)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._is_staff_anywhere(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._is_staff_anywhere(request)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        if obj is None:
            return self._is_staff_anywhere(request)
        return not type(self).locked(obj) and type(self).can_change(request.user, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        if obj is not None and type(self).locked(obj):
            return False
        return access_for(request.user).is_site_admin
