"""After a transactional test's flush, tests/flush_snapshot.py brings back the rows post_migrate
makes from a copy: the same rows as post_migrate itself would make (issue 13, the time of
`make test`)."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from parties.models import User
from subjects.permissions import cached_permission_id
from tests import flush_snapshot


def made() -> dict:
    """What post_migrate made, named without ids (they differ from one making to the next)."""
    return {
        "content types": sorted(ContentType.objects.values_list("app_label", "model")),
        "permissions": sorted(
            Permission.objects.values_list(
                "content_type__app_label", "content_type__model", "codename", "name"
            )
        ),
        "groups": sorted(
            (group.name, sorted(group.permissions.values_list("codename", flat=True)))
            for group in Group.objects.all()
        ),
        "users": sorted(User.objects.values_list("username", flat=True)),
        "rows per table": {
            model._meta.db_table: model.objects.count()
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed
        },
    }


@pytest.mark.django_db(transaction=True)
def test_issue13_a_flush_brings_back_the_rows_post_migrate_makes():
    call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
    flush_snapshot._real_emit(0, False, "default")
    by_post_migrate = made()
    assert by_post_migrate["content types"] and by_post_migrate["groups"]

    # The first flush of a process may be the one that takes the copy; the second restores it.
    call_command("flush", verbosity=0, interactive=False)
    call_command("flush", verbosity=0, interactive=False)
    assert made() == by_post_migrate
    assert ContentType.objects.get_for_model(User).model_class() is User


@pytest.mark.django_db(transaction=True)
def test_issue13_after_a_flush_no_id_of_the_rows_before_it_is_kept():
    """The other receivers of post_migrate still run: what they kept of the rows before the
    flush (their ids) is dropped, as the ids of the rows from the copy may differ."""
    call_command("flush", verbosity=0, interactive=False)
    # A permission no group holds, so its id can change here.
    Permission.objects.filter(content_type__app_label="sessions", codename="add_session").update(
        id=99_999
    )
    assert cached_permission_id("sessions", "add_session") == 99_999

    call_command("flush", verbosity=0, interactive=False)
    restored = Permission.objects.get(content_type__app_label="sessions", codename="add_session")
    assert cached_permission_id("sessions", "add_session") == restored.pk != 99_999
