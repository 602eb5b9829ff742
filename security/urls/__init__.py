"""The pages of oversight under /toezicht/, one module per concern."""

from config.routers import on_replica
from security.urls import access_log, authorisation_reviews, incidents, logboek, policy

app_name = "security"

urlpatterns = [
    *incidents.urlpatterns,
    # The reviews read from the database's replica when there is one (config/routers.py).
    *on_replica(access_log.urlpatterns),
    *logboek.urlpatterns,
    *on_replica(authorisation_reviews.urlpatterns),
    *policy.urlpatterns,
]
