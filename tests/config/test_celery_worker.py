"""O3 and S2 with a real Celery worker on the Redis broker: the hourly job runs in the worker,
and its audit entries name the user who queued it, or the job itself."""

from datetime import date

import pytest

from config.audit import acting_as
from parties import services
from parties.tasks import end_departed_parties
from security.models import AuditEntry
from tests.celery_worker import wait_for
from tests.factories import PartyFactory, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def departed_member(region_party_name):
    party = PartyFactory(name=region_party_name, joined_on=date(2020, 1, 1))
    member = make_user(party)
    services.give_notice(party, notice_on=date(2020, 2, 1), by=None, reason="test")
    assert member.groups.exists()
    return member


def group_entries(user):
    return AuditEntry.objects.get_for_object(user).filter(action=AuditEntry.Action.UPDATE)


def test_o3_the_worker_runs_the_job_and_the_audit_names_the_job(worker):
    member = departed_member("Vertrokken partij")
    end_departed_parties.delay()
    wait_for(lambda: not member.groups.exists())
    entry = group_entries(member).latest("timestamp")
    assert entry.actor is None
    assert entry.actor_email == "celery:parties.tasks.end_departed_parties"


def test_s2_a_queued_job_keeps_the_actor_who_queued_it(worker, beheerder):
    member = departed_member("Andere vertrokken partij")
    with acting_as(beheerder):
        end_departed_parties.delay()
    wait_for(lambda: not member.groups.exists())
    entry = group_entries(member).latest("timestamp")
    assert entry.actor == beheerder
    assert entry.actor_party == beheerder.membership.party
