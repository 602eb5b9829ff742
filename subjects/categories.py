"""The categories of personal data a file may hold (VH 9.2; requirement C8).

VH 9.2 lists what a subject's file holds at most; nothing outside these categories is recorded,
and race, ethnicity and nationality never are (VH 9.3, 14.8; see `subjects.guard`). The
criminal-law categories are marked: data in them are passed on further only with the consent of
the officier van justitie (VH 6; C8).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DataCategory(models.TextChoices):
    """VH 9.2, in the covenant's order."""

    NAME_AND_ADDRESS = "naw", _("Name, date of birth, address and place of residence")
    OFFENCES = (
        "offences",
        _("Involvement in criminal offences and the responses of police and justice"),
    )
    NUISANCE = (
        "nuisance",
        _("Involvement in nuisance and the responses of police, justice and municipality"),
    )
    CONVICTIONS = (
        "convictions",
        _(
            "Criminal convictions, their enforcement and the conditions imposed by the court "
            "or the Public Prosecution Service"
        ),
    )
    LIVING_SITUATION = (
        "living",
        _("Work, education, housing, training and income, including debt restructuring"),
    )
    RESIDENCE_STATUS = "residence", _("Residence status, insofar as relevant for the approach")
    CARE = "care", _("Care provided to the subject, past and present")
    FAMILY = "family", _("Family circumstances, insofar as relevant for the approach")
    APPROACH = "approach", _("The integral, person-centred approach as set and later adjusted")
    PROGRESS = "progress", _("Progress and results of the integral, person-centred approach")
    DISCLOSURES = "disclosures", _("Disclosures from the file to third parties")
    SUBJECT_CONTACTS = (
        "contacts",
        # VH 17, 18
        _("Contacts with the subject about the file and about access and rectification"),
    )


# The marked category (VH 6; C8): further disclosure needs the officier van justitie's consent.
CRIMINAL_LAW_CATEGORIES: frozenset[str] = frozenset(
    {DataCategory.OFFENCES, DataCategory.CONVICTIONS}
)


def is_criminal_law(category: str) -> bool:
    """True for the criminal-law data of VH 6 (offences and convictions)."""
    return category in CRIMINAL_LAW_CATEGORIES
