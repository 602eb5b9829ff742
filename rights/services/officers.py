"""Officers designated to handle requests under the uitvoerder's coordination (CTER 12.2,
VH 18.1): the uitvoerder of a Veiligheidshuis designates them and ends their designation."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.audit import acting_for
from rights.models import RequestOfficer
from rights.permissions.requests import may_be_designated, may_designate_officers


def designate_officer(*, by, veiligheidshuis, user) -> RequestOfficer:
    if not may_designate_officers(by, veiligheidshuis):
        raise PermissionDenied
    if not may_be_designated(user, veiligheidshuis):
        raise ValidationError(
            {"user": _("Only a user of a party of this Veiligheidshuis can be designated.")}
        )
    active = RequestOfficer.objects.filter(
        user=user, veiligheidshuis=veiligheidshuis, ended_at__isnull=True
    )
    if active.exists():
        raise ValidationError({"user": _("This user has been designated already.")})
    with transaction.atomic(), acting_for(by):
        return RequestOfficer.objects.create(
            user=user, veiligheidshuis=veiligheidshuis, designated_by=by
        )


def end_designation(officer: RequestOfficer, *, by) -> RequestOfficer:
    if not may_designate_officers(by, officer.veiligheidshuis):
        raise PermissionDenied
    if officer.ended_at is not None:
        raise ValidationError(_("This designation has ended already."))
    with acting_for(by):
        officer.ended_at = timezone.now()
        officer.save(update_fields=["ended_at"])
    return officer


def officers_of(regions):
    """The current officers of the Veiligheidshuizen `regions`."""
    return (
        RequestOfficer.objects.filter(veiligheidshuis__in=regions, ended_at__isnull=True)
        .select_related("user", "veiligheidshuis", "designated_by")
        .order_by("veiligheidshuis__name", "user__last_name", "pk")
    )
