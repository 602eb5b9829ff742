from rights.models.duties import DutyToInform, Postponement
from rights.models.file_settings import FileRightsSettings
from rights.models.grounds import LegalGround
from rights.models.letters import Letter
from rights.models.outcomes import ItemChange, Notice, ObjectionDecision, Withholding
from rights.models.requests import RequestDossier, RequestOfficer, SubjectRequest

__all__ = [
    "DutyToInform",
    "FileRightsSettings",
    "ItemChange",
    "LegalGround",
    "Letter",
    "Notice",
    "ObjectionDecision",
    "Postponement",
    "RequestDossier",
    "RequestOfficer",
    "SubjectRequest",
    "Withholding",
]
