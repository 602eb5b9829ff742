"""The API of the subject's rights (U5): `/api/v1/informatieplichten` and `/api/v1/verzoeken`,
each module listing its (prefix, viewset[, basename]) routes. The outcomes of a request
(R4-R7) are actions of their own viewset under the same `verzoeken/{number}` prefix."""

from rights.api import duties, outcomes, requests

ROUTES = duties.ROUTES + requests.ROUTES + outcomes.ROUTES
