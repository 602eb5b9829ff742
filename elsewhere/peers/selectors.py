"""K2: which peers there are, who may see and change them, and which to ask."""

from elsewhere.models import Peer, PeerChange
from parties.permissions import is_beheerder


def may_manage_peers(user) -> bool:
    """The beheerder (P3) alone sees and configures the peer installations."""
    return is_beheerder(user)


def peers():
    return Peer.objects.prefetch_related("files")


def changes():
    return PeerChange.objects.select_related("actor", "peer")


def peers_to_ask(data_file):
    """The active peers configured for `data_file`: asked about it, and allowed to ask."""
    return Peer.objects.filter(active=True, files=data_file).order_by("name")


def peer_by_fingerprint(fingerprint: str) -> Peer | None:
    """The active peer whose client certificate has this SHA-256 fingerprint."""
    return Peer.objects.filter(active=True, fingerprint=fingerprint).first()
