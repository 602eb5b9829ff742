"""The API of the subject's rights (U5): `/api/v1/informatieplichten` and `/api/v1/verzoeken`,
each module listing its (prefix, viewset) routes."""

from rights.api import duties, requests

ROUTES = duties.ROUTES + requests.ROUTES
