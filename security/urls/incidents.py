"""Pages of incidents; see security/urls/__init__.py."""

urlpatterns: list = []
