from elsewhere.models.basis import CheckBasis
from elsewhere.models.checks import Check, IncomingCheck
from elsewhere.models.index import Pseudonym
from elsewhere.models.peers import Peer, PeerChange

__all__ = ["Check", "CheckBasis", "IncomingCheck", "Peer", "PeerChange", "Pseudonym"]
