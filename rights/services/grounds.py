"""The maintained list of grounds of AVG 23 (UAVG 41) to postpone informing (I2) or to refuse
or limit access (R5): the beheerder adds a ground and retires one no longer used; none is ever
deleted, because the postponements and refusals that cite it stay."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from parties.permissions import is_beheerder
from rights.models import LegalGround


@transaction.atomic
def add_ground(*, label: str, article: str, by) -> LegalGround:
    if not is_beheerder(by):
        raise PermissionDenied
    base = slugify(label)[:40] or "grond"
    code, number = base, 1
    while LegalGround.objects.filter(code=code).exists():
        number += 1
        code = f"{base}-{number}"
    order = (LegalGround.objects.aggregate(last=Max("order"))["last"] or 0) + 1
    ground = LegalGround(code=code, label=label.strip(), article=article.strip(), order=order)
    ground.full_clean()
    ground.save()
    return ground


def set_ground_in_use(ground: LegalGround, *, active: bool, by) -> LegalGround:
    """Retire a ground (no longer offered for new postponements) or bring it back."""
    if not is_beheerder(by):
        raise PermissionDenied
    ground.active = active
    ground.save(update_fields=["active"])
    return ground
