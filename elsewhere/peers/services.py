"""K2, P3: the beheerder adds, changes and deactivates peer installations; every change is
written to the append-only `PeerChange` log with what it was before and after, and why, in the
same transaction as the change."""

import hashlib

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from elsewhere.models import Peer, PeerChange
from parties.permissions import is_beheerder

Action = PeerChange.Action


def fingerprint_of(pem: str) -> str:
    """SHA-256 of the certificate's DER, lower-case hex: how an incoming call is recognised.
    A text that is not one PEM certificate is a validation error on `certificate`."""
    try:
        certificate = x509.load_pem_x509_certificate((pem or "").strip().encode())
    except (ValueError, TypeError) as error:
        raise ValidationError(
            {"certificate": _("This is not a certificate in PEM format.")}
        ) from error
    return hashlib.sha256(certificate.public_bytes(Encoding.DER)).hexdigest()


def snapshot(peer: Peer) -> dict:
    """What the log keeps of a peer: address, fingerprint, files, limit, active."""
    return {
        "name": peer.name,
        "base_url": peer.base_url,
        "fingerprint": peer.fingerprint,
        "files": sorted(peer.files.values_list("pk", flat=True)) if peer.pk else [],
        "requests_per_minute": peer.requests_per_minute,
        "active": peer.active,
    }


def _require_beheerder(by) -> None:
    if not is_beheerder(by):
        raise PermissionDenied(_("Only a beheerder configures peer installations."))


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for this change.")})
    return reason


def _save(peer: Peer, files) -> None:
    peer.full_clean(exclude=["fingerprint"])
    if not peer.base_url.startswith("https://"):
        raise ValidationError({"base_url": _("A peer installation is asked over HTTPS only.")})
    if Peer.objects.filter(fingerprint=peer.fingerprint).exclude(pk=peer.pk).exists():
        raise ValidationError({"certificate": _("Another peer installation has this certificate.")})
    peer.save()
    if files is not None:
        peer.files.set(files)


@transaction.atomic
def add_peer(
    *,
    name: str,
    base_url: str,
    certificate: str,
    files,
    requests_per_minute: int = 30,
    by,
    reason: str,
) -> Peer:
    """A new peer installation, active, asked and answered about `files`."""
    _require_beheerder(by)
    reason = _require_reason(reason)
    peer = Peer(
        name=name,
        base_url=base_url.rstrip("/"),
        certificate=certificate.strip(),
        fingerprint=fingerprint_of(certificate),
        requests_per_minute=requests_per_minute,
        active=True,
    )
    _save(peer, files)
    PeerChange.objects.create(
        actor=by, peer=peer, action=Action.ADDED, before={}, after=snapshot(peer), reason=reason
    )
    return peer


CHANGEABLE = {"name", "base_url", "certificate", "requests_per_minute", "active"}


@transaction.atomic
def change_peer(peer: Peer, *, by, reason: str, files=None, **fields) -> Peer:
    """Change a peer's address, certificate, files, limit or activity."""
    _require_beheerder(by)
    reason = _require_reason(reason)
    if set(fields) - CHANGEABLE:
        raise ValueError(f"Not changeable here: {sorted(set(fields) - CHANGEABLE)}")
    peer = Peer.objects.select_for_update().get(pk=peer.pk)
    before = snapshot(peer)
    for name, value in fields.items():
        setattr(peer, name, value)
    peer.base_url = peer.base_url.rstrip("/")
    if "certificate" in fields:
        peer.certificate = peer.certificate.strip()
        peer.fingerprint = fingerprint_of(peer.certificate)
    _save(peer, files)
    after = snapshot(peer)
    if after == before and "certificate" not in fields:
        raise ValidationError(_("Nothing was changed."))
    PeerChange.objects.create(
        actor=by, peer=peer, action=Action.CHANGED, before=before, after=after, reason=reason
    )
    return peer


@transaction.atomic
def deactivate_peer(peer: Peer, *, by, reason: str) -> Peer:
    """The peer is no longer asked, and its calls are refused. Its log stays."""
    _require_beheerder(by)
    reason = _require_reason(reason)
    peer = Peer.objects.select_for_update().get(pk=peer.pk)
    if not peer.active:
        raise ValidationError(_("This peer installation is already inactive."))
    before = snapshot(peer)
    peer.active = False
    peer.save(update_fields=["active"])
    PeerChange.objects.create(
        actor=by,
        peer=peer,
        action=Action.DEACTIVATED,
        before=before,
        after=snapshot(peer),
        reason=reason,
    )
    return peer
