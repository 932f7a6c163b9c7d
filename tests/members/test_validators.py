import pytest
from django.core.exceptions import ValidationError

from members.directory.validators import (
    business_registration_check_digit,
    normalise_business_registration_number,
    validate_business_registration_number,
)


@pytest.mark.parametrize("number", ["124-81-00998", "220-81-62517", "1248100998"])
def test_valid_business_registration_numbers(number):
    validate_business_registration_number(number)


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("124-81-00997", "checksum"),
        ("123-45-6789", "format"),
        ("abc-de-fghij", "format"),
        ("100-81-00992", "component"),  # no tax office below 101
        ("124-00-00999", "component"),  # business type 00 is never issued
        ("124-81-00004", "component"),  # nor serial 0000
    ],
)
def test_invalid_business_registration_numbers(number, code):
    with pytest.raises(ValidationError) as error:
        validate_business_registration_number(number)
    assert error.value.code == code


def test_check_digit_and_normal_form():
    assert business_registration_check_digit("124810099") == 8
    assert normalise_business_registration_number("124 81 00998") == "124-81-00998"
