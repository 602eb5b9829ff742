"""The burgerservicenummer and its eleven-test (elfproef)."""

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _


def passes_eleven_test(bsn: str) -> bool:
    """Nine digits whose weighted sum (9..2, and -1 for the last) is a multiple of eleven."""
    if len(bsn) != 9 or not bsn.isdigit() or bsn == "000000000":
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(int(digit) * weight for digit, weight in zip(bsn, weights, strict=True)) % 11 == 0


@deconstructible
class BSNValidator:
    message = _("This is not a valid BSN: it must be nine digits that pass the eleven-test.")
    code = "invalid_bsn"

    def __call__(self, value: str) -> None:
        if value and not passes_eleven_test(value):
            # The value itself stays out of the message: no personal data in errors.
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other):
        return isinstance(other, BSNValidator)
