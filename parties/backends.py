"""Signing in and the user of each request (S4, issue 13)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from config.compiled import CompiledQuery
from parties import rights
from parties.rights import with_rights

# No user has this pk: it stands in for the request's user in the compiled SQL.
_ANY_USER = -2_000_000_001


def _user_with_rights(pk):
    return with_rights(get_user_model()._default_manager.filter(pk=pk))


# The SQL depends on the facts the apps registered (`parties.rights.register_fact`), all
# registered when the apps are ready, before any request.
_USER_WITH_RIGHTS = CompiledQuery(
    _user_with_rights, placeholders=(_ANY_USER,), key=lambda: tuple(rights.FACTS)
)


class MemberBackend(ModelBackend):
    """Django's ModelBackend, reading the user of a request together with their membership,
    party, functions and declaration (`parties.rights.with_rights`): one query where every
    request took two before the view began. The query is compiled once per process and
    connection (`config.compiled`), not on every request."""

    def get_user(self, user_id):
        found = _USER_WITH_RIGHTS.fetch(get_user_model()._meta.pk.to_python(user_id))
        user = found[0] if found else None
        return user if user is not None and self.user_can_authenticate(user) else None
