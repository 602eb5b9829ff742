"""R6 (CTER 12.5-12.6, AVG 16-19): rectification, erasure and restriction through the files'
own services; exactly the recipients in the records get a notice, recorded with its letter and
its sending; the term is shown."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from rights.constants import LetterKind, RequestKind, SendingMeans
from rights.models import ItemChange, Notice
from rights.outcome_constants import ChangeAction
from rights.services.execution import change_item, record_notice_sent
from subjects import registry
from subjects.models import Restriction
from subjects.registry import DossierRef, item_ref
from tests.conftest import verified_client
from tests.factories import kennemerland
from tests.module_world import per_module
from tests.rights.outcome_fixtures import OutcomeWorld
from tests.rights.pdf_text import pdf_text

pytestmark = pytest.mark.django_db


world_built, world = per_module(lambda: OutcomeWorld(kennemerland()), name="world")


def exported(ref, by) -> str:
    return str([s.data for s in registry.get(ref.file_label).export(ref, by=by)])


def rectify(world, subject_request, **kwargs):
    measure = world.case.measures.get()
    defaults = {
        "by": world.keeper,
        "file_label": "ico",
        "dossier_key": world.case.number,
        "item": item_ref(measure),
        "action": ChangeAction.RECTIFY,
        "reason": "a",
        "changes": {"description": "Gesprek over werk en opleiding."},
    }
    return change_item(subject_request, **{**defaults, **kwargs})


def test_r6_rectification_notifies_exactly_the_recipients_in_the_records(world):
    subject_request = world.request()
    ref = DossierRef("ico", world.case.number)
    recipients = registry.get("ico").recipients(ref)
    assert {r.kind for r in recipients} == {"disclosure", "copy", "export"}
    change = rectify(world, subject_request)
    assert change.fields == ["description"]  # names, never values
    assert "Gesprek over werk en opleiding." in exported(ref, world.keeper)
    notices = list(change.notices.all())
    assert len(notices) == len(recipients)
    assert sorted((n.recipient_kind, n.party, n.received_on) for n in notices) == sorted(
        (r.kind, r.party, r.on) for r in recipients
    )
    for notice in notices:
        assert notice.letter.kind == LetterKind.NOTICE
        assert notice.letter.dossier_key == world.case.number  # destroyed with the dossier
        text = pdf_text(notice.letter.pdf)
        assert notice.party in text and world.case.number in text and "Rectificatie" in text
        assert "Gesprek over werk en opleiding." not in text  # no values to a recipient
    # The weegploeg dossier's recipient is the casusoverleg it was copied to; the second
    # case received nothing, so it has no notices at all.
    wp_ref = DossierRef("weegploeg", world.assessment_number)
    wp_first = next(
        s.items[0].item
        for s in registry.get("weegploeg").export(wp_ref, by=world.keeper)
        if str(s.title) == "Signalen"
    )
    wp_change = rectify(
        world,
        subject_request,
        file_label="weegploeg",
        dossier_key=world.assessment_number,
        item=wp_first,
        changes={"behaviour": "Deelde een filmpje (gecorrigeerd)."},
    )
    assert [(n.recipient_kind, n.party) for n in wp_change.notices.all()] == [
        ("transfer", world.overleg.name)
    ]
    quiet = rectify(
        world,
        subject_request,
        dossier_key=world.second.number,
        item=item_ref(world.second.signals.get()),
        changes={"behaviour": "Maakte ruzie met een buurman."},
    )
    assert not quiet.notices.exists()


def test_r6_erasure_and_restriction_go_through_the_file_and_are_notified(world):
    subject_request = world.request()
    ref = DossierRef("ico", world.case.number)
    person = world.case.related_people.get()
    erased = change_item(
        subject_request,
        by=world.keeper,
        file_label="ico",
        dossier_key=world.case.number,
        item=item_ref(person),
        action=ChangeAction.ERASE,
        reason="b",
    )
    assert not world.case.related_people.exists()
    assert erased.notices.count() == 3 and erased.fields == []
    signal = world.case.signals.order_by("pk").first()
    restricted = change_item(
        subject_request,
        by=world.keeper,
        file_label="ico",
        dossier_key=world.case.number,
        item=item_ref(signal),
        action=ChangeAction.RESTRICT,
        reason="c",
        restriction_reason="Betwist door de betrokkene.",
    )
    assert Restriction.objects.filter(item_pk=signal.pk, dossier_key=ref.key).exists()
    assert restricted.notices.count() == 3


def test_r6_what_was_not_asked_for_is_refused_and_input_is_checked(world):
    subject_request = world.request(kinds=[RequestKind.RECTIFICATION])
    with pytest.raises(ValidationError):
        change_item(
            subject_request,
            by=world.keeper,
            file_label="ico",
            dossier_key=world.case.number,
            item=item_ref(world.case.related_people.get()),
            action=ChangeAction.ERASE,
            reason="a",
        )
    with pytest.raises(ValidationError) as refused:
        rectify(world, subject_request, reason="z", changes={})
    assert set(refused.value.message_dict) == {"reason", "changes"}
    with pytest.raises(ValidationError) as refused:
        rectify(world, subject_request, changes={"nonsense": "x"})
    assert "changes.nonsense" in refused.value.message_dict
    assert world.case.related_people.exists() and not ItemChange.objects.exists()


def test_r2_r6_nothing_is_changed_before_the_identity_is_recorded(world):
    subject_request = world.request(identified=False)
    with pytest.raises(ValidationError):
        rectify(world, subject_request)
    assert world.case.measures.get().description == "Gesprek met Piet Jansen over zijn netwerk."


def test_r6_the_sending_of_a_notice_is_recorded_on_it_and_its_letter(world):
    subject_request = world.request()
    notice = rectify(world, subject_request).notices.first()
    today = timezone.localdate()
    with pytest.raises(ValidationError) as refused:
        record_notice_sent(notice, by=world.keeper, sent_on=today + timedelta(days=1), means="x")
    assert set(refused.value.message_dict) == {"sent_on", "means"}
    record_notice_sent(notice, by=world.keeper, sent_on=today, means=SendingMeans.POST)
    notice = Notice.objects.select_related("letter").get(pk=notice.pk)
    assert (notice.sent_on, notice.sent_means, notice.sent_by) == (
        today,
        SendingMeans.POST,
        world.keeper,
    )
    assert (notice.letter.sent_on, notice.letter.sent_means) == (today, SendingMeans.POST)


def test_r6_u3_the_term_is_shown_and_a_late_change_marked(world):
    received = timezone.localdate() - timedelta(days=40)
    subject_request = world.request(received_on=received, due_on=received + timedelta(days=28))
    rectify(world, subject_request)
    page = verified_client(world.keeper).get(
        f"/rechten/verzoeken/{subject_request.number}/uitkomsten/"
    )
    html = page.content.decode()
    due = (received + timedelta(days=28)).strftime("%d-%m-%Y")
    assert re.search(rf"Antwoord uiterlijk op <time[^>]*>{due}</time>", html)
    assert "(de termijn is verstreken)" in html and "na de termijn" in html


def test_r6_u3_erasure_asks_for_confirmation_and_the_forms_keep_their_input(world):
    subject_request = world.request()
    client = verified_client(world.keeper)
    person = world.case.related_people.get()
    target = f"ico|{world.case.number}|{item_ref(person).model}:{person.pk}"
    url = f"/rechten/verzoeken/{subject_request.number}/wijzigingen/wissing/"
    assert f'value="{target}"' in client.get(url).content.decode()
    unconfirmed = client.post(url, {"target": target, "reason": "b"})
    assert unconfirmed.status_code == 200 and 'role="alert"' in unconfirmed.content.decode()
    assert world.case.related_people.exists()
    assert client.post(url, {"target": target, "reason": "b", "confirm": "on"}).status_code == 302
    assert not world.case.related_people.exists()
    # Rectification: an item and its field; a refusal of the file keeps what was typed.
    measure = world.case.measures.get()
    field_target = f"ico|{world.case.number}|{item_ref(measure).model}:{measure.pk}|deadline"
    rectify_url = f"/rechten/verzoeken/{subject_request.number}/wijzigingen/rectificatie/"
    assert f'value="{field_target}"' in client.get(rectify_url).content.decode()
    refused = client.post(
        rectify_url, {"target": field_target, "reason": "a", "value": "geen datum"}
    )
    assert refused.status_code == 200 and "geen datum" in refused.content.decode()
    for user in (world.other_uitvoerder, world.partner, world.deelnemer):
        assert verified_client(user).get(rectify_url).status_code == 404


def test_r6_u5_the_api_changes_items_and_records_notices_for_the_handler_only(world):
    subject_request = world.request()
    base = f"/api/v1/verzoeken/{subject_request.number}/"
    measure = world.case.measures.get()
    body = {
        "fileLabel": "ico",
        "dossier": world.case.number,
        "item": f"{item_ref(measure).model}:{measure.pk}",
        "reason": "a",
        "changes": {"description": "Gesprek over werk."},
    }
    client = verified_client(world.keeper)
    bad = client.post(
        base + "rectificatie",
        {**body, "changes": {"nonsense": "x"}},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert bad.json()["invalidParams"][0]["name"] == "changes.nonsense"
    for user in (world.other_uitvoerder, world.partner, world.deelnemer):
        other = verified_client(user)
        assert (
            other.post(base + "rectificatie", body, content_type="application/json").status_code
            == 404
        )
        assert other.get(base + "kennisgevingen").status_code == 404
    made = client.post(base + "rectificatie", body, content_type="application/json")
    assert made.status_code == 201
    assert {n["recipient"] for n in made.json()["notices"]} == {
        r.party for r in registry.get("ico").recipients(DossierRef("ico", world.case.number))
    }
    notice = made.json()["notices"][0]["id"]
    sent = client.post(
        base + f"kennisgevingen/{notice}/verzending",
        {"sentOn": timezone.localdate().isoformat(), "means": "email"},
        content_type="application/json",
    )
    assert sent.status_code == 200 and sent.json()["sentMeans"] == "email"
    assert len(client.get(base + "wijzigingen").json()) == 1
    erased = client.post(
        base + "wissing",
        {
            **body,
            "item": f"{item_ref(world.case.related_people.get()).model}:"
            f"{world.case.related_people.get().pk}",
        },
        content_type="application/json",
    )
    assert erased.status_code == 201 and erased.json()["action"] == "erase"
    restricted = client.post(base + "afscherming", body, content_type="application/json")
    assert restricted.status_code == 400
    assert restricted.json()["invalidParams"][0]["name"] == "restrictionReason"
