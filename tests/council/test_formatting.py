"""Money is shown exactly to the won, and shortened the Korean way where space is short."""

import pytest
from django.utils import translation
from django.utils.html import strip_tags

from council.templatetags.portal import percent, won, won_short


@pytest.mark.parametrize(
    ("amount", "full", "short"),
    [
        (1_099_300_000_000, "1,099,300,000,000원", "1조 993억 원"),
        (250_000_000, "250,000,000원", "2억 5,000만 원"),
        (9_999, "9,999원", "9,999원"),
        (0, "0원", "0원"),
        (10**15 + 1, "1,000,000,000,000,001원", "약 1,000조 원"),
        (1_099_999_999_999, "1,099,999,999,999원", "약 1조 999억 원"),
        (250_000_001, "250,000,001원", "약 2억 5,000만 원"),
        (-250_000_000, "-250,000,000원", "-2억 5,000만 원"),
    ],
)
def test_korean_money(amount, full, short):
    with translation.override("ko"):
        assert won(amount) == full
        assert strip_tags(won_short(amount)) == short


def test_a_rounded_short_form_carries_the_exact_amount():
    with translation.override("ko"):
        html = won_short(1_099_999_999_999)
    assert 'value="1099999999999"' in html and 'title="1,099,999,999,999원"' in html
    with translation.override("ko"):
        assert "<" not in won_short(250_000_000)  # exact: plain text


def test_english_money():
    with translation.override("en"):
        assert won(1_099_300_000_000) == "KRW 1,099,300,000,000"
        assert strip_tags(won_short(1_099_300_000_000)) == "about KRW 1.10 tn"
        assert won_short(2_500_000_000) == "KRW 2.50 bn"


def test_unknown_is_not_zero():
    assert won(None) == "—"
    assert percent(None) == "—"
    assert percent(0.255) == "25.5%"
