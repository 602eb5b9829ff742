"""K1 (and K2 through `elsewhere.remote`): an uitvoerder asks whether a person is known at
another Veiligheidshuis or installation."""

from dataclasses import asdict

from django.core.exceptions import PermissionDenied
from django.db import transaction

from config.audit import acting_for
from elsewhere import answering, pseudonyms, remote, selectors
from elsewhere.models import Check
from parties.models import DataFile
from subjects.registry import Identity


def check(identity: Identity, *, by, data_file: DataFile) -> Check:
    """Ask "bekend elders?" about `identity` from `data_file` (`selectors.check_refusal`:
    the file's uitvoerder, and only with a legal basis; PermissionDenied with the reason
    otherwise). Answered from this installation's index for every other Veiligheidshuis and
    by the peers configured for the file; the Check records who asked and what was answered
    (the asker's trail), and each holding dossier's trail records the check. Nothing of a
    dossier's content nor its number is in the answers."""
    reason = selectors.check_refusal(by, data_file)
    if reason is not None:
        raise PermissionDenied(reason)
    mine = pseudonyms.of_identity(identity)
    # Peers first, outside the transaction: up to 2 s on the network holds no locks.
    outcome = remote.ask_peers(mine, data_file=data_file)
    others = selectors.published_files().exclude(veiligheidshuis=data_file.veiligheidshuis_id)
    with transaction.atomic(), acting_for(by):
        held = answering.held_by(mine, files=others)
        found = Check.objects.create(
            asked_by=by,
            data_file=data_file,
            answers=[asdict(h.answer) for h in held] + [asdict(a) for a in outcome.answers],
            unanswered=list(outcome.unanswered),
        )
        answering.log_answers(held, record=found, asking=data_file.veiligheidshuis.name)
    return found
