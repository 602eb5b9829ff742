from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class SubjectsConfig(AppConfig):
    name = "subjects"
    verbose_name = _("Persons and files")

    def ready(self):
        from subjects.checks import check_no_forbidden_fields

        checks.register(check_no_forbidden_fields, checks.Tags.models)
