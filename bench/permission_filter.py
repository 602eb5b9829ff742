"""Figure (b) of issue 13: a permission-filtered list against the same rows selected without
permissions, as a ratio measured side by side.

For the politie, a gemeente, the uitvoerder and a casuspartij: the first page (25 rows, newest
first) and the count of their visible dossiers as every list and API endpoint reads them (the
count stops past 1,000, `config.pages.CappedPaginator`), through the project's selector
(`weegploeg.selectors.visible_assessments`, `cases.selectors.visible_cases`: the pks among the
objects of the user's rows in the group permission table, `subjects.permissions.held`), and
the same rows described by plain columns (the Veiligheidshuizen, the gemeente, the parties
taking part) with no permission table. The two sets are checked to
be equal before they are timed, alternating, N times each.

Target: <= 1.3, for the list as it is read (page and capped count). The last column times the
full count of every visible dossier, which no page or endpoint reads since the count was capped
(issue 13): shown so the cost of counting a large visible set stays in view, not in the verdict.

    BENCH_REPEATS=20 python -m bench.permission_filter

The plan PostgreSQL picks for a page follows its estimate of how many dossiers the user sees:
started from the user's permission rows and sorted (a few hundred), or the list's own index read
newest first and checked against them (thousands). With the user's groups as a subquery it can
only guess that from the average group, so a page, in the request scope of its user
(`parties.rights`), writes the user's group and permission ids into the query as values
(`subjects.permissions.held`), which with the statistics of the `permission_statistics`
migrations lets it estimate from the user's own groups. The permission-filtered side is built
here as a page builds it: inside `parties.rights.request_scope` with the user `adopt`ed, as
`parties.middleware.AccessMiddleware` does. Run `VACUUM ANALYZE` after seeding, as autovacuum
would in production, before measuring."""

import statistics

from bench import harness

TARGET = 1.3
PAGE = 25


def _plain_assessments(user):
    """The assessments the rule of `weegploeg.permissions.reading_parties` gives the user's
    party, selected by their columns: every one of its Veiligheidshuizen for politie and OM,
    those of its gemeente for a gemeente; a keeper sees every one of its regions."""
    from parties.constants import FileKind, PartyKind
    from parties.models import DataFile
    from parties.permissions import live_authorisations
    from weegploeg.models import Assessment

    party = user.membership.party
    files = live_authorisations(user).filter(file__kind=FileKind.WEEGPLOEG).values("file")
    regions = DataFile.objects.filter(pk__in=files).values("veiligheidshuis")
    rows = Assessment.objects.filter(veiligheidshuis__in=regions)
    if party.kind == PartyKind.GEMEENTE and not _keeps(user):
        rows = rows.filter(municipality_code=party.municipality_code)
    return rows


def _plain_cases(user):
    """The cases of the casusoverleggen the user is authorised for in which the user's party
    takes part (archived ones only for a kernpartij), by their columns."""
    from cases.models import Case, CasusOverleg
    from parties.constants import FileKind, PartyRole
    from parties.permissions import live_authorisations

    party = user.membership.party
    keys = (
        live_authorisations(user)
        .filter(file__kind=FileKind.ICO)
        .values_list("file__key", flat=True)
    )
    overleggen = CasusOverleg.objects.filter(pk__in=[int(key) for key in keys])
    rows = Case.objects.filter(casusoverleg__in=overleggen)
    if _keeps(user):
        return rows
    rows = rows.filter(participants__party=party, participants__until__isnull=True)
    if party.role != PartyRole.KERNPARTIJ:
        rows = rows.exclude(status="archived")
    return rows


def _keeps(user) -> bool:
    from parties.constants import Function

    return Function.UITVOERDER in user.membership.function_codes()


def _evaluate(queryset):
    """A list's first page, read as the lists read it: its rows and the capped count."""
    from config.pages import CappedPaginator

    paginator = CappedPaginator(queryset.order_by("-last_processed_at", "pk"), PAGE)
    return list(paginator.page(1)), paginator.count


def _full_count(queryset):
    return queryset.count()


def as_a_page(selector, user):
    """`selector(user)` built as a page of `user` builds it: in a request scope with the user's
    rights kept (the group and permission ids written into the query)."""
    from parties import rights

    with rights.request_scope():
        rights.adopt(user)
        return selector(user)


def compare(label, filtered, plain, runs: int) -> float | None:
    filtered_ids = set(filtered.values_list("pk", flat=True))
    plain_ids = set(plain.values_list("pk", flat=True))
    if filtered_ids != plain_ids:
        print(f"{label:<36} the sets differ ({len(filtered_ids)} vs {len(plain_ids)}): skipped")
        return None
    with_permissions, without, full_with, full_without = [], [], [], []
    for _ in range(runs):
        with_permissions += harness.timed(lambda: _evaluate(filtered), 1)
        without += harness.timed(lambda: _evaluate(plain), 1)
        full_with += harness.timed(lambda: _full_count(filtered), 1)
        full_without += harness.timed(lambda: _full_count(plain), 1)
    a, b = statistics.median(with_permissions) * 1000, statistics.median(without) * 1000
    value = harness.ratio(a, b)
    full = harness.ratio(statistics.median(full_with), statistics.median(full_without))
    print(f"{label:<36} {len(filtered_ids):>7} {a:9.1f} {b:9.1f} {value:7.2f} {full:7.2f}")
    return value


def main() -> int:
    harness.setup()
    from cases.selectors import visible_cases
    from weegploeg.selectors import visible_assessments

    harness.heading("(b) permission-filtered list / the same rows without permissions")
    runs = max(1, harness.repeats())
    users = harness.bench_users()
    print(f"{'list':<36} {'rows':>7} {'perm ms':>9} {'plain ms':>9} {'ratio':>7} {'full n':>7}")
    ratios = []
    for function in ("politie", "gemeente", "uitvoerder"):
        user = users.get(function)
        if user is not None:
            found = compare(
                f"assessments of the {function}",
                as_a_page(visible_assessments, user),
                _plain_assessments(user),
                runs,
            )
            ratios.append(found)
    for function in ("politie", "casuspartij", "uitvoerder"):
        user = users.get(function)
        if user is not None:
            found = compare(
                f"cases of the {function}",
                as_a_page(visible_cases, user),
                _plain_cases(user),
                runs,
            )
            ratios.append(found)
    measured = [r for r in ratios if r is not None]
    if measured:
        worst = max(measured)
        print(f"\nworst ratio {worst:.2f} (target <= {TARGET}: {harness.verdict(worst, TARGET)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
