"""Pages of policy; see security/urls/__init__.py."""

urlpatterns: list = []
