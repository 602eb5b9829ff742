"""W2: the referentiekader, configuration of the beheerder."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from parties.constants import Function
from parties.models import User
from parties.permissions import has_function
from weegploeg.models import Criterion, FrameworkVersion


def may_publish_framework(user: User) -> bool:
    """W2: the referentiekader is configuration of the beheerder."""
    return has_function(user, Function.BEHEERDER)


@transaction.atomic
def publish_framework(*, by: User, criteria: list[dict], note: str = "") -> FrameworkVersion:
    """W2: a new version of the referentiekader, by the beheerder. Earlier versions stay as
    they were."""
    if not may_publish_framework(by):
        raise PermissionDenied
    if not criteria:
        raise ValidationError(_("A referentiekader has at least one criterion."))
    last = FrameworkVersion.objects.aggregate(Max("number"))["number__max"] or 0
    version = FrameworkVersion.objects.create(
        number=last + 1, note=note, created_by=by, published_at=timezone.now()
    )
    for order, criterion in enumerate(criteria):
        Criterion.objects.create(version=version, order=order, **criterion)
    return version


def current_framework() -> FrameworkVersion:
    version = FrameworkVersion.objects.filter(published_at__isnull=False).first()
    if version is None:
        raise ValidationError(_("No referentiekader has been published yet."))
    return version
