"""K1, C10: the legal basis for the check in a file's specific covenant is recorded and removed
by the beheerder only (both sides), with its reference, logged (S2), and the file's dossiers are
published or withdrawn in the same transaction."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError

from elsewhere import index, selectors
from elsewhere.models import CheckBasis, Pseudonym
from elsewhere.services import record_basis, remove_basis
from security.models import AuditEntry
from tests.elsewhere.conftest import dossier
from tests.factories import data_file

pytestmark = pytest.mark.django_db


def test_c10_beheerder_records_the_basis_and_the_file_is_published(holding, beheerder):
    """K1, C10: the beheerder records basis and reference; the file's dossiers are published;
    the record is logged with the beheerder as actor (S2)."""
    held = dossier(holding)
    file = data_file(holding.region)
    found = record_basis(file, basis="Art. 8 convenant", reference="art. 8 lid 3", by=beheerder)
    assert selectors.basis_of(file) == found and found.recorded_by == beheerder
    assert list(selectors.published_files()) == [file]
    assert Pseudonym.objects.filter(dossier_key=held.number).count() == 2
    entry = AuditEntry.objects.get(
        content_type=ContentType.objects.get_for_model(CheckBasis), object_pk=str(found.pk)
    )
    assert entry.actor == beheerder
    # Recorded again: changed, still one.
    record_basis(file, basis="Art. 9 convenant", reference="art. 9", by=beheerder)
    assert CheckBasis.objects.get().basis == "Art. 9 convenant"


@pytest.mark.parametrize("who", ["uitvoerder", "agent"])
def test_c10_others_may_not_record_or_remove_the_basis(holding, beheerder, who):
    """K1, C10: not the uitvoerder, not a deelnemer: PermissionDenied, nothing changes."""
    user = getattr(holding, who)
    file = data_file(holding.region)
    with pytest.raises(PermissionDenied):
        record_basis(file, basis="Art. 8", reference="art. 8", by=user)
    assert not CheckBasis.objects.exists()
    record_basis(file, basis="Art. 8", reference="art. 8", by=beheerder)
    with pytest.raises(PermissionDenied):
        remove_basis(file, by=user)
    assert CheckBasis.objects.exists()


def test_c10_basis_and_reference_are_required(holding, beheerder):
    with pytest.raises(ValidationError) as refused:
        record_basis(data_file(holding.region), basis=" ", reference="", by=beheerder)
    assert set(refused.value.message_dict) == {"basis", "reference"}
    assert not CheckBasis.objects.exists()


def test_c10_removing_the_basis_withdraws_the_file(holding, beheerder):
    """K1, C10: without a basis the file's dossiers leave the index at once."""
    held = dossier(holding)
    file = data_file(holding.region)
    record_basis(file, basis="Art. 8", reference="art. 8", by=beheerder)
    remove_basis(file, by=beheerder)
    assert selectors.basis_of(file) is None
    assert not Pseudonym.objects.filter(dossier_key=held.number).exists()
    remove_basis(file, by=beheerder)  # nothing to remove: nothing happens


def test_c10_basis_and_publication_in_one_transaction(holding, beheerder, monkeypatch):
    """The basis is not recorded when publishing the file fails."""
    dossier(holding)

    def fails(data_file):
        raise RuntimeError("index down")

    monkeypatch.setattr(index, "refresh_file", fails)
    with pytest.raises(RuntimeError):
        record_basis(data_file(holding.region), basis="Art. 8", reference="art. 8", by=beheerder)
    assert not CheckBasis.objects.exists()
