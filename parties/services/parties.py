"""Parties join, change, give notice and leave; external partners sign their declaration (P1,
P5, P6)."""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.concurrency import claim_version
from parties import groups
from parties.constants import NOTICE_PERIOD_MONTHS, AuthorisationAction, PartyKind, default_role
from parties.models import ConfidentialityDeclaration, Membership, Party, User
from parties.services.common import _record, _require_reason
from parties.services.sync import _sync_party_users, sync_user_groups


def _validate_party(party: Party) -> None:
    party.full_clean(exclude=["group"])


@transaction.atomic
def create_party(
    *,
    name: str,
    kind: str,
    veiligheidshuizen,
    joined_on: date,
    by: User | None,
    reason: str,
    role: str | None = None,
    municipality_code: str = "",
) -> Party:
    """A new party joins the covenant (P1, VH 23.4)."""
    reason = _require_reason(reason)
    if kind == PartyKind.GEMEENTE and not municipality_code:
        raise ValidationError(
            {"municipality_code": _("A municipality has a four-digit municipality code.")}
        )
    party = Party(
        name=name,
        kind=kind,
        role=role or default_role(kind),
        municipality_code=municipality_code if kind == PartyKind.GEMEENTE else "",
        joined_on=joined_on,
    )
    _validate_party(party)
    party.group = groups.new_party_group(name)
    party.save()
    party.veiligheidshuizen.set(veiligheidshuizen)
    _record(AuthorisationAction.PARTY_CREATED, by=by, party=party, reason=reason)
    return party


@transaction.atomic
def update_party(
    party: Party,
    *,
    by: User,
    reason: str,
    veiligheidshuizen=None,
    expected_version: int | None = None,
    **fields,
) -> Party:
    """P1: the beheerder changes a party as a whole; refused when someone else changed it after
    `expected_version` was read (S1)."""
    reason = _require_reason(reason)
    allowed = {"name", "kind", "role", "municipality_code", "joined_on"}
    if set(fields) - allowed:
        raise ValueError(f"Not changeable here: {sorted(set(fields) - allowed)}")
    for name, value in fields.items():
        setattr(party, name, value)
    if party.kind != PartyKind.GEMEENTE:
        party.municipality_code = ""
    _validate_party(party)
    claim_version(party, expected_version)
    party.save()
    if veiligheidshuizen is not None:
        party.veiligheidshuizen.set(veiligheidshuizen)
    _record(AuthorisationAction.PARTY_CHANGED, by=by, party=party, reason=reason)
    _sync_party_users(party)
    return party


def notice_end_date(notice_on: date) -> date:
    return notice_on + relativedelta(months=NOTICE_PERIOD_MONTHS)


@transaction.atomic
def give_notice(party: Party, *, notice_on: date, by: User, reason: str) -> Party:
    """The party leaves the covenant three months after its notice (CTER 18.2). Its users lose
    access on that date; its duty of confidentiality stays (18.3)."""
    reason = _require_reason(reason)
    if party.notice_given_on is not None:
        raise ValidationError(_("This party has already given notice."))
    if notice_on < party.joined_on:
        raise ValidationError(
            {"notice_on": _("The notice falls before the start of participation.")}
        )
    party.notice_given_on = notice_on
    party.left_on = notice_end_date(notice_on)
    claim_version(party, None)
    party.save(update_fields=["notice_given_on", "left_on", "version"])
    _record(AuthorisationAction.NOTICE_GIVEN, by=by, party=party, reason=reason)
    return party


@transaction.atomic
def record_declaration(
    party: Party,
    *,
    signed_on: date,
    signed_by: str,
    document_reference: str,
    by: User,
) -> ConfidentialityDeclaration:
    """The external partner's signed confidentiality declaration (CTER 14.2-3, P6)."""
    if not party.is_external:
        raise ValidationError(_("A declaration is recorded only for an external case partner."))
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("The signing date cannot be in the future.")})
    declaration = ConfidentialityDeclaration(
        party=party,
        signed_on=signed_on,
        signed_by=signed_by,
        document_reference=document_reference,
        recorded_by=by,
    )
    declaration.full_clean()
    declaration.save()
    _record(
        AuthorisationAction.DECLARATION_RECORDED,
        by=by,
        party=party,
        reason=_("Confidentiality declaration %(reference)s") % {"reference": document_reference},
    )
    _sync_party_users(party)
    return declaration


def end_departed_parties(*, today: date | None = None) -> int:
    """Take the groups away from every user whose party has left (P5). Decides from the state
    in the database, so running it twice, or a day late, is correct. Returns the users changed."""
    today = today or timezone.localdate()
    changed = 0
    departed = Party.objects.filter(left_on__lte=today)
    memberships = Membership.objects.filter(
        party__in=departed, user__groups__isnull=False
    ).select_related("user", "party")
    for membership in memberships.distinct():
        with transaction.atomic():
            sync_user_groups(membership.user, today=today)
            _record(
                AuthorisationAction.ACCESS_ENDED,
                by=None,
                party=membership.party,
                user=membership.user,
                before=set(membership.function_codes()),
                reason=_("End of the party's participation on %(date)s.")
                % {"date": membership.party.left_on.isoformat()},
            )
        changed += 1
    return changed
