"""What the weegploeg services share: the file label and the guards."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parties.models import User, Veiligheidshuis
from weegploeg.models import Assessment
from weegploeg.permissions import is_keeper

FILE_LABEL = "weegploeg"


# B3, B5: why an archived dossier is not processed, for the services and the pages.
ARCHIVED_REFUSAL = gettext_lazy(
    "This dossier is archived: it is made available again only on the controller's instruction."
)


def _require_not_archived(assessment: Assessment) -> None:
    """B3, B5: an archived dossier is not processed; it is made available again only on the
    controller's instruction (CTER 13.3)."""
    if assessment.archived_at is not None:
        raise ValidationError(ARCHIVED_REFUSAL)


def _require_open(assessment: Assessment) -> None:
    _require_not_archived(assessment)
    if assessment.is_decided:
        raise ValidationError(_("This assessment has been decided: reopen it first to change it."))


def _require_keeper(user: User, region: Veiligheidshuis) -> None:
    """The uitvoerder of the region, authorised to record in its weegploeg (P8)."""
    if not is_keeper(user, region):
        raise PermissionDenied
