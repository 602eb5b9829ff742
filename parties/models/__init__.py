"""Regions, parties, users and their authorisations (P1-P8).

One module per area; every model is imported here, in the order it was declared, so
`from parties.models import Party` and Django's app loading see them all.
"""

# isort: off
# In declaration order: Django registers the models, and orders their reverse relations, as
# they are imported.
from parties.models.parties import ConfidentialityDeclaration, Party, Veiligheidshuis
from parties.models.users import AuthorisationChange, FunctionGrant, Membership, User
from parties.models.files import DataFile, FileAuthorisation, FileGroup
from parties.models.tokens import ApiToken

# isort: on

__all__ = [
    "Veiligheidshuis",
    "Party",
    "ConfidentialityDeclaration",
    "User",
    "Membership",
    "FunctionGrant",
    "AuthorisationChange",
    "DataFile",
    "FileGroup",
    "FileAuthorisation",
    "ApiToken",
]
