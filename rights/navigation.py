"""The menu links of the subject's rights (U1, U3), each shown by its own permission rule."""

from django.utils.translation import gettext_lazy as _

from parties.navigation import Link
from parties.permissions import is_beheerder
from rights.permissions.duties import may_see_duties
from rights.permissions.requests import may_handle_requests

LINKS = [
    Link(
        _("Requests of subjects"),
        "rights:request-list",
        may_handle_requests,
        group="work",
        pages=("rights:request-", "rights:outcome"),
    ),
    Link(
        _("Duties to inform"),
        "rights:duty-list",
        may_see_duties,
        group="work",
        pages=("rights:duty-", "rights:letter-"),
    ),
    Link(
        _("Letters per file"),
        "rights:file-settings-list",
        is_beheerder,
        group="admin",
        pages=("rights:file-settings",),
    ),
    Link(
        _("Legal grounds"),
        "rights:grounds",
        is_beheerder,
        group="admin",
        pages=("rights:grounds", "rights:ground-"),
    ),
]
