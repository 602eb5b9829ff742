"""Pages of authorisation_reviews; see security/urls/__init__.py."""

urlpatterns: list = []
