"""Signing in and the user of each request (S4, issue 13)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from parties.rights import with_rights


class MemberBackend(ModelBackend):
    """Django's ModelBackend, reading the user of a request together with their membership,
    party, functions and declaration (`parties.rights.with_rights`): one query where every
    request took two before the view began."""

    def get_user(self, user_id):
        users = get_user_model()._default_manager.filter(pk=user_id)
        user = with_rights(users).first()
        return user if user is not None and self.user_can_authenticate(user) else None
