"""What leaves the register (S3): the answers the AP's notification form (Meldformulier
datalekken) asks, as plain text to copy into the form, and a PDF of the register entry for the
controller. Both are made from the same list of questions and answers, so they never differ."""

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from config.pdf import render_pdf
from security.models.incidents import ApDecision, Incident, SubjectsDecision
from security.services.breach_clock import clock_of


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%d-%m-%Y %H:%M") if moment else "-"


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def _count(number, estimated: bool) -> str:
    if number is None:
        return _("Unknown")
    return _("%(number)d (estimate)") % {"number": number} if estimated else str(number)


def _text(value: str) -> str:
    return value.strip() or "-"


def ap_answers(incident: Incident) -> list[tuple[str, list[tuple[str, str]]]]:
    """The Meldformulier's sections, each with its questions and this incident's answers."""
    files = ", ".join(data_file.name for data_file in incident.files.all()) or "-"
    subjects = {
        SubjectsDecision.INFORM: _("Yes"),
        SubjectsDecision.NOT_INFORM: _("No"),
    }.get(incident.subjects_decision, _("Not yet decided"))
    return [
        (
            _("Organisation and contact"),
            [
                (_("Organisation"), incident.veiligheidshuis.name),
                (_("Contact person (name, function, telephone, e-mail)"), _text(incident.contact)),
                (_("Our reference"), incident.number),
            ],
        ),
        (
            _("The data breach"),
            [
                (_("Summary: what happened"), _text(incident.what_happened)),
                (_("When did it happen (date or period)"), _text(incident.occurred)),
                (_("When was it discovered"), _when(incident.discovered_at)),
                (
                    _("Nature of the breach"),
                    ", ".join(incident.nature_labels()) or "-",
                ),
                (_("Files and casusoverleggen concerned"), files),
                (_("Kinds of personal data"), _text(incident.data_kinds)),
                (_("Special categories of personal data"), _yes_no(incident.special_categories)),
                (_("Criminal-law data"), _yes_no(incident.criminal_data)),
                (
                    _("Number of people concerned"),
                    _count(incident.people_count, incident.people_estimated),
                ),
                (
                    _("Number of records concerned"),
                    _count(incident.records_count, incident.records_estimated),
                ),
                (_("Likely consequences for the people concerned"), _text(incident.consequences)),
            ],
        ),
        (
            _("Measures"),
            [
                (
                    _("Technical protection before the breach (encryption, for example)"),
                    _text(incident.measures_before),
                ),
                (_("Measures taken after the breach"), _text(incident.measures_after)),
            ],
        ),
        (
            _("Telling the people concerned (AVG 34)"),
            [
                (_("Are the people concerned told"), subjects),
                (_("Reasons"), _text(incident.subjects_reasons)),
                (
                    _("Told on"),
                    incident.subjects_informed_on.strftime("%d-%m-%Y")
                    if incident.subjects_informed_on
                    else "-",
                ),
            ],
        ),
        (
            _("International aspects"),
            [(_("Are people in other EU countries concerned"), _yes_no(incident.cross_border))],
        ),
        (
            _("The notification"),
            [
                (_("Notified at"), _when(incident.notified_at)),
                (_("Reference of the AP"), _text(incident.notification_reference)),
                (_("Reasons for a notification after 72 hours"), _text(incident.late_reasons)),
            ],
        ),
    ]


def ap_text(incident: Incident) -> str:
    """The answers as plain text, one question per line, ready to copy."""
    lines = [_("Answers for the Meldformulier datalekken of the Autoriteit Persoonsgegevens")]
    for section, answers in ap_answers(incident):
        lines += ["", f"== {section} =="]
        for question, answer in answers:
            lines.append(f"{question}: {answer}")
    return "\n".join(lines) + "\n"


def register_rows(incident: Incident) -> list[tuple[str, str]]:
    """The register entry as the controller reads it (AVG 33.5)."""
    ap = dict(ApDecision.choices).get(incident.ap_decision, _("Not yet decided"))
    clock = clock_of(incident)
    return [
        (_("Number"), incident.number),
        (_("Veiligheidshuis"), incident.veiligheidshuis.name),
        (_("Kind"), incident.get_kind_display() or _("Not yet assessed")),
        (_("Reported at"), _when(incident.reported_at)),
        (_("Discovered at"), _when(incident.discovered_at)),
        (_("Deadline to notify the AP"), _when(clock.deadline)),
        (_("What happened"), _text(incident.what_happened)),
        (_("What may be affected"), _text(incident.affected)),
        (_("Notify the AP"), str(ap)),
        (_("Reasons (AP)"), _text(incident.ap_reasons)),
        (_("Follow-up"), _text(incident.follow_up)),
        (_("Closed at"), _when(incident.closed_at)),
    ]


def register_pdf(incident: Incident) -> bytes:
    return render_pdf(
        "security/incidents/register_pdf.html",
        {
            "incident": incident,
            "rows": register_rows(incident),
            "sections": ap_answers(incident),
            "made_at": timezone.localtime(),
        },
        language=translation.get_language() or "nl",
    )
