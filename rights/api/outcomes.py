class RequestOutcomeActions:
    """The outcome actions on `/api/v1/verzoeken/{number}` (overview, refusal, rectification,
    erasure, restriction, objection): mixed into the request viewset."""
