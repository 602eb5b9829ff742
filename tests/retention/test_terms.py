# ruff: noqa: F811 - the fixtures of page_fixtures are imported by name
"""B2-B4, C11: a file's terms as data, validated (archive before destroy), and the reusable
terms box the casusoverleg's page shows."""

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template

from retention.constants import ArchiveFrom
from retention.services.terms import set_terms
from retention.terms import terms_for
from tests.retention.page_fixtures import rw, rw_built, rw_copy  # noqa: F401

pytestmark = pytest.mark.django_db


def test_b4_c11_terms_are_saved_per_file_and_validated(rw):
    set_terms(
        rw.ico_file,
        archive_after_months=24,
        archive_from=ArchiveFrom.LAST_AGENDA,
        destroy_after_months=72,
        by=rw.keeper,
    )
    assert terms_for(rw.ico_file).archive_after_months == 24
    with pytest.raises(ValidationError) as refused:
        set_terms(
            rw.ico_file,
            archive_after_months=24,
            archive_from=ArchiveFrom.LAST_AGENDA,
            destroy_after_months=12,
        )
    assert "destroy_after_months" in refused.value.error_dict


def test_b3_c11_the_terms_box_tag_shows_the_terms_in_words(rw):
    html = Template("{% load retention_tags %}{% retention_terms_box data_file %}").render(
        Context({"data_file": rw.weegploeg_file})
    )
    assert 'data-testid="retention-terms"' in html
    assert "60" in html
    assert "6 months" in html or "6 maanden" in html
