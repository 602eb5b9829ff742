"""The access answer of one weegploeg dossier (R4; CTER 12.3): every text of the dossier, the
working notes (analysis summary, expert advice, what a meeting discussed, the checks) included,
each item with its source, date and category (VH 9.2).

Withheld (AVG 15.4, R4): the reporter of a signal is never named; the signals' section says so
with a `Withheld` mark and its ground. `tests/subjects/test_export_completeness.py` writes a
value into every text field of every model of the file and finds it in the answer, or, for the
withheld ones, proves it is not there."""

from django.utils import timezone
from django.utils.translation import gettext as _

from parties.constants import PartyKind
from parties.models import Party
from subjects.categories import DataCategory
from subjects.items import iso, person_details, withheld_reporter
from subjects.registry import ExportItem, ExportSection, item_ref
from weegploeg.models import Assessment


def _day(moment):
    return timezone.localdate(moment) if moment else None


def _with(data: dict, **optional) -> dict:
    """`data` with the optional texts that are filled in."""
    return data | {label: text for label, text in optional.values() if text}


def _recipients(assessment: Assessment) -> list[str]:
    """The kernpartijen of the region (the gemeente of the subject only), and the
    casusoverleggen the dossier went to as a copy (W6)."""
    parties = [
        party.name
        for party in Party.objects.filter(
            veiligheidshuizen=assessment.veiligheidshuis,
            kind__in=[PartyKind.POLITIE, PartyKind.OM, PartyKind.GEMEENTE],
        ).order_by("name")
        if party.kind != PartyKind.GEMEENTE
        or party.municipality_code == assessment.municipality_code
    ]
    return parties + sorted(
        set(assessment.case_transfers.values_list("casusoverleg_name", flat=True))
    )


def export_assessment(assessment: Assessment) -> list[ExportSection]:
    """Every section of the dossier's access answer (read with the restricted items shown)."""
    weegploeg = _("The i2o weegploeg")
    purposes = [_("Weighing signals of radicalisation, extremism and terrorism.")]
    recipients = _recipients(assessment)
    signals = list(assessment.signals.select_related("brought_by"))
    sources = sorted({signal.brought_by.name for signal in signals})
    first_source = signals[0].brought_by.name if signals else weegploeg
    additional = list(assessment.additional_information.select_related("party"))
    analyses = list(assessment.analyses.prefetch_related("findings__criterion"))
    approach = DataCategory.APPROACH

    def item(data, row, *, source=weegploeg, on, category=approach):
        return ExportItem(data=data, source=source, on=on, category=category, item=item_ref(row))

    def section(title, items, **kwargs):
        kwargs.setdefault("sources", [weegploeg])
        return ExportSection(
            title=title, items=items, purposes=purposes, recipients=recipients, **kwargs
        )

    numbered = {_("Dossier number"): assessment.number}
    return [
        section(
            _("Personal details"),
            [
                item(
                    data,
                    assessment,
                    source=first_source,
                    on=_day(assessment.created_at),
                    category=DataCategory.NAME_AND_ADDRESS,
                )
                for data in [*person_details(assessment), numbered]
            ],
            sources=sources or [weegploeg],
        ),
        section(
            _("Signals"),
            [
                item(
                    {
                        _("Observed on"): iso(signal.observed_on),
                        _("Behaviour"): signal.behaviour,
                        _("Brought in by"): signal.brought_by.name,
                    },
                    signal,
                    source=signal.brought_by.name,
                    on=signal.observed_on,
                    category=DataCategory.NUISANCE,
                )
                for signal in signals
            ],
            sources=sources or [weegploeg],
            withheld=[withheld_reporter()] if signals else [],
        ),
        section(
            _("Analysis"),
            [
                item(
                    {_("Summary of the analysis"): analysis.summary},
                    analysis,
                    on=_day(analysis.recorded_at),
                )
                for analysis in analyses
                if analysis.summary
            ]
            + [
                item(
                    {
                        _("Criterion"): finding.criterion.title,
                        _("Finding"): str(finding.get_finding_display()),
                        _("Explanation"): finding.explanation,
                    },
                    finding,
                    on=_day(analysis.recorded_at),
                )
                for analysis in analyses
                for finding in analysis.findings.all()
            ]
            + [
                item(
                    {_("Additional information"): info.content, _("From"): info.party.name},
                    info,
                    source=info.party.name,
                    on=info.gathered_on,
                )
                for info in additional
            ]
            + [
                item(
                    {
                        _("Adviser"): advice.adviser,
                        _("Asked on"): iso(advice.asked_on),
                        _("Question"): advice.question,
                        _("Advice"): advice.advice,
                    },
                    advice,
                    source=advice.adviser,
                    on=advice.asked_on,
                )
                for advice in assessment.expert_advice.all()
            ],
            sources=sources + [info.party.name for info in additional] or [weegploeg],
        ),
        section(
            _("Meetings and decisions"),
            [
                item(
                    {
                        _("Meeting"): iso(agenda_item.meeting.held_on),
                        _("What was discussed and decided"): agenda_item.discussion,
                    },
                    agenda_item,
                    on=agenda_item.meeting.held_on,
                )
                for agenda_item in assessment.agenda_items.select_related("meeting")
            ]
            + [
                item(
                    _with(
                        {
                            _("Outcome"): str(decision.get_outcome_display()),
                            _("Decided on"): iso(decision.decided_on),
                            _("Reasons"): decision.reasons,
                        },
                        advice=(_("Advice to the driehoek"), decision.advice_to_driehoek),
                        parties=(
                            _("Advised to take part"),
                            ", ".join(party.name for party in decision.advised_parties.all()),
                        ),
                        reopened=(_("Reason for reopening"), decision.reopening_reason),
                    ),
                    decision,
                    on=decision.decided_on,
                )
                for decision in assessment.decisions.all()
            ],
        ),
        section(
            _("Copies and checks of the file"),
            [
                item(
                    {
                        _("Copied to"): transfer.casusoverleg_name,
                        _("Case number there"): transfer.case_number,
                        _("On"): iso(_day(transfer.transferred_at)),
                    },
                    transfer,
                    on=_day(transfer.transferred_at),
                    category=DataCategory.DISCLOSURES,
                )
                for transfer in assessment.case_transfers.all()
            ]
            + [
                item(
                    _with(
                        {
                            _("Checked on"): iso(_day(check.checked_at)),
                            _("Outcome"): str(check.get_outcome_display()),
                        },
                        correction=(_("What was corrected"), check.correction),
                    ),
                    check,
                    on=_day(check.checked_at),
                    category=DataCategory.PROGRESS,
                )
                for check in assessment.checks.all()
            ],
        ),
    ]
