"""O1-O4 groundwork: settings from the environment with safe defaults, documented in one
place; every beat task imports."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.module_loading import import_string

from config.celery import app
from config.environment import DECLARED, render_reference
from tests.config.clean_process import run_clean

ROOT = Path(__file__).resolve().parents[2]


def test_o3_every_task_in_the_beat_schedule_imports():
    app.loader.import_default_modules()
    assert settings.CELERY_BEAT_SCHEDULE
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        task = import_string(entry["task"])
        assert task.name == entry["task"]
        assert entry["task"] in app.tasks


def test_o4_the_configuration_reference_is_current():
    committed = (ROOT / "docs" / "configuration.md").read_text()
    assert committed == render_reference(), "run `make configuration-reference`"


def test_o4_every_variable_is_documented():
    for variable in DECLARED.values():
        assert variable.help_text.strip(), variable.name


def _settings_without_environment(tmp_path) -> dict:
    """Load the settings in a clean process, as on a server where nothing is set."""
    script = (
        "import json, django; from django.conf import settings; django.setup();"
        "names = ['DEBUG', 'DEMO_MODE', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE',"
        "'SESSION_COOKIE_HTTPONLY', 'CSRF_COOKIE_HTTPONLY', 'SECURE_HSTS_SECONDS',"
        "'SECURE_CONTENT_TYPE_NOSNIFF', 'X_FRAME_OPTIONS', 'LANGUAGE_CODE', 'TIME_ZONE',"
        "'SESSION_COOKIE_AGE', 'SESSION_SAVE_EVERY_REQUEST', 'SESSION_ENGINE', 'CELERY_BROKER_URL',"
        "'CONTENT_SECURITY_POLICY', 'ALLOWED_HOSTS'];"
        "out = {n: getattr(settings, n) for n in names};"
        "out['ENGINE'] = settings.DATABASES['default']['ENGINE'];"
        "out['DATABASE'] = {k: settings.DATABASES['default'][k] for k in"
        " ('CONN_MAX_AGE', 'CONN_HEALTH_CHECKS', 'OPTIONS')};"
        "print(json.dumps(out))"
    )
    return json.loads(run_clean(tmp_path, script))


def test_o4_defaults_are_safe_for_production_and_embedded(tmp_path):
    loaded = _settings_without_environment(tmp_path)
    assert loaded["DEBUG"] is False
    assert loaded["DEMO_MODE"] is False
    assert loaded["SESSION_COOKIE_SECURE"] and loaded["CSRF_COOKIE_SECURE"]
    assert loaded["SESSION_COOKIE_HTTPONLY"] and loaded["CSRF_COOKIE_HTTPONLY"]
    assert loaded["SECURE_HSTS_SECONDS"] >= 31536000
    assert loaded["SECURE_CONTENT_TYPE_NOSNIFF"]
    assert loaded["X_FRAME_OPTIONS"] == "DENY"
    assert loaded["LANGUAGE_CODE"] == "nl"
    assert loaded["TIME_ZONE"] == "Europe/Amsterdam"
    assert loaded["SESSION_COOKIE_AGE"] == 15 * 60
    # Issue 13: saved when changed, and once a minute for the idle timeout (config.sessions).
    assert not loaded["SESSION_SAVE_EVERY_REQUEST"]
    assert loaded["SESSION_ENGINE"] == "config.sessions"
    directives = loaded["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert directives["default-src"] == ["'none'"]
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in json.dumps(directives)
    # The embedded default needs no server.
    assert loaded["ENGINE"] == "django.db.backends.sqlite3"
    assert loaded["CELERY_BROKER_URL"] == "filesystem://"
    # Issue 13: connections kept between requests, checked before use; SQLite in WAL mode with
    # a busy timeout and the write lock taken at the start of a transaction.
    database = loaded["DATABASE"]
    assert database["CONN_MAX_AGE"] == 60 and database["CONN_HEALTH_CHECKS"] is True
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert database["OPTIONS"]["timeout"] >= 10
    # No secret in the repository: one was generated in the data folder.
    assert (tmp_path / "secret_key").exists()


@pytest.mark.django_db
def test_o4_the_tests_run_on_postgresql():
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
