"""Template filters for money, dates and links, used on every page."""

from typing import Any

from django import template
from django.utils.translation import get_language

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


@register.filter
def won_short(value: Any) -> str:
    """KRW where space is short: 1조 993억 원 in Korean, KRW 1.10 tn in English."""
    if value is None or value == "":
        return "—"
    amount = int(value)
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    if get_language() != "ko":
        for size, unit in ((JO, "tn"), (10**9, "bn"), (10**6, "m")):
            if amount >= size:
                return f"{sign}KRW {amount / size:,.2f} {unit}"
        return f"{sign}KRW {amount:,}"
    if amount < MAN:
        return f"{sign}{amount:,}원"
    parts = []
    jo, rest = divmod(amount, JO)
    eok, rest = divmod(rest, EOK)
    man = rest // MAN
    if jo:
        parts.append(f"{jo:,}조")
    if eok:
        parts.append(f"{eok:,}억")
    if man and not jo:
        parts.append(f"{man:,}만")
    return f"{sign}{' '.join(parts)} 원"


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
def notice_kind(key: str) -> str:
    """A dispatch's kind named for people ("meeting invitation"), not by its key."""
    return kind_label(key)
