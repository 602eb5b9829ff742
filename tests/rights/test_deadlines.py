"""R3 (AVG 12.3; VH 18.2, 18.4): the term of a request follows the strictest file it covers,
one calendar month by default and four weeks for an objection; an extension of two months needs
reasons, comes only within the first term and makes a letter; beat warns a week before and alarms
after, once each, and leaves closed requests alone. The clock is moved with time-machine."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from rights.constants import LetterKind, SendingMeans
from rights.models import FileRightsSettings, Letter
from rights.services import deadlines, extension, requests
from rights.services.request_reminders import send_deadline_reminders
from subjects import registry
from tests.rights.factories import ABOUT, Handlers, make_request
from tests.rights.pdf_text import pdf_text

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Europe/Amsterdam")


def at(day: date, hour=9):
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=TZ), tick=False)


@pytest.fixture
def h():
    return Handlers()


def received(h, day, **kwargs):
    with at(day):
        return make_request(by=h.uitvoerder, region=h.region, identified=True, **kwargs)


def test_r3_one_calendar_month_by_default_also_at_the_end_of_a_month(h):
    assert received(h, date(2027, 1, 31)).due_on == date(2027, 2, 28)
    assert received(h, date(2027, 3, 15)).due_on == date(2027, 4, 15)
    assert deadlines.add_months(date(2027, 12, 31), 2) == date(2028, 2, 29)


def test_r3_an_objection_is_decided_within_four_weeks(h):
    subject_request = received(h, date(2027, 1, 31), kinds=["access", "objection"])
    assert subject_request.due_on == date(2027, 2, 28)  # 28 days, and also one month here
    subject_request = received(h, date(2027, 3, 1), kinds=["objection"])
    assert subject_request.due_on == date(2027, 3, 29)  # four weeks, not 1 April


def test_r3_the_strictest_term_of_the_files_covered_applies(world):
    weegploeg_file = registry.get("weegploeg").data_file(world.weegploeg_ref)
    FileRightsSettings.objects.create(data_file=weegploeg_file, request_term_days=28)
    ico_file = registry.get("ico").data_file(world.ico_ref)
    FileRightsSettings.objects.create(data_file=ico_file, request_term_days=None)
    with at(date(2027, 3, 1)):
        subject_request = make_request(by=world.keeper, region=world.region, identified=True)
        assert subject_request.due_on == date(2027, 4, 1)
        requests.confirm_dossier(subject_request, world.ico_ref, by=world.keeper)
        subject_request.refresh_from_db()
        assert subject_request.due_on == date(2027, 4, 1)  # one month: no stricter yet
        requests.confirm_dossier(subject_request, world.weegploeg_ref, by=world.keeper)
        subject_request.refresh_from_db()
        assert subject_request.due_on == date(2027, 3, 29)  # the weegploeg's 28 days
        requests.unconfirm_dossier(subject_request, world.weegploeg_ref, by=world.keeper)
        subject_request.refresh_from_db()
        assert subject_request.due_on == date(2027, 4, 1)


def test_r3_an_extension_with_reasons_within_the_first_term_makes_a_letter(h):
    subject_request = received(
        h,
        date(2027, 3, 1),
        requester_kind="representative",
        representation="mentorschap",
        representative_name="J. Mentor",
    )
    with at(date(2027, 3, 30)):
        with pytest.raises(ValidationError) as refused:
            extension.extend_term(subject_request, by=h.officer, reasons="  ")
        assert "reasons" in refused.value.error_dict
        letter = extension.extend_term(
            subject_request, by=h.officer, reasons="De dossiers van drie partijen zijn omvangrijk."
        )
    subject_request.refresh_from_db()
    assert subject_request.extended_to == date(2027, 6, 1)
    assert subject_request.deadline == date(2027, 6, 1)
    assert letter.kind == LetterKind.EXTENSION and letter.request == subject_request
    text = pdf_text(letter.pdf)
    assert subject_request.number in text
    assert "J. Mentor" in text
    assert "De dossiers van drie partijen zijn omvangrijk." in text
    assert "01-06-2027" in text and "01-04-2027" in text  # U4: dd-mm-jjjj
    assert "Autoriteit Persoonsgegevens" in text


def test_r3_no_extension_after_the_first_term_nor_twice_nor_of_an_objection(h):
    late = received(h, date(2027, 3, 1))
    with at(date(2027, 4, 2)), pytest.raises(ValidationError) as refused:
        extension.extend_term(late, by=h.uitvoerder, reasons="Te laat.")
    assert "01-04-2027" in refused.value.messages[0]
    assert not Letter.objects.exists()
    with at(date(2027, 4, 1)):
        extension.extend_term(late, by=h.uitvoerder, reasons="Op de laatste dag.")
        with pytest.raises(ValidationError):
            extension.extend_term(late, by=h.uitvoerder, reasons="Nog eens.")
    objection = received(h, date(2027, 3, 1), kinds=["objection"])
    with at(date(2027, 3, 2)), pytest.raises(ValidationError):
        extension.extend_term(objection, by=h.uitvoerder, reasons="Veel werk.")


def test_r3_the_sending_of_the_letter_is_recorded_within_the_first_term(h):
    subject_request = received(h, date(2027, 3, 1))
    with at(date(2027, 3, 10)):
        letter = extension.extend_term(subject_request, by=h.uitvoerder, reasons="Veel werk.")
        extension.record_letter_sent(letter, by=h.officer, means=SendingMeans.POST)
    letter.refresh_from_db()
    assert (letter.sent_on, letter.sent_means, letter.sent_by) == (
        date(2027, 3, 10),
        SendingMeans.POST,
        h.officer,
    )
    with at(date(2027, 3, 11)), pytest.raises(ValidationError):
        extension.record_letter_sent(letter, by=h.officer)
    other = received(h, date(2027, 3, 1))
    with at(date(2027, 3, 10)):
        late_letter = extension.extend_term(other, by=h.uitvoerder, reasons="Veel werk.")
    with at(date(2027, 4, 5)), pytest.raises(ValidationError) as refused:
        extension.record_letter_sent(late_letter, by=h.officer)
    assert "sent_on" in refused.value.error_dict


def test_r3_beat_warns_a_week_before_and_alarms_after_once_each(h, mailoutbox):
    subject_request = received(h, date(2027, 3, 1))  # due 1 April
    with at(date(2027, 3, 24)):
        assert send_deadline_reminders().warned == []
    with at(date(2027, 3, 25)):
        assert send_deadline_reminders().warned == [subject_request.number]
        assert send_deadline_reminders().warned == []
    assert len(mailoutbox) == 1
    warning = mailoutbox[0]
    assert set(warning.to) == {h.uitvoerder.email, h.officer.email}
    assert subject_request.number in warning.subject and "01-04-2027" in warning.subject
    assert f"/rechten/verzoeken/{subject_request.number}/" in warning.body
    for value in (ABOUT["surname"], ABOUT["given_names"], "1990"):
        assert value not in warning.subject + warning.body
    with at(date(2027, 4, 1)):
        assert send_deadline_reminders().alarmed == []  # the last day is still in time
    with at(date(2027, 4, 2)):
        assert send_deadline_reminders().alarmed == [subject_request.number]
        assert send_deadline_reminders().alarmed == []
    assert len(mailoutbox) == 2
    subject_request.refresh_from_db()
    assert subject_request.warned_at and subject_request.alarmed_at


def test_r3_an_overdue_request_never_warned_gets_its_alarm_only(h, mailoutbox):
    subject_request = received(h, date(2027, 3, 1))
    with at(date(2027, 4, 10)):
        sent = send_deadline_reminders()
    assert (sent.alarmed, sent.warned) == ([subject_request.number], [])
    assert len(mailoutbox) == 1


def test_r3_answered_and_withdrawn_requests_are_left_alone(h, mailoutbox):
    answered = received(h, date(2027, 3, 1))
    withdrawn = received(h, date(2027, 3, 1))
    with at(date(2027, 3, 20)):
        requests.mark_answered(answered, by=h.uitvoerder)
        requests.withdraw(withdrawn, by=h.uitvoerder)
    with at(date(2027, 3, 26)):
        send_deadline_reminders()
    with at(date(2027, 4, 20)):
        send_deadline_reminders()
    assert mailoutbox == []


def test_r3_after_an_extension_the_new_deadline_is_watched(h, mailoutbox):
    subject_request = received(h, date(2027, 3, 1))
    with at(date(2027, 3, 26)):
        send_deadline_reminders()  # warned for 1 April
        extension.extend_term(subject_request, by=h.uitvoerder, reasons="Veel werk.")
    with at(date(2027, 4, 2)):
        assert send_deadline_reminders().alarmed == []  # not overdue: extended to 1 June
    with at(date(2027, 5, 25)):
        assert send_deadline_reminders().warned == [subject_request.number]
    assert "01-06-2027" in mailoutbox[-1].subject
