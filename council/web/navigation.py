"""The main menu, the home page's panels and detail-page sections, contributed by each app at start-up.

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


@dataclass(frozen=True, slots=True)
class DetailSection:
    """A section another app adds to a detail page (e.g. an institution's meetings attended).

    `context(request, access, obj)` returns the template's context, or None to leave it out.
    """

    key: str
    page: str
    order: int
    template: str
    context: Callable[[HttpRequest, Access, Any], dict[str, Any] | None]


_menu: dict[str, MenuItem] = {}
_panels: dict[str, HomePanel] = {}
_sections: dict[str, DetailSection] = {}


def register_menu_item(item: MenuItem) -> None:
    _menu[item.key] = item


def register_home_panel(panel: HomePanel) -> None:
    _panels[panel.key] = panel


def register_detail_section(section: DetailSection) -> None:
    _sections[section.key] = section


def detail_sections(request: HttpRequest, page: str, obj: Any) -> list[dict[str, Any]]:
    """The sections other apps contribute to one object's page, ready for `{% include %}`."""
    from council.permissions import access_for

    access = access_for(request.user)
    rendered = []
    for section in sorted((s for s in _sections.values() if s.page == page), key=lambda s: s.order):
        context = section.context(request, access, obj)
        if context is not None:
            rendered.append({"key": section.key, "template": section.template, "context": context})
    return rendered


def menu_for(access: Access) -> list[MenuItem]:
    return sorted((item for item in _menu.values() if item.visible(access)), key=lambda item: item.order)


def home_panels() -> list[HomePanel]:
    return sorted(_panels.values(), key=lambda panel: panel.order)
