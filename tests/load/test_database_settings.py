"""Issue 13, "Past one machine": the database settings that README names for a replica and for
PgBouncer in transaction mode come from the environment alone. Read by importing the settings
in a process of their own, with that environment."""

import json
import subprocess
import sys

from tests.load.processes import ROOT, project_environment

SHOW = (
    "import json, config.settings as s; "
    "print(json.dumps({'databases': s.DATABASES, 'routers': s.DATABASE_ROUTERS}, default=str))"
)


def settings_with(**variables) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", SHOW],
        cwd=ROOT,
        env=project_environment(**variables),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_issue13_pgbouncer_transaction_mode_and_a_replica_from_the_environment():
    found = settings_with(
        DATABASE_URL="postgres://vh:secret@pgbouncer:6432/vh?disable_server_side_cursors=True",
        DATABASE_REPLICA_URL="postgres://vh:secret@db-replica:5432/vh",
        DATABASE_CONN_MAX_AGE="0",
    )
    default, replica = found["databases"]["default"], found["databases"]["replica"]
    assert default["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert (default["HOST"], default["PORT"], default["CONN_MAX_AGE"]) == ("pgbouncer", 6432, 0)
    assert (replica["HOST"], replica["NAME"]) == ("db-replica", "vh")
    assert replica["TEST"] == {"MIRROR": "default"}
    assert found["routers"] == ["config.routers.ReplicaRouter"]


def test_issue13_no_replica_unless_configured():
    found = settings_with(DATABASE_URL="postgres://vh:secret@db:5432/vh", DATABASE_REPLICA_URL="")
    assert set(found["databases"]) == {"default"}
