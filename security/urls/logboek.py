"""Pages of logboek; see security/urls/__init__.py."""

urlpatterns: list = []
