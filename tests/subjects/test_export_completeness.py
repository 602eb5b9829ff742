"""R4: "working notes and minutes fall within the right of access: the overview covers every
text of the dossier", and AVG 15.4: the reporter of a signal and the related people's own data
are withheld, with a mark that says so and on which ground.

The walk: for every registered file, every model of its dossiers (`dossier_paths`), every
personal-data field (`PERSONAL_DATA_FIELDS`) and every other text field, a distinct value is
written into the dossier's rows; the access answer must hold each one, unless the field is in
WITHHELD (then it must not) or in NOT_DATA (with the reason). A new text field fails here until
the export shows it or it is listed."""

import dataclasses
import json
from datetime import date, timedelta

import pytest
from django.db import models

from cases import disclosure_services
from cases.constants import CasePart
from cases.models import Disclosure
from subjects import registry
from subjects.registry import PROTECTION_OF_OTHERS
from tests.subjects.dossier_fixtures import BUILDERS

pytestmark = pytest.mark.django_db

FILES = registry.files()

# AVG 15.4 (R4): never given to the subject; the section carries a `Withheld` mark instead.
WITHHELD = {
    # The reporter of a signal (W1, CTER 8.2c): the protection of others.
    "weegploeg.signal": {"reporter_name", "reporter_contact"},
    "cases.casesignal": {"reporter_name", "reporter_contact"},
    # The related people's own data (C2); their role and why the plan needs them do go in.
    "cases.relatedperson": {"surname", "given_names", "date_of_birth", "address"},
}

# Text fields that hold no data about anyone, each with the reason.
NOT_DATA = {
    # A code that says where, not who; the municipality itself is in the answer.
    "municipality_code": "every file",
    # The file's label ("weegploeg", "ico"); the answer names the file in words instead.
    "cases.transfer.source_file": "the source's label",
}


def _fields(model) -> list[models.Field]:
    """The personal-data fields and the other text fields of a model."""
    named = set(getattr(model, "PERSONAL_DATA_FIELDS", ()))
    found = []
    for field in model._meta.concrete_fields:
        if field.primary_key or not field.editable or field.is_relation:
            continue
        text = isinstance(field, models.CharField | models.TextField) and not field.choices
        if field.name in named or text:
            label = f"{model._meta.label_lower}.{field.name}"
            if field.name not in NOT_DATA and label not in NOT_DATA:
                found.append(field)
    return found


def _rows(file, model, root):
    path = file.dossier_paths[model].replace(".", "__")
    return model._base_manager.filter(**({path: root} if path else {"pk": root.pk}))


def _marker(field: models.Field, number: int):
    """A value for `field` that occurs nowhere else, and the text it shows as in the answer."""
    if isinstance(field, models.DateField):
        value = date(1901, 1, 1) + timedelta(days=number)
        return value, value.isoformat()
    if field.choices:
        value, label = list(field.choices)[-1]
        return value, str(label)
    text = f"Q{number:03d}X"
    if isinstance(field, models.JSONField):
        return {"naw": {"surname": text}}, text
    return text, text


def answer_text(file, ref, by) -> str:
    sections = file.export(ref, by=by)
    return json.dumps([dataclasses.asdict(section) for section in sections], default=str)


@pytest.mark.parametrize("file", FILES, ids=[file.label for file in FILES])
def test_r4_every_text_of_every_model_is_in_the_access_answer_unless_withheld(file, region):
    built = BUILDERS[file.label](region)
    root = file.dossier_root(built.ref)
    expected, withheld, missing_rows = {}, {}, []
    number = 0
    for model in file.dossier_paths:
        rows = _rows(file, model, root)
        if not rows.exists():
            missing_rows.append(model._meta.label_lower)
            continue
        for field in _fields(model):
            number += 1
            value, shown = _marker(field, number)
            rows.update(**{field.name: value})
            label = f"{model._meta.label_lower}.{field.name}"
            if field.name in WITHHELD.get(model._meta.label_lower, ()):
                withheld[label] = shown
            else:
                expected[label] = shown
    assert not missing_rows, f"The builder leaves these tables empty: {missing_rows}"

    root.refresh_from_db()  # its number, the dossier's key, is one of the texts
    text = answer_text(file, registry.DossierRef(file.label, file.key_of(root)), built.keeper)

    absent = sorted(label for label, shown in expected.items() if shown not in text)
    assert not absent, f"Not in the access answer (R4): {absent}"
    shown = sorted(label for label, value in withheld.items() if value in text)
    assert not shown, f"Withheld data in the access answer (AVG 15.4): {shown}"


def test_r4_the_walk_sees_the_working_notes_of_both_files():
    """The walk reaches the texts the issue names: a changed `_fields` cannot silently skip
    them."""
    from cases import models as ico
    from weegploeg import models as wp

    names = {
        (model, field.name)
        for model in (
            wp.ExpertAdvice,
            wp.AgendaItem,
            wp.Check,
            wp.Analysis,
            ico.Case,
            ico.Discussion,
            ico.Closing,
            ico.Transfer,
            ico.CopyOut,
            ico.CaseCheck,
            ico.ProgressNote,
        )
        for field in _fields(model)
    }
    assert {
        (wp.ExpertAdvice, "question"),
        (wp.ExpertAdvice, "advice"),
        (wp.ExpertAdvice, "adviser"),
        (wp.AgendaItem, "discussion"),
        (wp.Check, "correction"),
        (wp.Analysis, "summary"),
        (ico.Case, "identity_note"),
        (ico.Discussion, "informing"),
        (ico.Closing, "reopening_reason"),
        (ico.Transfer, "check_note"),
        (ico.CopyOut, "check_note"),
        (ico.CaseCheck, "correction"),
        (ico.ProgressNote, "text"),
    } <= names


# --- R4, AVG 15.4: the reporter and the related people are withheld, and marked -----------------

REPORTER = ("Wijkagent de Vries", "06-12345678")  # tests.weegploeg.factories.signal
RELATED = ("Jansen-Bakker", "Marieke", "1965-02-03", "Grote Markt 117b Haarlem")  # full_case


def _marks(sections, title=None):
    return [
        mark
        for section in sections
        for mark in section.withheld
        if title is None or section.title == title
    ]


def test_r4_the_reporter_is_never_in_the_weegploeg_answer_and_the_signals_say_so(region):
    built = BUILDERS["weegploeg"](region)
    file = registry.get("weegploeg")
    sections = file.export(built.ref, by=built.keeper)
    text = json.dumps([dataclasses.asdict(section) for section in sections], default=str)
    assert not any(value in text for value in REPORTER)
    signals = next(section for section in sections if section.title == "Signalen")
    assert [(mark.what, mark.ground) for mark in signals.withheld] == [
        ("Naam en contactgegevens van de melder", PROTECTION_OF_OTHERS)
    ]


def test_r4_the_reporter_and_the_related_people_are_never_in_the_case_answer(region):
    """Also not through a disclosure's copy of the related people (C6)."""
    built = BUILDERS["ico"](region)
    file = registry.get("ico")
    case = file.dossier_root(built.ref)
    disclosure = case.disclosures.get()
    parts = [CasePart.RELATED_PEOPLE, CasePart.SIGNALS]
    Disclosure.objects.filter(pk=disclosure.pk).update(
        parts=parts, snapshot=disclosure_services.snapshot(case, parts)
    )
    assert "Jansen-Bakker" in json.dumps(Disclosure.objects.get(pk=disclosure.pk).snapshot)

    sections = file.export(built.ref, by=built.keeper)
    text = json.dumps([dataclasses.asdict(section) for section in sections], default=str)
    leaked = [value for value in (*REPORTER, *RELATED) if value in text]
    assert not leaked
    assert "Moeder van Piet Jansen" in text  # why the plan needs her: that is about the subject

    by_title = {section.title: section for section in sections}
    reporter = ("Naam en contactgegevens van de melder", PROTECTION_OF_OTHERS)
    related = ("Namen, adressen en geboortedata van betrokken personen", PROTECTION_OF_OTHERS)
    assert [(m.what, m.ground) for m in by_title["Signalen"].withheld] == [reporter]
    assert [(m.what, m.ground) for m in by_title["Betrokken personen"].withheld] == [related]
    disclosed = next(s for s in sections if s.items and s.items[0].category == "disclosures")
    assert related in [(m.what, m.ground) for m in disclosed.withheld]


def test_r4_the_ground_of_the_marks_is_a_seeded_legal_ground():
    from rights.models import LegalGround

    assert LegalGround.objects.filter(code=PROTECTION_OF_OTHERS).exists()
