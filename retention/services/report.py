"""The destruction report of one batch (a sweep run) for the controller (B8; the archive law
asks for proof): a row per destroyed dossier with its file, number, casusoverleg, rule, dates
and the rows deleted per kind, as CSV and as PDF. A keeper sees the records of the files they
keep (`parties.permissions.kept_files`), nobody else's. No personal data is in a record."""

import csv
import io

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from config.pdf import render_pdf
from parties.permissions import kept_files
from retention.models import DestructionRecord


def records_for(user, run) -> list[DestructionRecord]:
    """The records of the batch in the files `user` keeps, in the order they were destroyed."""
    return list(
        DestructionRecord.objects.filter(run=run, data_file__in=kept_files(user))
        .select_related("destroyed_by")
        .order_by("destroyed_at", "pk")
    )


def _day(value) -> str:
    """U4: dates for people as dd-mm-jjjj, in the CSV as on the pages."""
    return value.strftime("%d-%m-%Y") if value else ""


def counts_text(record) -> str:
    return "; ".join(f"{kind}: {number}" for kind, number in sorted(record.counts.items()))


def rows_of(records) -> list[dict[str, str]]:
    """The report's rows, the same in the CSV and the PDF."""
    return [
        {
            _("File"): record.file_name,
            _("Dossier"): record.dossier_key,
            _("Casusoverleg"): record.casusoverleg,
            _("Rule"): record.get_rule_display(),
            _("Opened on"): _day(record.opened_on),
            _("Last processed on"): _day(record.last_processed_on),
            _("Due on"): _day(record.due_on),
            _("Destroyed at"): timezone.localtime(record.destroyed_at).strftime("%d-%m-%Y %H:%M"),
            _("Destroyed by"): str(record.destroyed_by or _("the scheduled sweep")),
            _("Rows destroyed per kind"): counts_text(record),
        }
        for record in records
    ]


def report_csv(records) -> str:
    rows = rows_of(records)
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return out.getvalue()


def report_pdf(run, records) -> bytes:
    rows = rows_of(records)
    return render_pdf(
        "retention/report.html",
        {
            "run": run,
            "headers": list(rows[0]) if rows else [],
            "rows": [list(row.values()) for row in rows],
            "made_at": timezone.localtime(),
        },
        language=translation.get_language() or "nl",
    )
