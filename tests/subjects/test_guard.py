"""C8 (VH 9.3, 14.8): race, ethnicity and nationality are never recorded, not even as free text
the application can recognise. The guard refuses such text naming the rule and the term; no
model has a field for them."""

import pytest
from django import forms
from django.core import checks
from django.core.exceptions import ValidationError
from django.db import models
from django.test.utils import isolate_apps
from django.utils import translation
from rest_framework import serializers

from subjects.checks import check_models, forbidden_label
from subjects.guard import (
    NoForbiddenCategory,
    check_free_text,
    find_forbidden_terms,
    forbidden_terms,
)

NEUTRAL_SIGNAL = (
    "Betrokkene (23) is in de afgelopen maand drie keer aangehouden voor winkeldiefstal en "
    "veroorzaakt overlast op het terras van het buurthuis. Hij heeft schulden, geen vaste "
    "woonplaats en staat onder toezicht van de reclassering. De politie wil een rasp en een "
    "raster uit de schuur traceren. Voorstel: schuldhulp en een woonplek via de gemeente."
)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Betrokkene is van Marokkaanse afkomst.", "Marokkaanse"),
        ("Jongen met de NATIONALITEIT van Syrië.", "nationaliteit"),
        ("Een Syriër van 19 jaar.", "Syriër"),
        ("Een Syrier van 19 jaar.", "Syriër"),
        ("Zijn huidskleur is donker.", "huidskleur"),
        ("Hij heeft de Nederlandse nationaliteit.", "Nederlandse nationaliteit"),
        ("Etnische afkomst: onbekend", "etnische afkomst"),
        ("Moeder is Turks, vader Surinaams.", "Turks"),
        ("De Curaçaoënaar uit de wijk.", "Curaçaoënaar"),
        ("Het ras van de dader", "ras"),
        ("Subject's ethnicity noted by the officer.", "ethnicity"),
        ("Racial background unknown.", "racial"),
        ("Skin   colour: dark", "skin colour"),
        ("His NATIONALITY is Moroccan.", "nationality"),
    ],
)
def test_c8_refuses_dutch_and_english_text_with_accents_and_capitals(text, term):
    assert term in find_forbidden_terms(text)
    with pytest.raises(ValidationError) as raised:
        check_free_text(text)
    assert raised.value.code == "forbidden_category"


def test_c8_message_names_the_rule_and_the_term():
    with pytest.raises(ValidationError) as raised:
        check_free_text("Betrokkene is een Marokkaanse jongen met de Nederlandse nationaliteit.")
    # The message is translated when it is shown, in the language of that moment.
    with translation.override("en"):
        english = raised.value.messages[0]
    with translation.override("nl"):
        dutch = raised.value.messages[0]
    assert "“Marokkaanse”, “Nederlandse nationaliteit”" in english
    assert "Race, ethnicity and nationality may not be recorded (VH 9.3, C8)." in english
    assert "Ras, etniciteit en nationaliteit mogen niet worden vastgelegd (VH 9.3, C8)." in dutch


def test_c8_field_keys_the_error():
    with pytest.raises(ValidationError) as raised:
        check_free_text("Afghaanse jongen", field="summary")
    errors = raised.value.error_dict["summary"]
    assert errors[0].code == "forbidden_category"


def test_c8_terms_are_found_in_order_and_once():
    text = "Turkse vader, Turkse moeder, Marokkaanse buurman; nationality: Turkish."
    assert find_forbidden_terms(text) == ["Turkse", "Marokkaanse", "nationality", "Turkish"]


@pytest.mark.parametrize("word", ["terras", "rasp", "raster", "traceren", "brasserie"])
def test_c8_whole_words_only(word):
    assert find_forbidden_terms(f"Overlast bij het {word} aan de Dorpsstraat.") == []


def test_c8_neutral_dutch_signal_passes():
    assert find_forbidden_terms(NEUTRAL_SIGNAL) == []
    check_free_text(NEUTRAL_SIGNAL)
    NoForbiddenCategory()(NEUTRAL_SIGNAL)
    NoForbiddenCategory()(None)


def test_c8_term_list_is_maintained_in_the_data_file():
    terms = forbidden_terms()
    assert len(terms) > 50
    for term in ["nationaliteit", "etniciteit", "ras", "huidskleur", "allochtoon", "race"]:
        assert term in terms
    assert not any(term.startswith("#") for term in terms)


class SignalForm(forms.Form):
    text = forms.CharField(validators=[NoForbiddenCategory()])


def test_c8_validator_in_a_django_form_field():
    form = SignalForm(data={"text": "Een Eritrese vrouw meldt overlast."})
    assert not form.is_valid()
    assert form.errors.as_data()["text"][0].code == "forbidden_category"
    assert SignalForm(data={"text": NEUTRAL_SIGNAL}).is_valid()


class SignalSerializer(serializers.Serializer):
    text = serializers.CharField(validators=[NoForbiddenCategory()])


def test_c8_validator_in_a_drf_serializer_field():
    serializer = SignalSerializer(data={"text": "Ethnic origin: unknown"})
    assert not serializer.is_valid()
    error = serializer.errors["text"][0]
    assert error.code == "forbidden_category"
    assert "VH 9.3, C8" in str(error)
    assert "ethnic origin" in str(error)
    assert SignalSerializer(data={"text": NEUTRAL_SIGNAL}).is_valid()


def test_c8_validator_deconstructs_for_migrations():
    path, args, kwargs = NoForbiddenCategory().deconstruct()
    assert (path, args, kwargs) == ("subjects.guard.NoForbiddenCategory", (), {})
    assert NoForbiddenCategory() == NoForbiddenCategory()


@isolate_apps("subjects", attr_name="isolated")
def test_c8_system_check_flags_a_nationality_field(isolated=None):
    class Throwaway(models.Model):
        nationaliteit = models.CharField(max_length=40)
        remark = models.TextField(verbose_name="Etnische achtergrond")
        address = models.CharField(max_length=80)
        trace_id = models.CharField(max_length=20)

        class Meta:
            app_label = "subjects"

    errors = check_models([Throwaway])
    assert [error.id for error in errors] == ["subjects.E001", "subjects.E001"]
    assert [error.obj.name for error in errors] == ["nationaliteit", "remark"]


@pytest.mark.parametrize(
    ("label", "forbidden"),
    [
        ("nationality", True),
        ("geboortenationaliteit", True),
        ("ethnic_origin", True),
        ("ras", True),
        ("race", True),
        ("trace_id", False),
        ("address", False),
        ("contrast", False),
        ("national_id", False),
    ],
)
def test_c8_check_compares_words(label, forbidden):
    assert forbidden_label(label) is forbidden


def test_c8_project_passes_the_system_check():
    assert not [error for error in checks.run_checks() if error.id == "subjects.E001"]
