"""One row of each P4/S5 model that auditlog registers, with recognisable values, for the test
that no str() shows personal data (tests/security/test_audit.py, S2)."""

from datetime import date

from django.utils import timezone

from security import models


def review_instances(party, user) -> dict:
    review = models.AuthorisationReview.objects.create(
        party=party,
        period_start=date(2027, 1, 1),
        period_end=date(2027, 3, 31),
        due_on=date(2027, 1, 31),
        remarks="Opmerking over Achternaam",
    )
    item = models.ReviewItem.objects.create(
        review=review,
        user=user,
        kind=models.ReviewItemKind.FUNCTION,
        function="deelnemer",
        decision=models.ReviewDecision.REVOKE,
        reason="Herkenbare reden voor Achternaam",
    )
    suspension = models.AccountSuspension.objects.create(
        user=user,
        since=timezone.now(),
        reason="dormant",
        reinstated_by=user,
        reinstated_at=timezone.now(),
        reinstate_reason="Herkenbare herstelreden",
    )
    evaluation = models.PolicyEvaluation.objects.create(
        veiligheidshuis=party.veiligheidshuizen.first(),
        evaluated_on=date(2027, 1, 1),
        evaluated_by=user,
        findings="Bevinding over Achternaam",
        measures="Maatregel voor Zichtbarevoornaam",
        next_on=date(2028, 1, 1),
    )
    return {
        models.AuthorisationReview: review,
        models.ReviewItem: item,
        models.AccountSuspension: suspension,
        models.PolicyEvaluation: evaluation,
    }
