"""Pages of retention (B2-B8): the overview, holds, reactivation, terms, destruction reports."""

from retention.views import page_urls, report_urls

app_name = "retention"

urlpatterns = page_urls.urlpatterns + report_urls.urlpatterns
