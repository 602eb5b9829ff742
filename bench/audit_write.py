"""Figure (c) of issue 13: a write with its audit entries against the same write without
(`auditlog.context.disable_auditlog`), as a ratio measured side by side.

Two writes of the uitvoerder through the project's services: a signal entered into an open
weegploeg dossier (`weegploeg.services.enter_signal`) and a measure added to an active case
(`cases.services.add_measure`). Each runs in a transaction that is rolled back, so the data
stay as seeded; with and without audit alternate, N times each.

Target: <= 1.5 (the issue measured 1.15).

    BENCH_REPEATS=20 python -m bench.audit_write"""

import statistics
from datetime import timedelta

from bench import harness

TARGET = 1.5


def _rolled_back(write):
    from django.db import transaction

    def run():
        with transaction.atomic():
            write()
            transaction.set_rollback(True)

    return run


def _writes(keeper) -> list[tuple[str, object]]:
    from django.utils import timezone

    from cases import services as case_services
    from cases.selectors import keepable_cases
    from parties.constants import PartyKind
    from weegploeg import services as weegploeg_services
    from weegploeg.selectors import keepable_assessments

    found = []
    assessment = keepable_assessments(keeper).filter(status="open", archived_at__isnull=True)
    assessment = assessment.select_related("veiligheidshuis").order_by("-last_processed_at").first()
    if assessment is not None:
        region = assessment.veiligheidshuis
        politie = region.parties.filter(kind=PartyKind.POLITIE).first()

        def enter_signal():
            weegploeg_services.enter_signal(
                by=keeper,
                brought_by=politie,
                region=region,
                behaviour="Nieuw signaal (bench).",
                observed_on=timezone.localdate() - timedelta(days=1),
                reporter_name="Melder Bench",
                reporter_contact="06-00000000",
                assessment=assessment,
            )

        found.append(("signal into a weegploeg dossier", enter_signal))
    case = keepable_cases(keeper).filter(status="active").order_by("-last_processed_at").first()
    if case is not None:
        owner = case.participants.filter(until__isnull=True).first().party

        def add_measure():
            case_services.add_measure(
                case,
                by=keeper,
                description="Maatregel (bench).",
                owner=owner,
                deadline=timezone.localdate() + timedelta(days=30),
            )

        found.append(("measure added to a case", add_measure))
    return found


def main() -> int:
    harness.setup()
    from auditlog.context import disable_auditlog

    from config.audit import acting_as

    harness.heading("(c) a write with audit / the same write without")
    runs = max(1, harness.repeats())
    keeper = harness.bench_users().get("uitvoerder")
    if keeper is None:
        print("no uitvoerder in this data set")
        return 0
    print(f"{'write':<40} {'audit ms':>9} {'none ms':>9} {'ratio':>7}")
    worst = 0.0
    for label, write in _writes(keeper):
        run = _rolled_back(write)
        with_audit, without = [], []
        for _ in range(runs):
            with acting_as(keeper):
                with_audit += harness.timed(run, 1)
            with disable_auditlog():
                without += harness.timed(run, 1)
        a, b = statistics.median(with_audit) * 1000, statistics.median(without) * 1000
        value = harness.ratio(a, b)
        worst = max(worst, value)
        print(f"{label:<40} {a:9.1f} {b:9.1f} {value:7.2f}")
    print(f"\nworst ratio {worst:.2f} (target <= {TARGET}: {harness.verdict(worst, TARGET)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
