"""The main menu and the home page's panels, contributed by each app when it starts.

The council app cannot import the apps built on it, so each of them registers its menu entry and
its home panels here; a section that is not installed is simply not shown.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.functional import Promise

from council.models import Council
from council.permissions import Access


@dataclass(frozen=True, slots=True)
class MenuItem:
    key: str
    label: str | Promise
    url_name: str
    order: int
    visible: Callable[[Access], bool] = lambda access: access.is_authenticated


@dataclass(frozen=True, slots=True)
class HomePanel:
    """A box on the home page. `context` returns None when the panel has nothing for this person."""

    key: str
    order: int
    template: str
    context: Callable[[HttpRequest, Access, Council | None], dict[str, Any] | None]


_menu: dict[str, MenuItem] = {}
_panels: dict[str, HomePanel] = {}


def register_menu_item(item: MenuItem) -> None:
    _menu[item.key] = item


def register_home_panel(panel: HomePanel) -> None:
    _panels[panel.key] = panel


def menu_for(access: Access) -> list[MenuItem]:
    return sorted((item for item in _menu.values() if item.visible(access)), key=lambda item: item.order)


def home_panels() -> list[HomePanel]:
    return sorted(_panels.values(), key=lambda panel: panel.order)
