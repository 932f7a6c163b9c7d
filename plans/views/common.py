"""Helpers shared by the plan pages."""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest

from council.models import User
from council.permissions import authenticated_user


def actor(request: HttpRequest) -> User:
    return authenticated_user(request.user)


def visible_or_404[M: Model](queryset: QuerySet[M], pk: int) -> M:
    """The object if the user may see it; otherwise a 404 that does not tell whether it exists."""
    try:
        return queryset.get(pk=pk)
    except ObjectDoesNotExist as missing:
        raise Http404 from missing


def require(allowed: bool) -> None:
    """Refuse (403) what the user may see but not do."""
    if not allowed:
        raise PermissionDenied
