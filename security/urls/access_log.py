"""Pages of access_log; see security/urls/__init__.py."""

urlpatterns: list = []
