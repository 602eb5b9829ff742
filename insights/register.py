"""The register of processing activities (AVG 30), generated: one entry per `parties.DataFile`
(the weegploeg of a Veiligheidshuis, each casusoverleg), from what the application keeps:

- purpose, legal basis, what is processed and its categories: the file's rights settings
  (`rights.services.file_settings.settings_for`, the covenant's defaults until the beheerder
  sets them, I4);
- the recipients: the parties with a group for the file (P8: who may read it);
- the terms: `retention.terms` (archive and destruction, B3, B4);
- the controller: the kernpartijen of the Veiligheidshuis jointly (CTER art. 4, VH art. 4).

No personal data: the contact person of the letter is not in the register; its function is.
The Logboek Dataverwerkingen export names an entry by its URL (`insights:processing-activity`).
"""

import csv
import io
from dataclasses import dataclass

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from config.pdf import render_pdf
from parties.constants import PartyRole
from parties.models import Party
from retention.terms import describe, terms_by_file
from rights.services.file_settings import settings_by_file


@dataclass
class Entry:
    data_file: object
    region: str
    kind: str
    name: str
    processing: str
    purpose: str
    legal_basis: str
    categories: str
    retention: str
    terms: str
    recipients: list[str]
    controllers: list[str]
    request_term: str
    answered_by: str
    url: str

    def rows(self) -> list[tuple[str, str]]:
        """The entry as (heading, text) in the register's order: page, CSV and PDF alike."""
        return [
            (_("Veiligheidshuis"), self.region),
            (_("Processing activity"), self.name),
            (_("Kind"), self.kind),
            (_("Controller"), ", ".join(self.controllers)),
            (_("Purpose"), self.purpose),
            (_("Legal basis"), self.legal_basis),
            (_("What is processed"), self.processing),
            (_("Categories of data"), self.categories),
            (_("Recipients"), ", ".join(self.recipients)),
            (_("Retention terms"), self.terms),
            (_("Retention (as told to the subject)"), self.retention),
            (_("Term to answer a request"), self.request_term),
            (_("Requests answered by"), self.answered_by),
        ]


def _controllers(region_ids) -> dict[int, list[str]]:
    """The kernpartijen of each Veiligheidshuis (the controllers jointly), by name (one query)."""
    controllers = {pk: [] for pk in region_ids}
    rows = (
        Party.veiligheidshuizen.through.objects.filter(
            veiligheidshuis__in=controllers, party__role=PartyRole.KERNPARTIJ
        )
        .order_by("party__name", "party_id")
        .values_list("veiligheidshuis_id", "party__name")
    )
    for region, name in rows:
        controllers[region].append(name)
    return controllers


def entry_of(data_file) -> Entry:
    return entries_of([data_file])[0]


def entries_of(data_files) -> list[Entry]:
    """The entries of `data_files` (read with their Veiligheidshuis and their groups' parties,
    `entries`), in their order: their settings, terms and controllers read for all of them at
    once (issue 13: a constant number of queries per page)."""
    data_files = list(data_files)
    settings_of = settings_by_file(data_files)
    terms_of = terms_by_file(
        [data_file.pk for data_file in data_files],
        kinds={data_file.pk: data_file.kind for data_file in data_files},
    )
    controllers = _controllers({data_file.veiligheidshuis_id for data_file in data_files})
    found = []
    for data_file in data_files:
        settings = settings_of[data_file.pk]
        days = settings.request_term_days
        recipients = sorted(group.party.name for group in data_file.party_groups.all())
        found.append(
            Entry(
                data_file=data_file,
                region=data_file.veiligheidshuis.name,
                kind=data_file.get_kind_display(),
                name=data_file.name,
                processing=settings.processing,
                purpose=settings.purpose,
                legal_basis=settings.legal_basis,
                categories=settings.categories,
                retention=settings.retention,
                terms=describe(terms_of[data_file.pk]),
                recipients=recipients,
                controllers=controllers[data_file.veiligheidshuis_id],
                request_term=(
                    _("%(days)d days") % {"days": days} if days else _("One month (AVG 12.3)")
                ),
                answered_by=settings.sender,
                url=reverse("insights:processing-activity", args=[data_file.pk]),
            )
        )
    return found


def with_parties(files):
    """`files` read with their Veiligheidshuis and the parties of their groups (the recipients)."""
    from parties.models import FileGroup

    return files.select_related("veiligheidshuis").prefetch_related(
        Prefetch("party_groups", queryset=FileGroup.objects.select_related("party"))
    )


def entries(files) -> list[Entry]:
    return entries_of(with_parties(files).order_by("veiligheidshuis__name", "kind", "name"))


def register_csv(found: list[Entry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    if found:
        writer.writerow([heading for heading, _text in found[0].rows()])
    for entry in found:
        writer.writerow([text for _heading, text in entry.rows()])
    return out.getvalue()


def register_pdf(found: list[Entry]) -> bytes:
    return render_pdf(
        "insights/register_pdf.html",
        {"entries": found, "made_at": timezone.localtime()},
        language=translation.get_language() or "nl",
    )
