def outcome_context(subject_request, user) -> dict:
    """What the request page shows of the outcomes (R4-R7): merged into its context and shown
    by the partial `rights/request_outcomes.html`."""
    return {}
