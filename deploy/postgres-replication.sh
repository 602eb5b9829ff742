#!/bin/bash
# For the optional streaming replica (docker-compose.yml, README "Past one machine"): a
# role that may replicate, and a line in pg_hba.conf that lets it in with its password. Runs
# once when the official image makes a new cluster (/docker-entrypoint-initdb.d/).
set -euo pipefail
psql -v ON_ERROR_STOP=1 -v password="$REPLICATION_PASSWORD" \
    --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD :'password';
SQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
