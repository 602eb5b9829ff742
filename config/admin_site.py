"""Django admin for beheerders only, after both factors (issue: "Django admin for beheerders
only"). Parties, memberships and functions are changed through the beheerder's pages, which
record the reason (P3); the admin shows them read-only."""

from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied


def restrict_admin_to_beheerders(site: AdminSite) -> None:
    from parties.permissions import is_beheerder

    def has_permission(request):
        return request.user.is_active and is_beheerder(request.user)

    def login(request, extra_context=None):
        # The admin's own sign-in checks the password only. Anyone who gets this far has
        # signed in with both factors (the access gate sees to that) but is no beheerder.
        raise PermissionDenied

    site.has_permission = has_permission
    site.login = login
    site.site_header = site.site_title = "Veiligheidshuis"
