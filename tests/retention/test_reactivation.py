# ruff: noqa: F811 - the fixtures of page_fixtures are imported by name
"""B5, CTER 13.3: an archived dossier reactivated on the controller's instruction, recorded
with who instructed it and why; a dossier not in the archive is refused."""

import pytest
from django.core.exceptions import ValidationError

from retention.constants import ReactivatedBy
from retention.services.reactivation import reactivate
from subjects import registry
from tests.retention.page_fixtures import rw, rw_built, rw_copy  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("which", ["weegploeg_ref", "ico_ref"])
def test_b5_an_archived_dossier_is_reactivated_and_recorded(rw, which):
    ref = rw.archive(getattr(rw, which))
    row = reactivate(ref, instructed_by="Mr. De Boer", reason="Nieuw signaal.", by=rw.keeper)
    assert row.via == ReactivatedBy.CONTROLLER and row.recorded_by == rw.keeper
    assert not registry.get(ref.file_label).state(ref).archived


def test_b5_reactivation_needs_who_and_why_and_an_archived_dossier(rw):
    ref = rw.archive()
    with pytest.raises(ValidationError) as refused:
        reactivate(ref, instructed_by=" ", reason="", by=rw.keeper)
    assert set(refused.value.error_dict) == {"instructed_by", "reason"}
    with pytest.raises(ValidationError):
        reactivate(rw.ico_ref, instructed_by="Mr. De Boer", reason="Waarom.", by=rw.keeper)
