"""API lists answered from the cache while the tables they read are unchanged (council.web.page_cache)."""

from typing import Any

from rest_framework.request import Request
from rest_framework.response import Response

from council.web.page_cache import Clock, cached_data


class CachedListMixin:
    """A list endpoint whose data (for this user, query, language and clock) is kept until a table it
    read is written. Put it before DRF's ListModelMixin; `list_clock` says how finely the rows follow
    the time of day."""

    list_clock = Clock.MINUTE

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        parent: Any = super()
        # DRF has put the user its authentication found on the Django request too.
        data = cached_data(
            "api-list",
            request._request,
            self.list_clock,
            lambda: parent.list(request, *args, **kwargs).data,
            family=f"{type(self).__module__}.{type(self).__qualname__}",
        )
        return Response(data)
