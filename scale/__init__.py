"""The national-scale seed (issue 13): `manage.py seed_scale --scale national|0.1|<float>`.

Not an app and not part of the product's pages: a loader that writes the tables of every file
at once, so it sits above every app, as `config` does (ARCHITECTURE: parties <- subjects <-
rights/retention/security <- weegploeg/cases; only the composition root knows them all). The
command itself lives beside `seed_demo` in parties and imports this package when it runs.

- `plan`: the figures at national scale and what a scale makes of them;
- `bulk`: ids taken in blocks and PostgreSQL's COPY (psycopg 3);
- `people`: synthetic people, names from Faker (nl_NL) pools;
- `structure`: regions, gemeenten, parties, users, their functions and file authorisations;
- `weegploeg`, `cases`, `plans`, `duties`: the dossiers of both files and what hangs on them;
- `permissions`: object permissions through the project's own sync;
- `audit`: the audit entries, sealed in the project's hash chain;
- `run`: the order of it all, the refusal of a non-empty database and the progress bar.
"""
