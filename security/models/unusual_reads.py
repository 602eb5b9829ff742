"""The unusual reads worked out ahead (S2, CTER 15.1e; issue 13, docs/adr/0027): one row per
read of the access log that stands out, with the reasons it stands out for, kept by a job on
beat (`security.services.unusual_reads`) so the access log and the dashboards count and list
them from this table instead of working the rules out over every read of the period."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnusualRead(models.Model):
    """A read that stands out, and why (the codes of `security.anomalies.Reason`). The row goes
    with its audit entry (`delete_entries`). `timestamp`, `actor_id` and `actor_party_id` are
    copies of the entry's; `data_file_id` is the parties.DataFile the dossier read is kept in
    (through the registry, as the job found it; looked at again when the dossier changes): with
    the party, who oversees the read (`security.selectors.access_log.overseen_scope`)."""

    # No foreign key constraint and DO_NOTHING: deleting audit entries stays one fast DELETE;
    # `security.services.chain.delete_entries` deletes these rows in the same transaction.
    entry = models.OneToOneField(
        "security.AuditEntry",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        primary_key=True,
        related_name="unusual",
        verbose_name=_("audit entry"),
    )
    actor_id = models.IntegerField(_("reader"))
    actor_party_id = models.IntegerField(_("reader's party"), null=True, blank=True)
    data_file_id = models.IntegerField(_("file of the dossier"), null=True, blank=True)
    timestamp = models.DateTimeField(_("read at"))
    day = models.DateField(_("day"))
    many = models.BooleanField(_("far more reads than usual"), default=False)
    outside = models.BooleanField(_("outside the reader's files"), default=False)
    archived = models.BooleanField(_("dossier in the archive"), default=False)
    night = models.BooleanField(_("at night"), default=False)

    class Meta:
        verbose_name = _("unusual read")
        verbose_name_plural = _("unusual reads")
        # Who oversees a read: its reader's party, or the file of its dossier; then the period.
        indexes = [
            models.Index(fields=["actor_party_id", "timestamp"], name="unusual_read_party_time"),
            models.Index(fields=["data_file_id", "timestamp"], name="unusual_read_file_time"),
        ]

    def __str__(self):
        return f"{self.pk}"


class UnusualReadsProgress(models.Model):
    """The one row that says how far the audit entries were worked out: the chain's sequence
    number of the last entry looked at (entries are taken in the order they were sealed, so
    none is skipped whatever order their transactions committed in), and when."""

    sequence = models.BigIntegerField(_("sequence"), default=0)
    worked_out_at = models.DateTimeField(_("worked out at"), null=True, blank=True)

    class Meta:
        verbose_name = _("progress of the unusual reads")
        verbose_name_plural = _("progress of the unusual reads")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="one_unusual_reads_progress")
        ]

    def __str__(self):
        return f"{self.sequence}"
