"""Disclosures to external partners and exports of case data (C6, C7, C8, P6; CTER 8.6, 10.5,
10.6, 14.2-3; VH 6).

A disclosure holds a copy of exactly the chosen parts of the case as they were when disclosed:
the partner sees that copy and nothing else of the case, and a later change of the case leaves
it as it was. Criminal-law data go only with the officier van justitie's consent (VH 6)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.constants import CasePart
from cases.models import Case, Disclosure, Export
from cases.selectors import may_export
from cases.services import _require_active, _require_keeper
from parties.models import Party, User
from subjects.categories import DataCategory, is_criminal_law
from subjects.dossier import changes_dossier


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def _personal_details(case: Case) -> dict:
    return {
        "surname": case.surname,
        "prefix": case.prefix,
        "givenNames": case.given_names,
        "dateOfBirth": _iso(case.date_of_birth),
        "street": case.street,
        "houseNumber": case.house_number,
        "postcode": case.postcode,
        "municipality": case.municipality,
    }


def _signals(case: Case) -> list[dict]:
    # Not the reporter's name and contact details: the partner's contribution does not need them.
    return [
        {
            "behaviour": signal.behaviour,
            "observedOn": _iso(signal.observed_on),
            "broughtBy": signal.brought_by.name,
        }
        for signal in case.signals.select_related("brought_by")
    ]


def _analysis(case: Case) -> list[dict]:
    return [
        {
            "frameworkVersion": finding.framework_version,
            "criterion": finding.criterion,
            "finding": finding.finding,
            "explanation": finding.explanation,
        }
        for finding in case.findings.order_by("pk")
    ]


def _plan(case: Case) -> dict:
    return {
        "goals": sorted(case.goals.values_list("goal", flat=True)),
        "measures": [
            {
                "description": measure.description,
                "owner": measure.owner.name,
                "deadline": _iso(measure.deadline),
                "status": measure.status,
            }
            for measure in case.measures.select_related("owner")
        ],
    }


def _related_people(case: Case) -> list[dict]:
    return [
        {
            "role": person.role,
            "surname": person.surname,
            "givenNames": person.given_names,
            "dateOfBirth": _iso(person.date_of_birth),
            "address": person.address,
            "reason": person.reason,
        }
        for person in case.related_people.order_by("pk")
    ]


SNAPSHOTS = {
    CasePart.PERSONAL_DETAILS: _personal_details,
    CasePart.SIGNALS: _signals,
    CasePart.ANALYSIS: _analysis,
    CasePart.PLAN: _plan,
    CasePart.RELATED_PEOPLE: _related_people,
}


def snapshot(case: Case, parts) -> dict:
    """A JSON copy of exactly the given parts of the case as they are now."""
    return {part: SNAPSHOTS[part](case) for part in parts}


def _takes_part(case: Case, party: Party) -> bool:
    return case.participants.filter(party=party, until__isnull=True).exists()


def _chosen(values, allowed, *, field: str, empty: str) -> list[str]:
    """The chosen values in their canonical order; refuses none and unknown ones."""
    chosen = set(values)
    if not chosen:
        raise ValidationError({field: empty})
    if not chosen <= set(allowed):
        raise ValidationError(
            {
                field: _("Unknown choice: %(values)s.")
                % {"values": ", ".join(sorted(map(str, chosen - set(allowed))))}
            }
        )
    return [value for value in allowed if value in chosen]


@changes_dossier("case")
def disclose(
    case: Case,
    *,
    by: User,
    partner: Party,
    parts,
    necessity: str,
    categories,
    provider: Party,
    provider_permission: str,
    prosecutor_consent: str = "",
) -> Disclosure:
    """C6, CTER 10.5: the keeper gives an external partner taking part in the case the parts its
    contribution needs, with the necessity, the kinds of data and the permission of the party
    that provided them; criminal-law data only with the officier's consent (VH 6, C8)."""
    _require_keeper(by, case.casusoverleg)
    _require_active(case)
    errors = {}
    if not partner.is_external:
        errors["partner"] = _("Disclosures go to an external case partner.")
    elif not partner.has_declaration():
        errors["partner"] = _(
            "%(party)s has no recorded confidentiality declaration: record it first."
        ) % {"party": partner.name}
    elif not (partner.is_active_on(timezone.localdate()) and _takes_part(case, partner)):
        errors["partner"] = _("%(party)s does not take part in the case.") % {"party": partner.name}
    if not _takes_part(case, provider):
        errors["provider"] = _("The provider of the data takes part in the case.")
    if not provider_permission.strip():
        errors["provider_permission"] = _(
            "Record who of the providing party gave permission, and when."
        )
    if not necessity.strip():
        errors["necessity"] = _("Record why the partner's contribution needs these data.")
    if errors:
        raise ValidationError(errors)
    parts = _chosen(
        parts, CasePart.values, field="parts", empty=_("Choose the parts of the case to disclose.")
    )
    categories = _chosen(
        categories,
        DataCategory.values,
        field="categories",
        empty=_("Choose the kinds of data disclosed."),
    )
    if any(is_criminal_law(category) for category in categories) and not (
        prosecutor_consent.strip()
    ):
        raise ValidationError(
            {
                "prosecutor_consent": _(
                    "Criminal-law data are passed on only with the recorded consent of the "
                    "officier van justitie: record that consent."
                )
            }
        )
    disclosure = Disclosure(
        case=case,
        partner=partner,
        parts=parts,
        snapshot=snapshot(case, parts),
        necessity=necessity,
        categories=categories,
        provider=provider,
        provider_permission=provider_permission,
        prosecutor_consent=prosecutor_consent,
        disclosed_by=by,
    )
    disclosure.full_clean()
    disclosure.save()
    return disclosure


@transaction.atomic
def record_export(case: Case, *, by: User, provider: Party, provider_permission: str) -> Export:
    """C7, CTER 8.6, 10.6: before case data are downloaded or exported, the permission of the
    party that provided them is recorded. The caller produces the export afterwards."""
    if not may_export(by, case):
        raise PermissionDenied
    if not _takes_part(case, provider):
        raise ValidationError({"provider": _("The provider of the data takes part in the case.")})
    if not provider_permission.strip():
        raise ValidationError(
            {
                "provider_permission": _(
                    "Record who of the providing party gave permission, and when."
                )
            }
        )
    export = Export(
        case=case, exported_by=by, provider=provider, provider_permission=provider_permission
    )
    export.full_clean()
    export.save()
    return export


def export_document(case: Case, export: Export) -> dict:
    """What a recorded export hands over: every part of the case as it is now, with the record
    of the export and the provider's permission (C7)."""
    return {
        "case": case.number,
        "casusoverleg": case.casusoverleg.name,
        "status": case.status,
        "export": {
            "exportedAt": export.exported_at,
            "provider": export.provider.name,
            "providerPermission": export.provider_permission,
        },
        **snapshot(case, CasePart.values),
    }
