"""The audit log's hash chain on Celery beat (S2, O3): sealing every minute, verification every
night with an alarm to the overseers when it fails. Thin: the work is in
`security.services.chain`. (Registered by `security.apps`; Celery discovers only `tasks`.)"""

import logging

from celery import shared_task

from security.services.chain import seal_pending, send_chain_alarm, verify_chain

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def seal_audit_chain() -> dict:
    result = seal_pending()
    return {"sealed": result.sealed, "head": result.head}


@shared_task(acks_late=True)
def verify_audit_chain() -> dict:
    result = verify_chain()
    if result.ok:
        # The head in the application's own log: a copy outside the database to compare with.
        logger.info("audit chain verified up to %s: %s", result.head, result.head_hash)
        return {"ok": True, "head": result.head}
    logger.error(result.describe())
    sent = send_chain_alarm(result)
    return {"ok": False, "sequence": result.sequence, "entry": result.entry_id, "mails": sent}
