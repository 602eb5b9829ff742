"""K1 in the demo (O1): the CTER files have a legal basis, the Veelplegers module has none and
says so, and the uitvoerder of each side finds the person known in two Veiligheidshuizen."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from django.urls import reverse

from elsewhere.models import Check, CheckBasis
from parties.models import DataFile, User
from tests.conftest import verified_client
from weegploeg.models import Assessment

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """`seed_demo` once for the module (its tests run on one process, tests/xdist_groups.py), in
    a transaction rolled back at the end; each test in a savepoint of its own."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        transaction.atomic(),
    ):
        call_command("seed_demo")
        yield
        transaction.set_rollback(True)


def test_k1_the_demo_gives_the_cter_files_a_basis_and_veelplegers_none(demo):
    with_basis = set(CheckBasis.objects.values_list("data_file__name", flat=True))
    assert "ICO CTER Kennemerland" in with_basis and "Veelplegers" not in with_basis
    assert {f.name for f in DataFile.objects.filter(kind="weegploeg")} <= with_basis
    first = CheckBasis.objects.count()
    call_command("seed_demo")
    assert CheckBasis.objects.count() == first


def test_k1_the_demo_uitvoerders_find_the_person_known_in_two_veiligheidshuizen(demo):
    moved = Assessment.objects.filter(veiligheidshuis__code="noord-holland-noord").latest("pk")
    for username, number, elsewhere in (
        ("uitvoerder.nhn", moved.number, "Veiligheidshuis Kennemerland"),
        ("uitvoerder", None, "Veiligheidshuis Noord-Holland Noord"),
    ):
        if number is None:  # the same person's dossier in Kennemerland
            number = (
                Assessment.objects.filter(
                    veiligheidshuis__code="kennemerland",
                    surname=moved.surname,
                    date_of_birth=moved.date_of_birth,
                )
                .get()
                .number
            )
        client = verified_client(User.objects.get(username=username))
        response = client.post(
            reverse("weegploeg:assessment-known-elsewhere", args=[number]), follow=True
        )
        page = response.content.decode()
        assert response.status_code == 200 and 'data-testid="answer"' in page, username
        assert elsewhere in page
    assert Check.objects.count() == 2
