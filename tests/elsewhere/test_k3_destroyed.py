"""K3: a destroyed dossier is unknown from the moment of its destruction: its pseudonyms leave
the published index in the destroying transaction, through every path of the registry
(`destroy`, `destroy_many`), for both files; a destruction rolled back leaves them."""

from datetime import date

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from elsewhere.models import Pseudonym
from subjects import registry
from subjects.registry import DossierRef
from tests.elsewhere.conftest import ask, dossier, give_basis

pytestmark = pytest.mark.django_db


def rows_of(ref: DossierRef):
    return Pseudonym.objects.filter(file_label=ref.file_label, dossier_key=ref.key)


@pytest.fixture
def held(holding, with_basis):
    """A published weegploeg dossier about the person at the other Veiligheidshuis."""
    found = dossier(holding, bsn="111222333")
    ref = DossierRef("weegploeg", found.number)
    assert rows_of(ref).count() == 3
    return ref


def test_k3_destroy_withdraws_the_pseudonyms_and_answers_no_hit(asking, holding, held):
    """K3: after `destroy` through the registry no row of the dossier is left and the check
    answers no hit."""
    assert ask(asking).answers
    registry.get("weegploeg").destroy(held, by=holding.uitvoerder)
    assert not rows_of(held).exists()
    assert ask(asking, bsn="111222333").answers == []


def test_k3_destroy_many_withdraws_every_dossiers_pseudonyms(asking, holding, held):
    """K3: `destroy_many` (the retention sweep's batch) withdraws each dossier's rows; a
    dossier not destroyed stays published."""
    second = DossierRef("weegploeg", dossier(holding, given_names="Jan").number)
    kept = DossierRef("weegploeg", dossier(holding, surname="Bakker").number)
    registry.get("weegploeg").destroy_many([held, second], by=None)
    assert not rows_of(held).exists() and not rows_of(second).exists()
    assert rows_of(kept).count() == 2
    assert ask(asking).answers == []


def test_k3_issue13_a_batch_withdraws_its_dossiers_in_one_statement(asking, holding, held):
    """K3, issue 13 (ADR 0034): `destroy_many` notes the roots as the collector deletes them
    and withdraws them all in one statement, still in the destroying transaction; the
    dossiers are unknown from then on, the one not destroyed stays published."""
    others = [
        DossierRef("weegploeg", dossier(holding, surname=f"Smit{n}").number) for n in range(4)
    ]
    kept = DossierRef("weegploeg", dossier(holding, surname="Bakker").number)
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        registry.get("weegploeg").destroy_many([held, *others], by=None)
        assert not Pseudonym.objects.filter(dossier_key__in=[held.key, *(r.key for r in others)])
        assert ask(asking, bsn="111222333").answers == []
    withdrawn = [
        q for q in queries.captured_queries if 'DELETE FROM "elsewhere_pseudonym"' in q["sql"]
    ]
    assert len(withdrawn) == 1
    assert rows_of(kept).count() == 2


def test_k3_a_destroyed_case_is_unknown(asking, beheerder, with_basis):
    """K3: the same for a case of a casusoverleg (the other file), by `destroy` and
    `destroy_many`."""
    from tests.cases.factories import Ico
    from tests.factories import VeiligheidshuisFactory

    ico = Ico(VeiligheidshuisFactory(code="amsterdam", name="Veiligheidshuis Amsterdam"))
    give_basis(ico.overleg, beheerder)
    person = {"surname": "Jansen", "given_names": "Piet", "date_of_birth": date(1990, 5, 17)}
    one = DossierRef("ico", ico.open_case(**person).number)
    two = DossierRef("ico", ico.open_case(**person).number)
    assert rows_of(one).count() == 2 and len(ask(asking).answers) == 2
    registry.get("ico").destroy(one, by=ico.keeper)
    assert not rows_of(one).exists() and len(ask(asking).answers) == 1
    registry.get("ico").destroy_many([two], by=ico.keeper)
    assert not Pseudonym.objects.filter(file_label="ico").exists()
    assert ask(asking).answers == []


def test_k3_rows_are_gone_inside_the_destroying_transaction(asking, holding, held):
    """K3: from the moment of destruction: inside the destroying transaction, before it
    commits, the rows are gone and a check answers no hit."""
    with transaction.atomic():
        registry.get("weegploeg").destroy(held, by=holding.uitvoerder)
        assert not rows_of(held).exists()
        assert ask(asking).answers == []


def test_k3_a_destruction_rolled_back_leaves_the_rows(asking, holding, held):
    """K3: a destruction that fails and rolls back leaves the dossier and its rows."""

    class Failed(Exception):
        pass

    with pytest.raises(Failed), transaction.atomic():
        registry.get("weegploeg").destroy(held, by=holding.uitvoerder)
        raise Failed
    assert rows_of(held).count() == 3
    assert ask(asking).answers
