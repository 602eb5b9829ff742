from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ElsewhereConfig(AppConfig):
    """ "Bekend elders?" (K1-K3): whether a person has a dossier at another Veiligheidshuis or
    installation, answered with hit or no hit and a contact, never with content. Works across
    the files through the registry of `subjects`, like rights, retention and security."""

    name = "elsewhere"
    verbose_name = _("Known elsewhere")

    def ready(self):
        from auditlog.registry import auditlog

        from elsewhere import index_signals, models

        # S2, P3: who asked, the basis of a file and the peers are decisions to be traced.
        auditlog.register(models.CheckBasis)
        auditlog.register(models.Check)
        auditlog.register(models.Peer, m2m_fields={"files"})
        # K3: the index follows every dossier root, saved or deleted, in its transaction; the
        # dossiers there are when the index is first made are published once.
        index_signals.connect()
        post_migrate.connect(index_signals.build_when_made, sender=self)
