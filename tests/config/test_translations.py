"""U4: Dutch first, with a maintained `nl` catalogue: every source string is translated."""

import shutil
import subprocess
import sys
from pathlib import Path

from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ["config", "parties", "subjects", "weegploeg", "cases", "rights", "retention"]
SOURCES += ["security", "insights", "elsewhere", "templates", "locale", "manage.py"]


def _statistics(po_file: Path) -> str:
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po_file)],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stderr


def test_u4_the_dutch_catalogue_translates_every_source_string(tmp_path):
    # Extract afresh from a copy of the sources, so a new string without translation fails.
    for name in SOURCES:
        source = ROOT / name
        target = tmp_path / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy(source, target)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "nl", "--no-obsolete", "-v0"],
        cwd=tmp_path,
        check=True,
        env={"PATH": "/usr/bin:/bin", "DATA_DIR": str(tmp_path / "data")},
    )
    statistics = _statistics(tmp_path / "locale" / "nl" / "LC_MESSAGES" / "django.po")
    assert "untranslated" not in statistics, f"run `make messages` and translate: {statistics}"
    assert "fuzzy" not in statistics, statistics


def test_u4_dutch_is_the_default_and_english_available():
    with translation.override("nl"):
        assert translation.gettext("Sign in") == "Aanmelden"
    with translation.override("en"):
        assert translation.gettext("Sign in") == "Sign in"


PROJECT_APPS = (
    "parties",
    "subjects",
    "weegploeg",
    "cases",
    "rights",
    "retention",
    "security",
    "elsewhere",
)


def test_u4_every_field_of_the_project_has_a_translatable_label():
    """Labels reach forms, the admin, the API schema and the case history: a field without a
    verbose name would show its English attribute name there."""
    from django.apps import apps
    from django.utils.functional import Promise

    unlabelled = [
        f"{model.__name__}.{field.name}"
        for app in PROJECT_APPS
        for model in apps.get_app_config(app).get_models()
        if model.__module__.startswith(f"{app}.")
        and not model.__name__.endswith(("GroupPermission", "UserPermission"))
        for field in model._meta.get_fields()
        if getattr(field, "concrete", False)
        and not field.auto_created
        and field.model is model
        and not isinstance(field.verbose_name, Promise)
    ]
    # django-auditlog's own field, inherited by the custom entry model.
    assert unlabelled == ["AuditEntry.serialized_data"]
