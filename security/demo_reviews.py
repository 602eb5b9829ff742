"""Demo data of P4 and S5 (a late seeder): the open authorisation review of the current period
for the police, and one evaluation of the security policy of Kennemerland by the FG, a year
after which the next is due. Runs once: a second seed changes nothing."""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from config.audit import acting_as
from parties.models import Party, User, Veiligheidshuis
from security.models import AuthorisationReview, PolicyEvaluation
from security.services.authorisation_reviews import period_of
from security.services.policy import next_date

PARTY = "Politie eenheid Noord-Holland"
REGION = "kennemerland"
FG = "fg"
FINDINGS = (
    "Het beveiligingsplan is doorgelopen met de uitvoerder. Autorisaties worden per kwartaal "
    "gecontroleerd; twee accounts zonder gebruik zijn geschorst."
)
MEASURES = (
    "De instructie voor het melden van datalekken wordt opnieuw onder de deelnemers verspreid."
)


def seed() -> None:
    party = Party.objects.filter(name=PARTY).first()
    region = Veiligheidshuis.objects.filter(code=REGION).first()
    fg = User.objects.filter(username=FG).first()
    if party is None or region is None or fg is None:
        return
    today = timezone.localdate()
    start, end = period_of(today)
    with acting_as(None, system_name="seed_demo"), transaction.atomic():
        AuthorisationReview.objects.get_or_create(
            party=party,
            period_start=start,
            defaults={
                "period_end": end,
                "due_on": start + relativedelta(days=settings.AUTHORISATION_REVIEW_DUE_DAYS),
            },
        )
        if not PolicyEvaluation.objects.filter(veiligheidshuis=region).exists():
            evaluated_on = today - relativedelta(months=2)
            PolicyEvaluation.objects.create(
                veiligheidshuis=region,
                evaluated_on=evaluated_on,
                evaluated_by=fg,
                findings=FINDINGS,
                measures=MEASURES,
                next_on=next_date(evaluated_on),
            )
