"""S2: the nightly verification mails the overseers an alarm when the chain breaks, naming the
place (entry id and sequence), never the content; a whole chain sends nothing."""

import pytest

from parties.constants import Function
from security import chain_tasks
from tests.factories import make_user
from tests.security.chain.conftest import TABLE, dossier, raw, sealed_entries

pytestmark = pytest.mark.django_db


def test_s2_a_broken_chain_alarms_the_overseers_only(wp, mailoutbox):
    fg = make_user(wp.haarlem, Function.FG, username="fg")
    dossier(wp)
    assert chain_tasks.seal_audit_chain()["sealed"] > 0
    assert chain_tasks.verify_audit_chain()["ok"] is True
    assert mailoutbox == []

    victim = sealed_entries()[1]
    raw(f"UPDATE {TABLE} SET object_repr = 'Jansen' WHERE id = %s", victim.pk)  # noqa: S608
    result = chain_tasks.verify_audit_chain()

    assert result["ok"] is False and result["entry"] == victim.pk
    recipients = sorted(address for mail in mailoutbox for address in mail.to)
    assert recipients == sorted([fg.email, wp.uitvoerder.email])
    assert wp.agent.email not in recipients
    for mail in mailoutbox:
        assert str(victim.sequence) in mail.body
        assert "Jansen" not in mail.body + mail.subject
