"""Optimistic concurrency (S1, U5; docs/adr/0012-optimistic-concurrency.md): an edit carries the
version of the object it read, and a save over a newer version is refused, so the later of two
edits never silently undoes the earlier one.

One place for the rule: `claim_version` compares under a row lock and moves the version on; the
services call it before they save (through `save()`, so auditlog still sees the change). Pages
carry the version in a hidden form field (`VersionedForm`), the API in `ETag` / `If-Match`
(`config.concurrency_api`).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _


class StaleVersion(ValidationError):
    """The object changed after the user read it. `current` is its version now."""

    def __init__(self, current: int):
        super().__init__(
            _(
                "Someone else changed this in the meantime. What you entered has not been saved "
                "but is kept below: check the current data and save again to overwrite it."
            ),
            code="stale",
        )
        self.current = current


class VersionMissing(ValidationError):
    """The edit did not say which version it read (an API update without If-Match)."""

    def __init__(self):
        super().__init__(
            _("Send the ETag of the object as you read it in the If-Match header."),
            code="version_missing",
        )


# Passed as `expected_version` when the edit did not say which version it read: refused, after
# the service's own checks (who may edit comes first).
MISSING = -1


def claim_version(instance: models.Model, expected_version: int | None) -> None:
    """Lock the row, refuse when it is no longer at `expected_version`, and move the instance's
    version one up; the caller saves the instance in the same transaction. `None` means no
    check (a service called by another service, the demo data): the version still moves on;
    `MISSING` is refused with `VersionMissing`."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("claim_version runs inside the service's transaction.")
    current = (
        type(instance)
        ._default_manager.select_for_update()
        .filter(pk=instance.pk)
        .values_list("version", flat=True)
        .get()
    )
    if expected_version == MISSING:
        raise VersionMissing
    if expected_version is not None and expected_version != current:
        raise StaleVersion(current)
    instance.version = current + 1


def bump_version(instance: models.Model, expected_version: int | None = None) -> None:
    """`claim_version` and save only the version: for an edit of the rows an object holds (the
    goals of a plan) rather than of its own fields."""
    claim_version(instance, expected_version)
    instance.save(update_fields=["version"])


# --- pages -------------------------------------------------------------------------------------


class VersionedForm(forms.Form):
    """A form that edits an object as a whole: it carries the version that was read (give it as
    `initial["version"]`). When the service refuses a stale save, the form keeps what was typed,
    shows why, and now carries the current version, so saving again is a deliberate overwrite."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def add_error(self, field, error):
        if isinstance(error, StaleVersion) and self.is_bound:
            self.data = self.data.copy()
            self.data[self.add_prefix("version")] = str(error.current)
        super().add_error(field, error)
