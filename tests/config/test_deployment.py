"""O1 and O2: the two commands of the README, and docker-compose in production shape."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_o1_the_quick_start_is_exactly_make_run_and_make_test():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)```", section, re.S)
    assert commands == ["make run\nmake test\n"]


def test_o2_compose_runs_web_worker_beat_postgresql_and_redis_with_health_checks():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert services["db"]["image"].startswith("postgres")
    assert services["redis"]["image"].startswith("redis")
    assert "gunicorn" in (ROOT / "Dockerfile").read_text()
    assert services["worker"]["command"][:3] == ["celery", "-A", "config"]
    assert "beat" in services["beat"]["command"]
    for name in ("db", "redis", "web", "worker", "beat"):
        assert "healthcheck" in services[name], name
    for name in ("web", "worker", "beat", "migrate"):
        environment = services[name]["environment"]
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert environment["CELERY_BROKER_URL"].startswith("redis://")
        assert "SECRET_KEY" in environment


def test_o4_no_secret_in_the_repository():
    compose = (ROOT / "docker-compose.yml").read_text()
    assert "${SECRET_KEY:?" in compose and "${POSTGRES_PASSWORD:?" in compose
