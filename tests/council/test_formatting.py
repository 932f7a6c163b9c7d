"""Money is shown exactly to the won, and shortened the Korean way where space is short."""

import pytest
from django.utils import translation

from council.templatetags.portal import percent, won, won_short


@pytest.mark.parametrize(
    ("amount", "full", "short"),
    [
        (1_099_300_000_000, "1,099,300,000,000원", "1조 993억 원"),
        (250_000_000, "250,000,000원", "2억 5,000만 원"),
        (9_999, "9,999원", "9,999원"),
        (0, "0원", "0원"),
        (10**15 + 1, "1,000,000,000,000,001원", "1,000조 원"),
    ],
)
def test_korean_money(amount, full, short):
    with translation.override("ko"):
        assert won(amount) == full
        assert won_short(amount) == short


def test_english_money():
    with translation.override("en"):
        assert won(1_099_300_000_000) == "KRW 1,099,300,000,000"
        assert won_short(1_099_300_000_000) == "KRW 1.10 tn"


def test_unknown_is_not_zero():
    assert won(None) == "—"
    assert percent(None) == "—"
    assert percent(0.255) == "25.5%"
