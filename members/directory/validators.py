"""Validation of Korean identifiers used in the member directory.

python-stdnum checks a business registration number's length and parts (a tax office code from 101,
a business type other than 00, a serial other than 0000); the check digit the National Tax Service
computes is checked here, as stdnum leaves it out.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_errors
from stdnum.kr import brn

BRN_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9\-\s().]{6,28}$")


def normalise_business_registration_number(value: str) -> str:
    """Store as 123-45-67890 whatever separators were typed."""
    digits = re.sub(r"\D", "", value or "")
    if len(digits) == 10:
        return brn.format(digits)
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
    try:
        digits = brn.validate(value)
    except stdnum_errors.InvalidComponent as error:
        raise ValidationError(
            _(
                "This business registration number is not valid: no tax office issues numbers "
                "with these first five digits or this serial number."
            ),
            code="component",
        ) from error
    except stdnum_errors.ValidationError as error:
        raise ValidationError(
            _("A business registration number has 10 digits, e.g. 123-45-67890."), code="format"
        ) from error
    if business_registration_check_digit(digits[:9]) != int(digits[9]):
        raise ValidationError(
            _("This business registration number is not valid: its check digit does not match."),
            code="checksum",
        )


def validate_phone(value: str) -> None:
    if value and not PHONE_PATTERN.match(value.strip()):
        raise ValidationError(_("Enter a phone number such as 031-123-4567."), code="phone")
