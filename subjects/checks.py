"""System check for C8: no field for race, ethnicity or nationality anywhere (VH 9.3, 14.8).

Every concrete field of every installed model is checked by its name and its verbose name. Words
are compared, not substrings, so "trace_id", "grass" or "address" pass while "nationaliteit",
"ethnic_origin", "race" or "Etnische achtergrond" fail.
"""

import re

from django.apps import apps
from django.core import checks

from subjects.guard import normalise

# Whole words.
FORBIDDEN_WORDS = frozenset({"race", "races", "racial", "ras", "rassen", "raciaal", "raciale"})
# Anywhere in a word: ethnic, ethnicity, etnisch, etniciteit, nationality, geboortenationaliteit...
FORBIDDEN_STEMS = ("ethnic", "etnic", "etnisch", "nationalit")

_WORD = re.compile(r"[a-z]+")


def forbidden_label(label: str) -> bool:
    """True when a field name or verbose name speaks of race, ethnicity or nationality."""
    for word in _WORD.findall(normalise(label)):
        if word in FORBIDDEN_WORDS or any(stem in word for stem in FORBIDDEN_STEMS):
            return True
    return False


def check_no_forbidden_fields(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Registered in `SubjectsConfig.ready()` under the models tag."""
    if app_configs is None:
        return check_models(apps.get_models())
    return check_models(model for config in app_configs for model in config.get_models())


def check_models(models) -> list[checks.CheckMessage]:
    errors = []
    for model in models:
        for field in model._meta.concrete_fields:
            labels = [field.name, str(field.verbose_name)]
            if any(forbidden_label(label) for label in labels):
                errors.append(
                    checks.Error(
                        f"Field {field.name!r} records race, ethnicity or nationality.",
                        hint="VH 9.3 and 14.8 (C8): no field for race, ethnicity or nationality "
                        "anywhere. Remove the field.",
                        obj=field,
                        id="subjects.E001",
                    )
                )
    return errors
