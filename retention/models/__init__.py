from retention.models.destruction import DestructionRecord, StatisticsCount
from retention.models.due import DossierDue
from retention.models.holds import Hold, Reactivation
from retention.models.sweeps import DossierSweepState, SweepRun
from retention.models.terms import RetentionTerms

__all__ = [
    "DestructionRecord",
    "DossierDue",
    "DossierSweepState",
    "Hold",
    "Reactivation",
    "RetentionTerms",
    "StatisticsCount",
    "SweepRun",
]
