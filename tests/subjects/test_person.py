"""The person-data kernel: BSN eleven-test and identity matching (issue 3, subjects/)."""

import pytest
from django.core.exceptions import ValidationError

from subjects.bsn import BSNValidator, passes_eleven_test
from subjects.matching import normalise_name


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "999999990"])
def test_a_bsn_that_passes_the_eleven_test(bsn):
    assert passes_eleven_test(bsn)
    BSNValidator()(bsn)


@pytest.mark.parametrize("bsn", ["123456789", "12345678", "1234567890", "12345678a", "000000000"])
def test_a_bsn_that_fails_the_eleven_test_is_refused_without_showing_it(bsn):
    assert not passes_eleven_test(bsn)
    with pytest.raises(ValidationError) as refused:
        BSNValidator()(bsn)
    assert bsn not in str(refused.value)


def test_the_bsn_is_optional():
    BSNValidator()("")


def test_names_are_normalised_for_matching():
    assert normalise_name("Éva", "van der", "Berg-Jansen") == "eva van der berg jansen"
    assert normalise_name(" EVA ", "Van  der", "berg jansen") == "eva van der berg jansen"
    assert normalise_name("Eva", "", "Berg") != normalise_name("Eva", "", "Bergen")
