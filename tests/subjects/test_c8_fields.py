"""C8 (VH 9.3, 14.8; issue 8 finding 4): every free-text field of every model of the file apps
carries the guard. The walk goes over the django.apps registry, so a new model or field of a
file fails here until it is guarded or, when it holds no free text, named below with the reason.
"""

import pytest
from django.apps import apps
from django.db import models

from subjects import registry
from subjects.guard import NAME, NoForbiddenCategory

# The apps that hold the files (subjects' abstract models are walked through them).
FILE_APPS = ("weegploeg", "cases")

# Whole models without personal data: configuration the beheerder keeps.
NO_PERSONAL_DATA = {
    # The referentiekader describes criteria, not persons; a criterion may rightly speak of
    # "etnische groepen" as the target of hate (W2).
    "weegploeg.FrameworkVersion",
    "weegploeg.Criterion",
    # A casusoverleg's name, covenant and controller (C11).
    "cases.CasusOverleg",
}

# Text fields that are not free text: codes, numbers and keys, each with its reason.
NOT_FREE_TEXT = {
    # Citizen service number: nine digits with the eleven-test (BSNValidator).
    "weegploeg.Assessment.bsn",
    "cases.Case.bsn",
    # Dutch postcode, checked by its pattern.
    "weegploeg.Assessment.postcode",
    "cases.Case.postcode",
    # Four-digit municipality code, checked by its pattern.
    "weegploeg.Assessment.municipality_code",
    "cases.Case.municipality_code",
    # House number with its addition ("117b"): twenty characters, no sentence.
    "weegploeg.Assessment.house_number",
    "cases.Case.house_number",
    # Derived from the guarded name fields for identity matching (editable=False).
    "weegploeg.Assessment.name_key",
    "cases.Case.name_key",
    # Dossier and case numbers, made by the services.
    "weegploeg.Assessment.number",
    "cases.Case.number",
    "weegploeg.CaseTransfer.case_number",
    "cases.CopyOut.to_case_number",
    # The casusoverleg's name, copied by the service from CasusOverleg.name (W6).
    "weegploeg.CaseTransfer.casusoverleg_name",
    # The source of a transfer: a file label and a dossier key, written by the service.
    "cases.Transfer.source_file",
    "cases.Transfer.source_key",
    # A copied referentiekader criterion ("R1 title") and the label of its finding (W6): the
    # framework's text, not text about the person.
    "cases.CaseFinding.criterion",
    "cases.CaseFinding.finding",
}

# Fields with a person's name: guarded with kind="name".
NAMES = {
    "weegploeg.Assessment.surname",
    "weegploeg.Assessment.prefix",
    "weegploeg.Assessment.given_names",
    "weegploeg.Signal.reporter_name",
    "weegploeg.ExpertAdvice.adviser",
    "cases.Case.surname",
    "cases.Case.prefix",
    "cases.Case.given_names",
    "cases.CaseSignal.reporter_name",
    "cases.RelatedPerson.surname",
    "cases.RelatedPerson.given_names",
}


def text_fields():
    for label in FILE_APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.label in NO_PERSONAL_DATA:
                continue
            for field in model._meta.concrete_fields:
                if isinstance(field, models.CharField | models.TextField) and not field.choices:
                    yield f"{model._meta.label}.{field.name}", field


def guards(field) -> list[NoForbiddenCategory]:
    return [each for each in field.validators if isinstance(each, NoForbiddenCategory)]


def test_c8_every_free_text_field_of_the_files_is_guarded():
    unguarded = [
        name for name, field in text_fields() if name not in NOT_FREE_TEXT and not guards(field)
    ]
    assert unguarded == []


def test_c8_name_fields_are_guarded_as_names_and_other_text_as_text():
    for name, field in text_fields():
        if name in NOT_FREE_TEXT:
            continue
        kinds = {guard.kind for guard in guards(field)}
        assert kinds == ({NAME} if name in NAMES else {"text"}), name


def test_c8_the_allow_lists_name_existing_fields_only():
    """A renamed or removed field leaves no stale exception behind."""
    walked = {name for name, _field in text_fields()}
    assert walked >= NOT_FREE_TEXT
    assert walked >= NAMES
    for label in NO_PERSONAL_DATA:
        apps.get_model(label)


def test_c8_the_walk_covers_every_registered_file():
    """A new file app is added to FILE_APPS, or this fails."""
    assert len(registry.files()) >= len(FILE_APPS)
    for file in registry.files():
        app = apps.get_containing_app_config(type(file).__module__)
        assert app is not None and app.label in FILE_APPS, file.label


@pytest.mark.parametrize(
    "name",
    [
        "weegploeg.Decision.reopening_reason",
        "cases.Closing.reopening_reason",
        "cases.Transfer.check_note",
        "weegploeg.Signal.reporter_name",
        "weegploeg.Signal.reporter_contact",
        "cases.CaseSignal.reporter_name",
        "cases.CaseSignal.reporter_contact",
        "cases.RelatedPerson.address",
    ],
)
def test_c8_the_fields_found_unguarded_in_issue_8_are_guarded(name):
    fields = dict(text_fields())
    assert guards(fields[name])
