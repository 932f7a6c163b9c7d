"""Validation of Korean identifiers used in the member directory."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

BRN_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9\-\s().]{6,28}$")


def normalise_business_registration_number(value: str) -> str:
    """Store as 123-45-67890 whatever separators were typed."""
    digits = re.sub(r"\D", "", value or "")
    if len(digits) == 10:
        return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"
    return (value or "").strip()


def business_registration_check_digit(first_nine: str) -> int:
    """The tenth digit of a Korean business registration number (사업자등록번호)."""
    digits = [int(char) for char in first_nine]
    total = sum(digit * weight for digit, weight in zip(digits, BRN_WEIGHTS, strict=True))
    total += digits[8] * 5 // 10
    return (10 - total % 10) % 10


def validate_business_registration_number(value: str) -> None:
    if not value:
        return
    digits = re.sub(r"[\s\-]", "", value)
    if not re.fullmatch(r"\d{10}", digits):
        raise ValidationError(
            _("A business registration number has 10 digits, e.g. 123-45-67890."), code="format"
        )
    if business_registration_check_digit(digits[:9]) != int(digits[9]):
        raise ValidationError(
            _("This business registration number is not valid: its check digit does not match."),
            code="checksum",
        )


def validate_phone(value: str) -> None:
    if value and not PHONE_PATTERN.match(value.strip()):
        raise ValidationError(_("Enter a phone number such as 031-123-4567."), code="phone")
