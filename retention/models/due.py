"""The stored due date of each dossier (issue 13, ADR 0021): the earliest day it could fall due
for archiving or destruction, so the preview and the sweep read the few dossiers due in their
window rather than every dossier's state. Kept by `retention.due_index`; no personal data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierDue(models.Model):
    """A lower bound: on no day before `check_on` does the dossier fall due by
    `retention.rules`. Empty (`check_on` None) while a change to the dossier is not yet worked
    out: then it is looked at every time. `stamp` changes with every such change, so a
    refresh that read the dossier before it does not overwrite it (`retention.due_index`).
    With `destroy_on` set the row holds the dossier's plan (ADR 0031): the preview needs no
    state of it."""

    file_label = models.CharField(_("file"), max_length=30)
    dossier_key = models.CharField(_("dossier"), max_length=40)
    data_file = models.ForeignKey(
        "parties.DataFile",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        db_index=False,  # the index below starts with it
        related_name="+",
        verbose_name=_("file"),
    )
    check_on = models.DateField(_("check on"), null=True, blank=True)
    stamp = models.BigIntegerField(_("change stamp"), default=0)
    # The plan (ADR 0031): what `retention.rules` decide of the dossier, stored exact when only
    # a write can change it. Empty `destroy_on`: no plan stored (not worked out yet, or in
    # progress for as long as its file does not say): its state is read.
    destroy_on = models.DateField(_("destroy on"), null=True, blank=True)
    destroy_rule = models.CharField(_("destroy rule"), max_length=30, blank=True)
    # The archive term's day as if the dossier were not in progress; empty when archived.
    archive_on = models.DateField(_("archive on"), null=True, blank=True)
    # In progress through this day (`DossierState.in_progress_until`): no archiving until after.
    busy_until = models.DateField(_("in progress until"), null=True, blank=True)
    casusoverleg = models.CharField(_("casusoverleg"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("stored due date")
        verbose_name_plural = _("stored due dates")
        constraints = [
            models.UniqueConstraint(
                fields=["file_label", "dossier_key"], name="one_due_date_per_dossier"
            )
        ]
        indexes = [
            models.Index(fields=["check_on"], name="due_check_on"),
            models.Index(fields=["data_file", "check_on"], name="due_file_check_on"),
        ]

    def __str__(self):
        return self.dossier_key
