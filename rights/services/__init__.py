"""The services of the subject's rights. The file apps call `start_duty_to_inform` and
`forget_dossier` (or `forget_dossiers`); everything else is used by this app's own pages, API
and tasks."""

from rights.services.duties import start_duty_to_inform
from rights.services.forgetting import forget_dossier, forget_dossiers

__all__ = ["forget_dossier", "forget_dossiers", "start_duty_to_inform"]
