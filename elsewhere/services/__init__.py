"""The actions of "bekend elders?" (K1-K3): asking a check, and recording or removing the
legal basis of a file."""

from elsewhere.services.basis import record_basis, remove_basis
from elsewhere.services.check import check

__all__ = ["check", "record_basis", "remove_basis"]
