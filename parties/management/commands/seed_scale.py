"""`manage.py seed_scale --scale national|0.1|<float>` (issue 13): a country of synthetic data in
an empty database, for `make bench`. The work is in the top-level `scale` package, which writes
the tables of every file and so sits above every app (it is no app: this command is its door,
beside seed_demo)."""

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Fill an empty database with synthetic data at national scale (or a share of it): "
        "25 Veiligheidshuizen, every gemeente, 5,800 users, 250,000 assessments, 338,000 "
        "signals, 60,000 cases, 300,000 measures and 10 million audit entries at scale 1."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            default="national",
            help="'national' (1) or a share of it, e.g. 0.1 or 0.0005 (default: national).",
        )
        parser.add_argument(
            "--access-entries",
            type=int,
            default=0,
            help="Extra access entries (reads) in the audit log, e.g. 100000000 for a year of "
            "reads at national scale (default: none).",
        )
        parser.add_argument(
            "--seed", type=int, default=13, help="The random seed: the same seed, the same data."
        )
        parser.add_argument(
            "--sample",
            type=int,
            default=50,
            help="Dossiers and users of each kind whose permissions are checked against the "
            "project's own sync at the end (default: 50).",
        )
        parser.add_argument(
            "--keep-audit-indexes",
            action="store_true",
            help="Keep the audit table's indexes while its entries stream in (slower).",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, **options):
        from tqdm import tqdm

        from scale.plan import parse_scale
        from scale.run import NotEmpty, seed

        try:
            scale = parse_scale(options["scale"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        bar = None
        if not options["no_progress"]:
            bar = tqdm(unit=" rows", unit_scale=True, dynamic_ncols=True, file=self.stderr)
        try:
            result = seed(
                scale,
                access_entries=options["access_entries"],
                seed_number=options["seed"],
                sample=options["sample"],
                bar=bar,
                keep_audit_indexes=options["keep_audit_indexes"],
            )
        except NotEmpty as error:
            raise CommandError(str(error)) from error
        finally:
            if bar is not None:
                bar.close()
        held = ", ".join(f"{count} {name}" for name, count in result.counts.items())
        self.stdout.write(
            f"Seeded scale {result.plan.scale:g}: {held} (counted in the database); "
            f"{result.rows} rows in {result.seconds:.0f} s. Permissions through the project's "
            f"sync for {result.syncs}; a sample of {options['sample']} of each agrees."
        )
        if options["verbosity"] > 1:
            for phase, seconds in result.phases:
                self.stdout.write(f"  {phase:<28} {seconds:7.1f} s")
