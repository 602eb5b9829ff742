"""The alarm of a sweep with failures (O3): an e-mail to the keepers of each file a failed
dossier is kept in. Dossier numbers and a link to the retention page only: no personal data."""

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from config.links import link_to
from subjects import registry
from subjects.numbering import sort_key
from subjects.registry import DossierRef


def _keepers(data_file) -> list[str]:
    users = data_file.keeper_group.user_set.filter(is_active=True)
    return sorted({address for address in users.values_list("email", flat=True) if address})


def send_failure_alarm(run, failed: list[DossierRef]) -> int:
    """One mail per file to its keepers; returns the number of mails sent."""
    by_file: dict = defaultdict(list)
    files = {}
    for ref in failed:
        data_file = registry.get(ref.file_label).data_file(ref)
        files[data_file.pk] = data_file
        by_file[data_file.pk].append(ref.key)
    link = link_to(reverse("retention:overview"))
    sent = 0
    for pk, numbers in by_file.items():
        recipients = _keepers(files[pk])
        if not recipients:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            values = {
                "count": len(numbers),
                "numbers": "\n".join(f"- {number}" for number in sorted(numbers, key=sort_key)),
                "date": run.as_of.strftime("%d-%m-%Y"),
                "link": link,
            }
            subject = _("Retention: %(count)d dossier(s) could not be archived or destroyed") % (
                values
            )
            body = (
                _(
                    "The retention sweep as of %(date)s could not archive or destroy these "
                    "dossiers:\n\n%(numbers)s\n\n"
                    "They are left whole and marked failed; the next sweep tries again. "
                    "See the reasons: %(link)s"
                )
                % values
            )
        send_mail(subject, body, None, recipients)
        sent += 1
    return sent
