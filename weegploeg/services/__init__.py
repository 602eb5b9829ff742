"""Every business action on the weegploeg file (W1-W7, I1, B1), by area. Each checks its rule,
writes in one transaction and leaves the permissions right; every one that changes a dossier is
decorated with `subjects.dossier.changes_dossier`, which touches its last-processing date (B1).
Status changes go through `weegploeg.transitions`. Every public name is re-exported here, so
`from weegploeg import services; services.decide(...)` keeps working."""

from weegploeg.services._common import FILE_LABEL
from weegploeg.services.agendering import agendeer, is_to_be_agendered
from weegploeg.services.assessment import (
    add_information,
    check_queue,
    record_analysis,
    record_check,
    record_expert_advice,
)
from weegploeg.services.decisions import decide, end_processing, objection_upheld, reopen
from weegploeg.services.framework import current_framework, may_publish_framework, publish_framework
from weegploeg.services.intake import enter_signal, may_enter_signal_for, possible_duplicates
from weegploeg.services.meetings import hold_meeting, record_discussion
from weegploeg.services.retention import (
    archive,
    destroy,
    destroy_many,
    reactivate,
    resync_permissions,
)

__all__ = [
    "FILE_LABEL",
    "add_information",
    "agendeer",
    "archive",
    "check_queue",
    "current_framework",
    "decide",
    "destroy",
    "destroy_many",
    "end_processing",
    "enter_signal",
    "hold_meeting",
    "is_to_be_agendered",
    "may_enter_signal_for",
    "may_publish_framework",
    "objection_upheld",
    "possible_duplicates",
    "publish_framework",
    "reactivate",
    "record_analysis",
    "record_check",
    "record_discussion",
    "record_expert_advice",
    "reopen",
    "resync_permissions",
]
