"""Template filters for money, dates and links, used on every page."""

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from council.history import HISTORY_KINDS
from council.notices.kinds import kind_label

register = template.Library()

JO = 10**12
EOK = 10**8
MAN = 10**4


def _grouped(value: int) -> str:
    return f"{value:,}"


@register.filter
def won(value: Any) -> str:
    """Whole KRW with separators: 1,099,300,000,000원 (KRW 1,099,300,000,000 in English)."""
    if value is None or value == "":
        return "—"
    amount = int(value)
    if get_language() == "ko":
        return f"{_grouped(amount)}원"
    return f"KRW {_grouped(amount)}"


def _short(amount: int) -> tuple[str, bool]:
    """The short form of a non-negative amount, and whether it says the amount exactly."""
    if get_language() != "ko":
        for size, unit in ((JO, "tn"), (10**9, "bn"), (10**6, "m")):
            if amount >= size:
                return f"KRW {amount / size:,.2f} {unit}", amount % (size // 100) == 0
        return f"KRW {amount:,}", True
    if amount < MAN:
        return f"{amount:,}원", True
    parts = []
    jo, rest = divmod(amount, JO)
    eok, rest = divmod(rest, EOK)
    man, rest = divmod(rest, MAN)
    if jo:
        parts.append(f"{jo:,}조")
    if eok:
        parts.append(f"{eok:,}억")
    if man and not jo:
        parts.append(f"{man:,}만")
    return f"{' '.join(parts)} 원", rest == 0 and not (jo and man)


@register.filter
def won_short(value: Any) -> str:
    """KRW where space is short: 1조 993억 원 in Korean, KRW 1.10 tn in English. A short form that
    leaves smaller units out says so (약 1조 999억 원) and carries the exact amount: shown on hover
    and kept in the element's value for assistive technology and copying."""
    if value is None or value == "":
        return "—"
    amount = int(value)
    text, exact = _short(abs(amount))
    sign = "-" if amount < 0 else ""
    if exact:
        return f"{sign}{text}"
    return format_html(
        '<data class="portal-approx" value="{}" title="{}">{}</data>',
        amount,
        won(amount),
        _("about %(amount)s") % {"amount": f"{sign}{text}"},
    )


@register.filter
def percent(value: Any, digits: int = 1) -> str:
    """A ratio (0.25) or None as '25.0%' or '—' (unknown is not zero)."""
    if value is None or value == "":
        return "—"
    return f"{float(value) * 100:.{int(digits)}f}%"


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """A dictionary's value in a template: `{{ tally|get_item:item.pk }}`."""
    if not hasattr(mapping, "get"):
        return None
    return mapping.get(key)


@register.filter
def history_kind(record: Any) -> str:
    """A history record's type ("+", "~", "-") as people say it: added, changed, removed."""
    return str(HISTORY_KINDS.get(record.history_type, record.history_type))


@register.filter
def notice_kind(key: str) -> str:
    """A dispatch's kind named for people ("meeting invitation"), not by its key."""
    return kind_label(key)
