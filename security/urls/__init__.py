"""The pages of oversight under /toezicht/, one module per concern."""

from security.urls import access_log, authorisation_reviews, incidents, logboek, policy

app_name = "security"

urlpatterns = [
    *incidents.urlpatterns,
    *access_log.urlpatterns,
    *logboek.urlpatterns,
    *authorisation_reviews.urlpatterns,
    *policy.urlpatterns,
]
