"""Pages of the subject's rights (U3): duties to inform, requests and their outcomes."""

from rights.views import duty_urls, outcome_urls, request_urls

app_name = "rights"

urlpatterns = duty_urls.urlpatterns + request_urls.urlpatterns + outcome_urls.urlpatterns
