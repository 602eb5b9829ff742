"""R4 (AVG 15.1-15.4, CTER 12.3, VH 18.2): the access overview, one for every file."""

import pytest

from rights.constants import LetterKind
from rights.services.overview import make_overview_letter
from tests.rights.outcome_fixtures import OutcomeWorld
from tests.rights.pdf_text import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(region):
    return OutcomeWorld(region)


def test_r4_one_overview_covers_the_weegploeg_and_two_casusoverleggen(world):
    subject_request = world.request()
    letter = make_overview_letter(subject_request, by=world.keeper)
    assert letter.kind == LetterKind.ACCESS
    text = pdf_text(letter.pdf)
    print(text)
    assert 0
