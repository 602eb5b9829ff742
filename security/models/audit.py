import copy

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.db import models
from django.utils.translation import gettext_lazy as _


def dossier_columns(instance) -> dict:
    """The dossier an entry about `instance` belongs to, as the entry's columns (S2, B8): a row
    of a file, or a row that names a dossier (`config.audit.named_dossier_columns`: a duty, a
    letter, a hold); empty for a row of no dossier (a user, a meeting)."""
    from config.audit import named_dossier_columns
    from subjects.registry import dossier_of

    ref = dossier_of(instance)
    if ref is None:
        return named_dossier_columns(instance)
    return {"file_label": ref.file_label, "dossier_key": ref.key}


class AuditEntryManager(LogEntryManager):
    """The one place where every entry auditlog writes (create, update, delete, access and
    many-to-many changes) gets its dossier."""

    def log_create(self, instance, force_log: bool = False, **kwargs):
        if kwargs.get("changes") is not None or force_log:
            for column, value in dossier_columns(instance).items():
                kwargs.setdefault(column, value)
        return super().log_create(instance, force_log, **kwargs)

    def log_m2m_changes(self, changed_queryset, instance, operation, field_name, **kwargs):
        if changed_queryset:
            for column, value in dossier_columns(instance).items():
                kwargs.setdefault(column, value)
        return super().log_m2m_changes(changed_queryset, instance, operation, field_name, **kwargs)

    def for_dossier(self, ref):
        """A dossier's whole trail, rows deleted long ago included."""
        return self.filter(file_label=ref.file_label, dossier_key=ref.key)


def unindexed(name: str):
    """auditlog's field `name` exactly as its abstract model declares it, without an index of
    its own (issue 13)."""
    field = copy.deepcopy(AbstractLogEntry._meta.get_field(name))  # as Django inherits it
    field.db_index = False
    return field


class AuditEntry(AbstractLogEntry):
    """django-auditlog's entry, with the party the actor acted for (S2) and the dossier the
    entry is about (file label and key, B8).

    The party's name is copied so the entry still reads after the party or user is gone.

    Indexes (issue 13; docs/adr/0019-audit-table-without-partitions.md): the table is the
    largest of all and every request writes to it, so it has only the indexes its queries use,
    each ending in the time the queries order or bound by. auditlog's abstract model indexes
    `content_type`, `object_pk`, `object_id`, `action` and `cid` one by one; those are
    redeclared below as auditlog declares them, without `db_index` (`unindexed`), and the
    composite indexes in `Meta` serve their queries instead.
    """

    # Not indexed on their own: (content type, object id, time) serves a row's history
    # (`cases.history`), an erasure (`get_for_object`), a destruction's trail
    # (`config.audit.delete_with_trail`) and the content type's foreign key; (actor, time) the
    # filter on a user, the reads per user and day, and the actor's SET_NULL. Nothing looks an
    # entry up by its text key, its action alone (four values) or its correlation id.
    content_type = unindexed("content_type")
    object_pk = unindexed("object_pk")
    object_id = unindexed("object_id")
    action = unindexed("action")
    cid = unindexed("cid")
    actor = unindexed("actor")
    actor_party = models.ForeignKey(
        "parties.Party",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("party of the actor"),
        db_index=False,  # (actor party, time) below
    )
    actor_party_name = models.CharField(_("party name"), max_length=200, blank=True)
    file_label = models.CharField(_("file"), max_length=30, blank=True, default="")
    dossier_key = models.CharField(_("dossier"), max_length=40, blank=True, default="")
    # The hash chain (S2, CTER 15.1e): empty until the sealing job (`security.services.chain`)
    # gives the entry its place; then `entry_hash` covers `previous_hash` and the entry's
    # content, so a changed, removed or reordered entry is found by `verify_audit_chain`.
    sequence = models.BigIntegerField(_("sequence"), null=True, blank=True, unique=True)
    previous_hash = models.CharField(_("previous hash"), max_length=64, blank=True, default="")
    entry_hash = models.CharField(_("entry hash"), max_length=64, blank=True, default="")

    objects = AuditEntryManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [
            # The access log of a Veiligheidshuis's parties, newest first.
            models.Index(fields=["actor_party", "timestamp"]),
            models.Index(fields=["actor", "timestamp"], name="audit_entry_actor_time"),
            # A dossier's trail in time order, and its purge (B8).
            models.Index(
                fields=["file_label", "dossier_key", "timestamp"], name="audit_entry_dossier_time"
            ),
            # A row's history, an erased item's entries, a destroyed row's trail.
            models.Index(
                fields=["content_type", "object_id", "timestamp"], name="audit_entry_object_time"
            ),
            # The changes (a quarter of the entries) by kind and time, for a search of the log
            # by a kind of change: without it a search for a rare one (a deletion) read every
            # entry in vain (issue 13). Reads, the most common kind, are not in it.
            models.Index(
                fields=["action", "timestamp"],
                condition=~models.Q(action=AbstractLogEntry.Action.ACCESS),
                name="audit_entry_change_time",
            ),
            # The sealing job's queue (`security.services.chain`).
            models.Index(
                fields=["id"],
                condition=models.Q(sequence__isnull=True),
                name="audit_entry_unsealed",
            ),
        ]
