"""C8: the files hold only the categories of VH 9.2, and offences and convictions are the marked
criminal-law category that is passed on further only with the officier van justitie's consent
(VH 6)."""

from django.utils import translation

from subjects.categories import CRIMINAL_LAW_CATEGORIES, DataCategory, is_criminal_law


def test_c8_catalogue_holds_the_categories_of_vh_9_2():
    assert set(DataCategory.values) == {
        "naw",
        "offences",
        "nuisance",
        "convictions",
        "living",
        "residence",
        "care",
        "family",
        "approach",
        "progress",
        "disclosures",
        "contacts",
    }
    assert len(DataCategory.choices) == 12


def test_c8_catalogue_labels_are_english_msgids_shown_in_dutch():
    with translation.override("en"):
        assert str(DataCategory.NAME_AND_ADDRESS.label).startswith("Name, date of birth")
    with translation.override("nl"):
        assert str(DataCategory.NAME_AND_ADDRESS.label).startswith("Naam, geboortedatum")
    # U4: the codes stay in the code (VH 17, 18), out of what a user reads.
    assert "VH 17" not in str(DataCategory.SUBJECT_CONTACTS.label)


def test_c8_exactly_offences_and_convictions_are_criminal_law_data():
    assert {DataCategory.OFFENCES, DataCategory.CONVICTIONS} == CRIMINAL_LAW_CATEGORIES
    marked = [category for category in DataCategory if is_criminal_law(category)]
    assert marked == [DataCategory.OFFENCES, DataCategory.CONVICTIONS]
    assert is_criminal_law("offences")
    assert not is_criminal_law("nuisance")
    assert not is_criminal_law("unknown")


def test_c8_no_category_for_race_ethnicity_or_nationality():
    from subjects.checks import forbidden_label

    for value, label in DataCategory.choices:
        assert not forbidden_label(value)
        assert not forbidden_label(str(label))
