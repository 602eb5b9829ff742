"""Access to the API of the weegploeg file."""

from django.utils.translation import gettext as _
from rest_framework import permissions
from rest_framework.exceptions import NotFound

from weegploeg.permissions import may_use_file


class UsesWeegploegFile(permissions.BasePermission):
    """404 for every other party, on lists too: the file is not there for them (W4, P7)."""

    def has_permission(self, request, view):
        if not may_use_file(request.user):
            raise NotFound(_("Not found."))
        return True
