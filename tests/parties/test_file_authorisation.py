"""P8, P3: who grants and revokes file authorisations, the log, the groups (never per user)."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parties import services
from parties.constants import AccessLevel, AuthorisationAction, Function
from parties.models import FileAuthorisation, FileGroup
from security.models import AuditEntry
from tests.conftest import verified_client
from tests.factories import PartyFactory, VeiligheidshuisFactory, authorise, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def weegploeg(region):
    return services.weegploeg_file(region)


@pytest.fixture
def uitvoerder(gemeente):
    return make_user(gemeente, Function.UITVOERDER, username="uitvoerder")


def grant_url(user):
    return reverse("parties:file-access", kwargs={"pk": user.pk})


def test_p8_p3_the_beheerder_grants_on_the_page_with_a_reason_and_it_is_logged(
    beheerder, deelnemer, weegploeg
):
    client = verified_client(beheerder)
    assert client.get(reverse("parties:file-access-users")).status_code == 200
    page = client.get(grant_url(deelnemer))
    assert page.status_code == 200
    assert "Lezen en vastleggen" in page.content.decode() or "lezen en vastleggen" in (
        page.content.decode()
    )
    data = {"file": weegploeg.pk, "level": AccessLevel.READ, "reason": ""}
    response = client.post(grant_url(deelnemer), data)
    assert response.status_code == 200  # no reason: refused, the choice kept
    assert not FileAuthorisation.objects.exists()
    response = client.post(grant_url(deelnemer), {**data, "reason": "Wijkagent in de weegploeg"})
    assert response.status_code == 302
    authorisation = FileAuthorisation.objects.live().get(user=deelnemer)
    assert (authorisation.file, authorisation.level) == (weegploeg, AccessLevel.READ)
    assert authorisation.granted_by == beheerder
    change = deelnemer.authorisation_changes.get(action=AuthorisationAction.FILE_ACCESS_GRANTED)
    assert (change.actor, change.file, change.level) == (beheerder, weegploeg, AccessLevel.READ)
    assert change.reason == "Wijkagent in de weegploeg"
    assert weegploeg.name in client.get(grant_url(deelnemer)).content.decode()


def test_p8_p3_revoking_asks_for_confirmation_and_a_reason_and_is_logged(
    beheerder, deelnemer, weegploeg
):
    authorisation = authorise(deelnemer, weegploeg)
    client = verified_client(beheerder)
    url = reverse(
        "parties:file-access-revoke",
        kwargs={"pk": deelnemer.pk, "authorisation_pk": authorisation.pk},
    )
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": "Vertrokken"}).status_code == 200  # not confirmed
    authorisation.refresh_from_db()
    assert authorisation.is_live
    assert client.post(url, {"reason": "Vertrokken", "confirm": "on"}).status_code == 302
    authorisation.refresh_from_db()
    assert authorisation.ended_at is not None and authorisation.ended_by == beheerder
    change = deelnemer.authorisation_changes.get(action=AuthorisationAction.FILE_ACCESS_REVOKED)
    assert (change.actor, change.reason) == (beheerder, "Vertrokken")
    assert not deelnemer.groups.filter(file_group__isnull=False).exists()


def test_p8_p3_the_uitvoerder_grants_for_the_files_of_its_own_veiligheidshuis_only(
    uitvoerder, deelnemer, weegploeg
):
    elsewhere = services.weegploeg_file(VeiligheidshuisFactory(code="elders"))
    deelnemer.membership.party.veiligheidshuizen.add(elsewhere.veiligheidshuis)
    client = verified_client(uitvoerder)
    assert client.get(grant_url(deelnemer)).status_code == 200
    response = client.post(
        grant_url(deelnemer), {"file": elsewhere.pk, "level": "read", "reason": "Test"}
    )
    assert response.status_code == 200  # not a choice for this uitvoerder
    with pytest.raises(PermissionDenied):
        services.grant_file_access(
            deelnemer, file=elsewhere, level="read", by=uitvoerder, reason="Test"
        )
    response = client.post(
        grant_url(deelnemer), {"file": weegploeg.pk, "level": "readwrite", "reason": "Test"}
    )
    assert response.status_code == 302
    assert FileAuthorisation.objects.live().get(user=deelnemer).file == weegploeg


@pytest.mark.parametrize("function", [Function.DEELNEMER, Function.FG, Function.VOORZITTER])
def test_p8_p3_others_may_not_grant(gemeente, deelnemer, weegploeg, function):
    other = make_user(gemeente, function, username=f"niet-{function}")
    client = verified_client(other)
    assert client.get(reverse("parties:file-access-users")).status_code == 403
    assert client.get(grant_url(deelnemer)).status_code == 403
    assert (
        client.post(
            grant_url(deelnemer), {"file": weegploeg.pk, "level": "read", "reason": "Test"}
        ).status_code
        == 403
    )
    with pytest.raises(PermissionDenied):
        services.grant_file_access(deelnemer, file=weegploeg, level="read", by=other, reason="T")
    authorisation = authorise(deelnemer, weegploeg)
    with pytest.raises(PermissionDenied):
        services.revoke_file_access(authorisation, by=other, reason="Test")
    assert not FileAuthorisation.objects.exclude(granted_by=None).exists()


def test_p8_the_uitvoerder_does_not_manage_users_of_another_veiligheidshuis(uitvoerder):
    elsewhere = VeiligheidshuisFactory(code="elders")
    stranger = make_user(PartyFactory(name="Politie Elders", veiligheidshuizen=[elsewhere]))
    assert verified_client(uitvoerder).get(grant_url(stranger)).status_code == 404


def test_p8_a_beheerder_or_fg_is_refused_with_a_clear_message(beheerder, gemeente, weegploeg):
    fg = make_user(gemeente, Function.FG, username="fg")
    client = verified_client(make_user(gemeente, Function.UITVOERDER, username="uitv"))
    for user in (beheerder, fg):
        response = client.post(
            grant_url(user), {"file": weegploeg.pk, "level": "read", "reason": "Test"}
        )
        assert response.status_code == 200
        assert "geen toegang tot dossiers" in response.content.decode()
    assert not FileAuthorisation.objects.exists()


def test_p8_who_cannot_be_authorised(region, weegploeg, uitvoerder):
    rvdk = make_user(PartyFactory(rvdk=True, veiligheidshuizen=[region]), username="raad")
    partner = make_user(PartyFactory(extern=True, veiligheidshuizen=[region]), username="extern")
    for user in (rvdk, partner):
        with pytest.raises(ValidationError):
            services.grant_file_access(
                user, file=weegploeg, level="read", by=uitvoerder, reason="Test"
            )
    with pytest.raises(ValidationError):  # nobody changes their own authorisations
        services.grant_file_access(
            uitvoerder, file=weegploeg, level="read", by=uitvoerder, reason="Test"
        )
    assert not FileAuthorisation.objects.exists()


def test_p8_authorisations_end_with_the_membership(beheerder, deelnemer, weegploeg):
    authorise(deelnemer, weegploeg)
    assert deelnemer.groups.filter(file_group__file=weegploeg).exists()
    services.revoke_membership(deelnemer.membership, by=beheerder, reason="Uit dienst")
    assert not FileAuthorisation.objects.live().filter(user=deelnemer).exists()
    assert deelnemer.authorisation_changes.filter(
        action=AuthorisationAction.FILE_ACCESS_REVOKED, reason="Uit dienst"
    ).exists()
    assert not deelnemer.groups.exists()


def test_p8_only_beheerder_or_fg_functions_left_drop_the_file_groups(
    beheerder, gemeente, weegploeg
):
    user = make_user(gemeente, Function.DEELNEMER, Function.FG, username="dubbel")
    authorise(user, weegploeg)
    assert user.groups.filter(file_group__file=weegploeg).exists()
    services.change_functions(user.membership, functions=[Function.FG], by=beheerder, reason="FG")
    assert not user.groups.filter(file_group__isnull=False).exists()
    assert not FileAuthorisation.objects.live().filter(user=user).exists()


def test_p8_permissions_go_to_groups_per_party_and_file_without_personal_data(
    deelnemer, gemeente, weegploeg
):
    uitvoerder = make_user(gemeente, Function.UITVOERDER, username="uitvoerder-groep")
    authorise(deelnemer, weegploeg)
    authorise(uitvoerder, weegploeg)
    row = FileGroup.objects.get(party=deelnemer.membership.party, file=weegploeg)
    assert list(row.group.user_set.all()) == [deelnemer]
    assert list(weegploeg.keeper_group.user_set.all()) == [uitvoerder]
    for group in Group.objects.filter(name__startswith="bestand:"):
        assert "agent" not in group.name and "uitvoerder-groep" not in group.name
    # Read only: the uitvoerder reads through its party's group, but keeps nothing.
    authorise(uitvoerder, weegploeg, AccessLevel.READ)
    assert not weegploeg.keeper_group.user_set.exists()


def _reads_of(queries, table: str) -> int:
    """How many of the captured `queries` read `table` (a SELECT from or joining it)."""
    return sum(
        1
        for query in queries
        if query["sql"].startswith("SELECT") and f'"{table}"' in query["sql"].split(" WHERE ")[0]
    )


def _group_changes(user, *, after: int) -> list[tuple[str, set[str]]]:
    """The changes of `user`'s groups the audit log recorded after entry `after`."""
    entries = AuditEntry.objects.filter(
        pk__gt=after, content_type=ContentType.objects.get_for_model(user), object_pk=str(user.pk)
    ).order_by("pk")
    changes = [entry.changes["groups"] for entry in entries if "groups" in entry.changes]
    return [(change["operation"], set(change["objects"])) for change in changes]


def test_p8_a_sync_reads_the_groups_and_functions_once_and_logs_each_change(uitvoerder, weegploeg):
    """issue 13: the sync behind every grant and revocation (and the daily resync of every user)
    read the user's functions twice and their groups twice. The groups it sets, and the audit
    entries of the change, are those of `user.groups.set`."""
    before = set(uitvoerder.groups.all())
    with CaptureQueriesContext(connection) as queries:
        services.sync_user_groups(uitvoerder)  # nothing changed: nothing written
    assert not [query for query in queries if not query["sql"].startswith("SELECT")]
    assert _reads_of(queries, "parties_functiongrant") == 1
    assert _reads_of(queries, "parties_user_groups") == 1

    last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    authorise(uitvoerder, weegploeg)
    party_group = FileGroup.objects.get(party=uitvoerder.membership.party, file=weegploeg).group
    added = {party_group, weegploeg.keeper_group}
    assert set(uitvoerder.groups.all()) == before | added
    names = {group.name for group in added}
    assert _group_changes(uitvoerder, after=last) == [("add", names)]

    last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    authorisation = FileAuthorisation.objects.live().get(user=uitvoerder)
    with CaptureQueriesContext(connection) as queries:
        services.revoke_file_access(authorisation, by=None, reason="Andere taak")
    assert set(uitvoerder.groups.all()) == before
    assert _reads_of(queries, "parties_functiongrant") == 1
    assert _group_changes(uitvoerder, after=last) == [("delete", names)]
