"""Figure (e) of issue 13: the access-request overview PDF of one person across all files
(R4): the time `rights.services.overview.make_overview_letter` takes, side by side with the
overview without its PDF (`build_overview`), so the ratio shows what the rendering costs.

The person is one the weegploeg put on the agenda of a casusoverleg: a dossier in the weegploeg
and a case in the ICO, both found by the request's identity. The request goes through the
rights services as at the desk (received, identity recorded, dossiers confirmed), all in a
transaction that is rolled back, N times.

Target: <= 1 s.

    BENCH_REPEATS=5 python -m bench.access_pdf"""

import statistics

from bench import harness

TARGET_SECONDS = 1.0


def _request(keeper, assessment):
    from django.utils import timezone

    from rights.constants import Channel, IdentityMethod, RequesterKind, RequestKind
    from rights.services import intake, requests

    subject_request = intake.receive_request(
        by=keeper,
        veiligheidshuis=assessment.veiligheidshuis,
        received_on=timezone.localdate(),
        kinds=[RequestKind.ACCESS],
        channel=Channel.LETTER,
        requester_kind=RequesterKind.SUBJECT,
        surname=assessment.surname,
        prefix=assessment.prefix,
        given_names=assessment.given_names,
        date_of_birth=assessment.date_of_birth,
        bsn="",
        explanation="Inzage (bench).",
        reply_address=f"{assessment.street} {assessment.house_number}\n{assessment.postcode}",
    )
    intake.record_identity(subject_request, by=keeper, method=IdentityMethod.ID_AT_DESK)
    for candidate in requests.find_candidates(subject_request, by=keeper):
        requests.confirm_dossier(subject_request, candidate.ref, by=keeper)
    return subject_request


def _person(keeper):
    """An assessment of the keeper's region that went to a case (W6), newest first."""
    from weegploeg.models import CaseTransfer
    from weegploeg.selectors import keepable_assessments

    transfer = (
        CaseTransfer.objects.filter(assessment__in=keepable_assessments(keeper))
        .select_related("assessment__veiligheidshuis")
        .order_by("-transferred_at")
        .first()
    )
    return transfer.assessment if transfer else None


def main() -> int:
    harness.setup()
    from django.db import transaction

    from rights.services.overview import build_overview, make_overview_letter

    harness.heading("(e) the access overview PDF of one person across all files")
    keeper = harness.bench_users().get("uitvoerder")
    assessment = _person(keeper) if keeper else None
    if assessment is None:
        print("no person in both files in this data set")
        return 0
    runs = max(3, harness.repeats(5) // 4)
    with_pdf, without_pdf, sizes, dossiers = [], [], [], 0
    # CPU seconds of this process (Python and the PDF's layout, not the database): on a machine
    # shared with other work the wall time moves with the load, the CPU time much less.
    pdf_cpu: list[float] = []
    overview_cpu: list[float] = []
    for _ in range(runs):
        with transaction.atomic():
            subject_request = _request(keeper, assessment)
            dossiers = subject_request.dossiers.count()
            without_pdf += harness.timed(
                lambda r=subject_request: build_overview(r, by=keeper), 1, overview_cpu
            )
            letters = []
            with_pdf += harness.timed(
                lambda r=subject_request, out=letters: out.append(
                    make_overview_letter(r, by=keeper)
                ),
                1,
                pdf_cpu,
            )
            sizes.append(len(letters[0].pdf))
            transaction.set_rollback(True)
    pdf, overview = statistics.median(with_pdf), statistics.median(without_pdf)
    print(
        f"dossiers in the overview: {dossiers}; PDF {statistics.median(sizes) / 1024:.0f} KB; "
        f"{runs} runs"
    )
    print(f"overview without PDF {overview * 1000:.0f} ms; with its PDF {pdf * 1000:.0f} ms")
    print(
        f"CPU of this process: overview {statistics.median(overview_cpu) * 1000:.0f} ms; "
        f"with its PDF {statistics.median(pdf_cpu) * 1000:.0f} ms"
    )
    print(
        f"PDF / overview {harness.ratio(pdf, overview):.1f}; the PDF in {pdf:.2f} s "
        f"(target <= {TARGET_SECONDS:.0f} s: {harness.verdict(pdf, TARGET_SECONDS)})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
