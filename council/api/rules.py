"""Every API write is authorised before its body is read.

A viewset names, for each action that writes, the `permissions.py` rule that decides it:
`collection_rules[action](user)` for actions on the collection (create), and
`object_rules[action](user, obj)` for actions on one object, checked as soon as the user's scoped
queryset has found it. So a user who may not act gets 403 (or 404 for what they may not see) whatever
the body says, and never learns the field rules from a 400. A write action without a rule is refused,
so a new action cannot forget one. The services check again, for the exact target.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import (
    SAFE_METHODS,
    BasePermission,
    IsAuthenticated,
    IsAuthenticatedOrReadOnly,
)
from rest_framework.request import Request

from council.models import User
from council.permissions import AnyUser, authenticated_user

if TYPE_CHECKING:  # DRF loads this module while importing its views
    from rest_framework.views import APIView

CollectionRule = Callable[[AnyUser], bool]
ObjectRule = Callable[[AnyUser, Any], bool]


class ActionRules(BasePermission):
    message = _("You may not do this.")

    def has_permission(self, request: Request, view: "APIView") -> bool:
        if request.method in SAFE_METHODS or getattr(view, "detail", False):
            return True  # reads, and actions on one object, which are decided on the object
        rule: CollectionRule | None = getattr(view, "collection_rules", {}).get(getattr(view, "action", None))
        return rule is not None and rule(request.user)

    def has_object_permission(self, request: Request, view: "APIView", obj: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        rule: ObjectRule | None = getattr(view, "object_rules", {}).get(getattr(view, "action", None))
        return rule is not None and rule(request.user, obj)


# Viewsets readable without logging in (published councils' records) use the second.
SIGNED_IN = [IsAuthenticated, ActionRules]
READABLE_BY_ALL = [IsAuthenticatedOrReadOnly, ActionRules]


def actor_of(request: Request) -> User:
    """The logged-in user a write acts for; the viewset's rules have already refused anonymous callers."""
    return authenticated_user(request.user)
