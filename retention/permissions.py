"""Who may do what in retention: the keepers of a file (the uitvoerder of its Veiligheidshuis,
authorised to record in it: `parties.permissions.kept_files`) see its retention, record holds
and reactivations on the controller's instruction, and set its terms. Every page, API view
and service asks here. OWNED BY THE PAGES HELPER beyond these two functions."""

from django.core.exceptions import ObjectDoesNotExist

from parties.permissions import kept_files
from subjects import registry
from subjects.registry import DossierRef


def may_keep_dossier(user, ref: DossierRef) -> bool:
    """The user keeps the file the dossier is kept in."""
    try:
        data_file = registry.get(ref.file_label).data_file(ref)
    except (KeyError, ObjectDoesNotExist):  # an unknown file, a dossier that is gone
        return False
    return kept_files(user).filter(pk=data_file.pk).exists()


def may_keep_file(user, data_file) -> bool:
    return kept_files(user).filter(pk=data_file.pk).exists()
