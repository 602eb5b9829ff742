"""The demo's management information (U6, ADR 0028): the summary worked out once every other
demo seeder has run, so the page shows figures right after `make run` (no worker needed)."""

from insights import summary


def seed() -> None:
    summary.recompute()
