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
    assert "Race, ethnicity and nationality may not be recorded: describe what happened" in english
    assert (
        "Ras, etniciteit en nationaliteit mogen niet worden vastgelegd: beschrijf wat er" in dutch
    )


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
    assert "nationaliteit mogen niet worden vastgelegd" in str(error)
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


# --- issue 8, finding 4: text that slipped past the list ----------------------------------------


@pytest.mark.parametrize(
    ("text", "term"),
    [
        # Invisible characters inside the word: zero-width space, joiner, non-joiner, word
        # joiner, byte order mark, soft hyphen, a bidi mark.
        ("Een Marok\u200bkaanse jongen.", "Marokkaanse"),
        ("Een Marok\u200ckaanse jongen.", "Marokkaanse"),
        ("Een Marok\u200dkaanse jongen.", "Marokkaanse"),
        ("Een Marok\u2060kaanse jongen.", "Marokkaanse"),
        ("Een Marok\ufeffkaanse jongen.", "Marokkaanse"),
        ("Een Marok\u00adkaanse jongen.", "Marokkaanse"),
        ("Een Marok\u200ekaanse jongen.", "Marokkaanse"),
        # Look-alike letters: Cyrillic а and о, Greek ο and Α, full-width Latin.
        ("Een M\u0430rokkaanse jongen.", "Marokkaanse"),
        ("Zijn nati\u043enaliteit is bekend.", "nationaliteit"),
        ("Zijn nati\u03bfnaliteit is bekend.", "nationaliteit"),
        ("\u0391fghaanse vrouw", "Afghaanse"),
        ("Ｍａｒｏｋｋａａｎ", "Marokkaan"),
        # Any hyphen, a space or none in a hyphenated term.
        ("Van Noord\u2011Afrikaanse komaf.", "Noord-Afrikaanse"),
        ("Van Noord Afrikaanse komaf.", "Noord-Afrikaanse"),
        ("Een niet\u2010westerse jongen.", "niet-westerse"),
        # Derived forms: descent after any adjective of nationality or place, diminutives,
        # inflected adjectives, plurals.
        ("Betrokkene is van Egyptische afkomst.", "Egyptische"),
        ("Noord-Afrikaanse komaf", "Noord-Afrikaanse"),
        ("Betrokkene is van Kameroense afkomst.", "kameroense afkomst"),
        ("Hij is van Zweedse komaf.", "zweedse komaf"),
        ("Zij is van Chinese herkomst.", "chinese herkomst"),
        ("Of Peruvian descent.", "peruvian descent"),
        ("Afkomst: onbekend", "afkomst"),
        ("Het Marokkaantje van de overkant.", "Marokkaantje"),
        ("Twee Marokkaantjes op het plein.", "Marokkaantjes"),
        ("Een Turkje uit de buurt.", "Turkje"),
        ("De Surinamertjes van nummer 4.", "Surinamertjes"),
        ("Een Syriërtje met een fiets.", "Syriërtje"),
        ("Egyptenaren in de groep.", "Egyptenaren"),
        ("Een Poolse bouwvakker.", "Poolse"),
        ("Een Eritrese vrouw.", "Eritrese"),
        ("Een getinte jongen liep weg.", "getinte jongen"),
        ("Mediterraan uiterlijk.", "mediterraan uiterlijk"),
        ("Lid van een groep Berbers.", "Berbers"),
        ("Heeft het Nederlanderschap.", "Nederlanderschap"),
    ],
)
def test_c8_invisible_characters_look_alikes_and_derived_forms_are_refused(text, term):
    assert term in find_forbidden_terms(text)
    with pytest.raises(ValidationError):
        NoForbiddenCategory()(text)


ORDINARY_DUTCH = [
    NEUTRAL_SIGNAL,
    "De herkomst van het geld is onduidelijk; er zijn goederen van onbekende herkomst gevonden.",
    "In de schuur lagen goederen van criminele en van diverse herkomst.",
    "Herkomst: melding van de wijkagent.",
    "Hij heeft een criminele achtergrond en een psychiatrische achtergrond.",
    "Zij komt uit een gezin van goede komaf; het geld is afkomstig uit drugshandel.",
    "Hij reed in een auto met getinte ramen over de Zijlweg.",
    "Hij volgt Engels, Frans en Duits op school en spreekt goed Nederlands.",
    "Vorige zomer ging hij met zijn vader op vakantie naar Marokko en Turkije.",
    "Ze haalden eten bij de Chinees en zwommen in het zwembad bij de Noordpool-tentoonstelling.",
    "Het paspoort en de verblijfsvergunning zijn gecontroleerd door de IND.",
    "Hij deed mee aan een racetje met brommers op de dijk; de rasp lag in de brasserie.",
    "Betrokkene woont in de Turkenburgstraat en werkt bij de Belgiëlaan.",
    "De zwarte auto stond voor het witte huis; de blanke muur was beklad.",
    "Zijn moeder Bea en zijn zus Roos meldden zich bij het wijkteam.",
    "Het gesprek met de leerplichtambtenaar verliep goed; hij heeft een nieuwe stageplek.",
    "The subject was seen at the station; the origin of the money is unknown.",
]


@pytest.mark.parametrize("text", ORDINARY_DUTCH)
def test_c8_ordinary_dutch_passes(text):
    assert find_forbidden_terms(text) == []
    NoForbiddenCategory()(text)


def test_c8_a_name_field_lets_pass_the_terms_that_are_also_dutch_names():
    """ "Berber", "Turk", "Ras" are Dutch names: a name field takes them, free text does not."""
    name = NoForbiddenCategory(kind="name")
    for person in ["Berber", "Turk", "Ras", "Roma", "Belg"]:
        name(person)
        with pytest.raises(ValidationError):
            NoForbiddenCategory()(f"{person} deelde filmpjes.")
    for refused in ["Marokkaan", "de Marokkaanse buurman", "Turkse melder", "Marokkaantje"]:
        with pytest.raises(ValidationError):
            name(refused)
    assert NoForbiddenCategory(kind="name") != NoForbiddenCategory()
    assert NoForbiddenCategory(kind="name").deconstruct() == (
        "subjects.guard.NoForbiddenCategory",
        (),
        {"kind": "name"},
    )
    with pytest.raises(ValueError):
        NoForbiddenCategory(kind="other")


def test_c8_variants_are_generated_from_the_maintained_list():
    from subjects.guard import ADJECTIVES, PERSONS, diminutives, entries, inflected

    assert {"Marokkaantje", "Marokkaantjes"} <= set(diminutives("Marokkaan"))
    assert {"Turkje", "Turkjes"} <= set(diminutives("Turk"))
    assert inflected("Egyptisch") == ["Egyptisch", "Egyptische"]
    assert inflected("Eritrees") == ["Eritrees", "Eritrese"]
    assert inflected("raciaal") == ["raciaal", "raciale"]
    assert inflected("Pools") == ["Pools", "Poolse"]
    assert inflected("negroïde") == ["negroïde"]
    sections = {entry.term: entry.section for entry in entries()}
    assert sections["Marokkaan"] == PERSONS and sections["Egyptisch"] == ADJECTIVES
    # Every term is found as itself, whatever its section (origin words only in a phrase).
    for term in forbidden_terms():
        assert find_forbidden_terms(f"Dit is {term}.") == [term], term
