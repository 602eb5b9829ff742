"""Who sees and handles a duty to inform (I1, I5; CTER 11.2, VH 17.1): the members of its
responsible party who are authorised for its file, and the file's keepers (the uitvoerder of
the file's Veiligheidshuis, authorised to record in it). A duty without a responsible party is
the keepers' alone. Every page, API view, task and service asks here."""

from django.db.models import Q, QuerySet

from parties.constants import AccessLevel
from parties.models import User
from parties.permissions import (
    authorisations_of,
    does_file_work,
    is_file_keeper,
    kept_authorisations,
    may_read_file,
    may_record,
    membership_of,
    working_authorisations,
)
from rights.models import DutyToInform


def visible_duties(user) -> QuerySet:
    """The duties `user` may see: of their party in a file they may read, and every duty of the
    files they keep. None for who may not act today (`functions_of` is empty then)."""
    membership = membership_of(user)
    if membership is None or not does_file_work(user):
        return DutyToInform.objects.none()
    # The files as read with the user's rights (`authorisations_of`, `kept_authorisations`),
    # written in as values: PostgreSQL then reads the duties of those files from the index on
    # the file, rather than every duty of the country against two subqueries (issue 13).
    readable = sorted({granted.file_id for granted in authorisations_of(user)})
    kept = sorted({granted.file_id for granted in kept_authorisations(user)})
    own = Q(responsible_party=membership.party_id, data_file__in=readable)
    return DutyToInform.objects.filter(own | Q(data_file__in=kept))


def _of_responsible_party(user, duty: DutyToInform) -> bool:
    membership = membership_of(user)
    return (
        membership is not None
        and duty.responsible_party_id is not None
        and duty.responsible_party_id == membership.party_id
    )


def may_see_duty(user, duty: DutyToInform) -> bool:
    if is_file_keeper(user, duty.data_file):
        return True
    return _of_responsible_party(user, duty) and may_read_file(user, duty.data_file)


def may_handle_duty(user, duty: DutyToInform) -> bool:
    """Postpone, inform, make and send the letter: the keepers, and the members of the
    responsible party who may record in the file."""
    if is_file_keeper(user, duty.data_file):
        return True
    return _of_responsible_party(user, duty) and may_record(user, duty.data_file)


def may_see_duties(user) -> bool:
    """Whether the list of duties concerns `user` at all (the navigation, the dashboard)."""
    return bool(working_authorisations(user))


def handlers_of(duty: DutyToInform) -> list[User]:
    """The users who handle `duty` today: whom a reminder goes to (I2)."""
    candidates = (
        User.objects.filter(
            is_active=True,
            file_authorisations__file=duty.data_file,
            file_authorisations__ended_at__isnull=True,
            file_authorisations__level=AccessLevel.READWRITE,
        )
        .select_related("membership__party")
        .distinct()
        .order_by("pk")
    )
    return [user for user in candidates if may_handle_duty(user, duty)]
