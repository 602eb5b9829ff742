"""The access answer of one case (R4; CTER 12.3, VH 18.2): every text of the dossier, working
notes and minutes included, each item with its source, date and category (VH 9.2).

Withheld (AVG 15.4, R4): the reporter of a signal and the related people's own data (name,
date of birth, address) never go in; the section says so with a `Withheld` mark and its ground.
`tests/subjects/test_export_completeness.py` writes a value into every text field of every model
of the file and finds it in the answer, or, for the withheld ones, proves it is not there."""

from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case, CaseFinding, Measure
from subjects.categories import DataCategory
from subjects.items import iso, person_details, withheld_related_people, withheld_reporter
from subjects.registry import ExportItem, ExportSection, item_ref

# The keys of a disclosed related person (`cases.disclosure_services.snapshot`) that are the
# person's own data, withheld from the subject as the related people's rows are.
RELATED_PART = "related"
RELATED_OWN_DATA = frozenset({"surname", "givenNames", "dateOfBirth", "address"})
REPORTER_DATA = frozenset({"reporterName", "reporterContact"})


def _day(moment):
    return timezone.localdate(moment) if moment else None


def _leaves(value, path: tuple[str, ...] = ()):
    """The (path, text) of every value in a disclosure's snapshot."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _leaves(inner, (*path, str(key)))
    elif isinstance(value, list):
        for inner in value:
            yield from _leaves(inner, path)
    elif value not in (None, ""):
        yield path, str(value)


def _withheld_in_snapshot(path: tuple[str, ...]) -> bool:
    key = path[-1] if path else ""
    return key in REPORTER_DATA or (path[:1] == (RELATED_PART,) and key in RELATED_OWN_DATA)


def disclosed_data(snapshot: dict) -> str:
    """The data as disclosed, without the related people's own data or the reporter's."""
    return "; ".join(
        f"{'.'.join(path)}: {text}"
        for path, text in _leaves(snapshot or {})
        if not _withheld_in_snapshot(path)
    )


def _measure(measure: Measure) -> dict:
    return {
        _("Measure"): measure.description,
        _("Owner"): measure.owner.name,
        _("Deadline"): iso(measure.deadline),
        _("Status"): str(measure.get_status_display()),
    }


def _with(data: dict, **optional) -> dict:
    """`data` with the optional texts that are filled in."""
    return data | {label: text for label, text in optional.values() if text}


def export_case(case: Case) -> list[ExportSection]:
    """Every section of the case's access answer (read with the restricted items shown)."""
    overleg = case.casusoverleg
    purposes = [
        _(
            "Drawing up, carrying out and monitoring the integral plan of approach in the "
            "casusoverleg %(name)s (CTER 9, 10)."
        )
        % {"name": overleg.name}
    ]
    participants = list(case.participants.select_related("party").order_by("party__name"))
    copies_out = list(case.copies_out.select_related("to_casusoverleg"))
    recipients = sorted(
        {p.party.name for p in participants if not p.party.is_external}
        | {out.to_casusoverleg.name for out in copies_out}
    )
    signals = list(case.signals.select_related("brought_by"))
    brought_by = sorted({signal.brought_by.name for signal in signals})
    weegploeg = _("The i2o weegploeg")
    transfers = list(case.transfers.all())

    def source_of(transfer) -> str:
        return weegploeg if transfer.source_file == "weegploeg" else _("Another casusoverleg")

    transfer_sources = [source_of(transfer) for transfer in transfers]
    opened = _day(case.created_at)
    naw_source = transfer_sources[0] if transfer_sources else overleg.name
    measures = list(case.measures.select_related("owner"))
    disclosures = list(case.disclosures.select_related("partner", "provider"))
    exports = list(case.exports.select_related("provider"))
    findings: list[CaseFinding] = list(case.findings.all())
    related = list(case.related_people.all())

    def item(data, row, *, source, on, category):
        return ExportItem(data=data, source=source, on=on, category=category, item=item_ref(row))

    def section(title, items, **kwargs):
        kwargs.setdefault("sources", [overleg.name])
        return ExportSection(
            title=title,
            items=items,
            purposes=purposes,
            recipients=kwargs.pop("recipients", recipients),
            **kwargs,
        )

    naw = DataCategory.NAME_AND_ADDRESS
    approach, progress = DataCategory.APPROACH, DataCategory.PROGRESS
    identity = _with(
        {
            _("Case number"): case.number,
            _("Identity established by"): str(case.get_identity_method_display()),
        },
        note=(_("Identity explanation"), case.identity_note),
    )
    return [
        section(
            _("Personal details"),
            [
                item(data, case, source=naw_source, on=opened, category=naw)
                for data in [*person_details(case), identity]
            ],
            sources=sorted(set(transfer_sources)) + brought_by,
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
            sources=brought_by,
            withheld=[withheld_reporter()] if signals else [],
        ),
        section(
            _("Analysis"),
            [
                item(
                    {
                        _("Criterion"): finding.criterion,
                        _("Finding"): finding.finding,
                        _("Explanation"): finding.explanation,
                    },
                    finding,
                    source=weegploeg,
                    on=opened,
                    category=approach,
                )
                for finding in findings
            ],
            sources=[weegploeg],
        ),
        section(
            _("Plan of approach and measures"),
            [
                item(
                    {_("Goal"): str(goal.get_goal_display())},
                    goal,
                    source=overleg.name,
                    on=None,
                    category=approach,
                )
                for goal in case.goals.all()
            ]
            + [
                item(
                    _measure(measure),
                    measure,
                    source=measure.owner.name,
                    on=_day(measure.created_at),
                    category=approach,
                )
                for measure in measures
            ]
            + [
                item(
                    {_("Progress"): note.text, _("Written on"): iso(_day(note.written_at))},
                    note,
                    source=overleg.name,
                    on=_day(note.written_at),
                    category=progress,
                )
                for note in case.progress_notes.all()
            ],
            sources=sorted({measure.owner.name for measure in measures}) or [overleg.name],
        ),
        section(
            # AVG 15(4): the export is for the subject, so the related people's own names,
            # dates of birth and addresses stay out; their role and why the plan needs them go in.
            _("Related people"),
            [
                item(
                    {_("Role"): str(person.get_role_display()), _("Why"): person.reason},
                    person,
                    source=overleg.name,
                    on=None,
                    category=DataCategory.FAMILY,
                )
                for person in related
            ],
            withheld=[withheld_related_people()] if related else [],
        ),
        section(
            _("Disclosures and exports"),
            [
                item(
                    _with(
                        {
                            _("To"): disclosure.partner.name,
                            _("On"): iso(_day(disclosure.disclosed_at)),
                            _("Necessity"): disclosure.necessity,
                            _("Permission of the provider"): disclosure.provider_permission,
                            _("Data as disclosed"): disclosed_data(disclosure.snapshot),
                        },
                        consent=(
                            _("Consent of the officier van justitie"),
                            disclosure.prosecutor_consent,
                        ),
                    ),
                    disclosure,
                    source=disclosure.provider.name,
                    on=_day(disclosure.disclosed_at),
                    category=DataCategory.DISCLOSURES,
                )
                for disclosure in disclosures
            ]
            + [
                item(
                    {
                        _("Export of the case"): iso(_day(export.exported_at)),
                        _("Permission of the provider"): export.provider_permission,
                    },
                    export,
                    source=export.provider.name,
                    on=_day(export.exported_at),
                    category=DataCategory.DISCLOSURES,
                )
                for export in exports
            ],
            recipients=sorted({disclosure.partner.name for disclosure in disclosures})
            or recipients,
            sources=sorted(
                {row.provider.name for row in disclosures} | {row.provider.name for row in exports}
            )
            or [overleg.name],
            withheld=[withheld_related_people()]
            if any(RELATED_PART in (d.snapshot or {}) for d in disclosures)
            else [],
        ),
        section(
            _("Meetings, decisions and closing"),
            [
                item(
                    {
                        _("Meeting"): iso(discussion.meeting.held_on),
                        _("Minutes"): discussion.minutes,
                        _("Approach"): discussion.approach,
                        _("How the subject is informed"): discussion.informing,
                    },
                    discussion,
                    source=overleg.name,
                    on=discussion.meeting.held_on,
                    category=approach,
                )
                for discussion in case.discussions.select_related("meeting")
            ]
            + [
                item(
                    _with(
                        {
                            _("Advice to the driehoek"): closing.advice,
                            _("Advised on"): iso(closing.advised_on),
                            _("Reason"): str(closing.get_reason_display()),
                            _("Decided on"): iso(closing.decided_on),
                        },
                        reopened=(_("Reason for reopening"), closing.reopening_reason),
                    ),
                    closing,
                    source=overleg.name,
                    on=closing.advised_on,
                    category=progress,
                )
                for closing in case.closings.all()
            ],
        ),
        section(
            _("Copies and checks of the file"),
            [
                item(
                    _with(
                        {
                            _("Copied from"): source_of(transfer),
                            _("Dossier there"): transfer.source_key,
                            _("On"): iso(_day(transfer.transferred_at)),
                        },
                        check=(_("Check by the receiving controller"), transfer.check_note),
                    ),
                    transfer,
                    source=source_of(transfer),
                    on=_day(transfer.transferred_at),
                    category=approach,
                )
                for transfer in transfers
            ]
            + [
                item(
                    {
                        _("Copied to"): out.to_casusoverleg.name,
                        _("Case number there"): out.to_case_number,
                        _("On"): iso(_day(out.copied_at)),
                        _("Check by the receiving controller"): out.check_note,
                    },
                    out,
                    source=overleg.name,
                    on=_day(out.copied_at),
                    category=DataCategory.DISCLOSURES,
                )
                for out in copies_out
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
                    source=overleg.name,
                    on=_day(check.checked_at),
                    category=progress,
                )
                for check in case.checks.all()
            ],
        ),
    ]
