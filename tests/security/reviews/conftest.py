"""A party under review (P4): the police with two users, each with functions and file
authorisations, and reads in the audit trail."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType

from parties.constants import AccessLevel, Function
from security.models import AuditEntry
from security.services.authorisation_reviews import create_due_reviews
from tests.factories import PartyFactory, VeiligheidshuisFactory, data_file, make_user

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
REVIEW_DAY = date(2027, 4, 10)  # the second quarter; reads counted in the first


def read(user, on: datetime, count: int = 1) -> None:
    """`count` access entries (dossier reads) by `user` at `on`."""
    kind = ContentType.objects.get_for_model(user)
    for _ in range(count):
        AuditEntry.objects.create(
            action=AuditEntry.Action.ACCESS,
            actor=user,
            content_type=kind,
            object_pk=str(user.pk),
            object_repr="x",
            timestamp=on,
        )


@pytest.fixture
def other_region():
    return VeiligheidshuisFactory(code="zaanstreek", name="Veiligheidshuis Zaanstreek")


@pytest.fixture
def team(region, politie, other_region):
    """Two police users: `agent` reads in the weegploeg of Kennemerland; `manager` is
    casemanager and deelnemer, authorised for the weegploeg (read) and another file."""
    politie.veiligheidshuizen.add(other_region)
    agent = make_user(politie, Function.DEELNEMER, username="agent", files=[region])
    manager = make_user(
        politie,
        Function.CASEMANAGER,
        Function.DEELNEMER,
        username="manager",
        files=[(region, AccessLevel.READ), other_region],
    )
    read(agent, datetime(2027, 2, 1, 10, tzinfo=AMSTERDAM), count=3)
    read(agent, datetime(2027, 4, 2, 10, tzinfo=AMSTERDAM))  # this period: not counted
    read(agent, datetime(2026, 12, 31, 10, tzinfo=AMSTERDAM))  # before: not counted
    read(manager, datetime(2027, 3, 31, 23, tzinfo=AMSTERDAM))
    return {"agent": agent, "manager": manager, "weegploeg": data_file(region)}


@pytest.fixture
def review(team, politie):
    create_due_reviews(as_of=REVIEW_DAY)
    return politie.authorisation_reviews.get()


@pytest.fixture
def other_party_review(other_region):
    party = PartyFactory(name="Gemeente Zaanstad", gemeente=True, veiligheidshuizen=[other_region])
    create_due_reviews(as_of=REVIEW_DAY)
    return party.authorisation_reviews.get()
