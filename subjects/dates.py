"""Impossible dates are refused (finding 5 of issue 8; W1): no date of birth in the future or
before 1900, no signal observed in the future or before the subject was born.

The single-field rules are deconstructible validators on the model fields, so model forms,
`full_clean()` and DRF model serializers all run them; the cross-field rule (a signal not before
the birth of its subject) is `check_observed_after_birth`, which the signal models' `clean()` call
and so every service that saves a signal through `full_clean()`. "Today" is the local date in
the project's time zone at the moment of validation, never the moment of import.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

EARLIEST_BIRTH = date(1900, 1, 1)


@deconstructible(path="subjects.dates.NotInTheFuture")
class NotInTheFuture:
    """A date on or before today (local time)."""

    code = "date_in_future"
    message = _("This date lies in the future.")

    def __call__(self, value) -> None:
        if value is not None and value > timezone.localdate():
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, NotInTheFuture)

    def __hash__(self) -> int:
        return hash(NotInTheFuture)


@deconstructible(path="subjects.dates.NotBefore1900")
class NotBefore1900:
    """A date of birth on or after 1 January 1900."""

    code = "date_too_early"
    message = _("A date of birth before 1 January 1900 is not possible.")

    def __call__(self, value) -> None:
        if value is not None and value < EARLIEST_BIRTH:
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, NotBefore1900)

    def __hash__(self) -> int:
        return hash(NotBefore1900)


DATE_OF_BIRTH = [NotInTheFuture(), NotBefore1900()]
OBSERVED_ON = [NotInTheFuture()]


def check_observed_after_birth(
    observed_on: date | None, date_of_birth: date | None, *, field: str = "observed_on"
) -> None:
    """W1: a signal is a behaviour of the subject, so not observed before the subject was born.
    The message names no date: error messages carry no personal data."""
    if observed_on is None or date_of_birth is None or observed_on >= date_of_birth:
        return
    raise ValidationError(
        {
            field: ValidationError(
                _("A signal cannot have been observed before the subject was born."),
                code="before_birth",
            )
        }
    )
