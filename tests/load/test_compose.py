"""Issue 13, "Past one machine": docker-compose.yml shows the shape with two web processes
behind a load balancer that trusts only its own address, more Celery workers, exactly one
beat, and the optional replica with how to turn it on."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_issue13_two_stateless_web_processes_behind_the_load_balancer():
    services = compose()["services"]
    webs = [name for name in services if name.startswith("web")]
    assert webs == ["web", "web-2"]
    for name in webs:
        assert "ports" not in services[name], "only the load balancer is published"
        assert "healthcheck" in services[name]
    proxy = services["proxy"]
    assert proxy["image"].startswith("nginx")
    assert set(proxy["depends_on"]) == set(webs)
    config = (ROOT / "deploy" / "nginx.conf").read_text()
    upstream = re.findall(r"server (\S+):8000", config)
    assert upstream == webs
    assert "$proxy_add_x_forwarded_for" in config
    # The application believes X-Forwarded-For from the load balancer's address only.
    address = proxy["networks"]["default"]["ipv4_address"]
    assert services["web"]["environment"]["TRUSTED_PROXIES"] == address


def test_issue13_more_workers_and_exactly_one_beat():
    services = compose()["services"]
    assert services["worker"]["deploy"]["replicas"] >= 2
    beats = [name for name, s in services.items() if "beat" in (s.get("command") or [])]
    assert beats == ["beat"]
    assert "replicas" not in services["beat"].get("deploy", {})


def test_issue13_the_optional_replica_is_described_where_it_is_turned_on():
    text = (ROOT / "docker-compose.yml").read_text()
    assert "# db-replica:" in text and "pg_basebackup" in text
    assert "# DATABASE_REPLICA_URL: postgres://" in text
    script = (ROOT / "deploy" / "postgres-replication.sh").read_text()
    assert "REPLICATION" in script and "pg_hba.conf" in script
