"""Menu links of "bekend elders?" (K1): the uitvoerder's own checks, and the beheerder's legal
basis per file."""

from django.utils.translation import gettext_lazy as _

from parties.navigation import Link


def _keeps_a_file(user):
    from parties.permissions import keeps_a_file

    return keeps_a_file(user)


def _is_beheerder(user):
    from parties.permissions import is_beheerder

    return is_beheerder(user)


LINKS = [
    Link(
        _("Known elsewhere"),
        "elsewhere:check-list",
        _keeps_a_file,
        group="work",
        pages=("elsewhere:check-",),
        order=60,
    ),
    Link(
        _("Legal basis known elsewhere"),
        "elsewhere:basis-list",
        _is_beheerder,
        group="admin",
        pages=("elsewhere:basis-",),
        order=50,
    ),
]
