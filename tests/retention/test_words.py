"""U4: no retention page shows a requirement code ("CTER 13.2", "VH 20.1"), and the overview,
a dossier's page and its forms show dates as dd-mm-jjjj."""

import pytest
from django.urls import reverse

from tests.conftest import verified_client
from tests.retention.page_fixtures import rw, rw_built, rw_copy  # noqa: F401
from tests.security.panels import codes_in

pytestmark = pytest.mark.django_db


def test_u4_the_retention_pages_contain_no_requirement_code(rw):  # noqa: F811
    client = verified_client(rw.keeper)
    ref = rw.weegploeg_ref
    pages = [
        reverse("dashboard"),
        reverse("retention:overview"),
        reverse("retention:dossier-find"),
        reverse("retention:dossier", args=[ref.file_label, ref.key]),
        reverse("retention:hold-create", args=[ref.file_label, ref.key]),
        reverse("retention:terms-edit", args=[rw.weegploeg_file.pk]),
    ]
    for page in pages:
        response = client.get(page, follow=True)
        assert response.status_code == 200, page
        assert codes_in(response.content.decode()) == [], page
