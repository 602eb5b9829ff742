"""P8: object permissions go to groups only, never to a single user."""

from django.apps import apps
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

FILE_APPS = ("weegploeg", "cases")


def _subclasses(app_label, base):
    return [
        model for model in apps.get_app_config(app_label).get_models() if issubclass(model, base)
    ]


def test_p8_no_per_user_object_permission_model_in_the_file_apps():
    for app_label in FILE_APPS:
        assert _subclasses(app_label, UserObjectPermissionBase) == [], app_label


def test_p8_each_file_app_has_a_group_object_permission_model():
    for app_label in FILE_APPS:
        assert len(_subclasses(app_label, GroupObjectPermissionBase)) == 1, app_label
