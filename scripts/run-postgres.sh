#!/usr/bin/env bash
# Runs the dashboard (demo data included) on a local PostgreSQL 15 cluster kept in data/postgres/, for trying the server
# database on one machine (docs/deploy.md describes a real deployment). The cluster is created on the first run, started
# on port ${BENCHDASHBOARD_PG_PORT:-5433} (listening on 127.0.0.1 only) and stopped again when the app exits.
# Needs Debian's postgresql-15 (apt-get install postgresql-15); as root the cluster runs as the postgres user.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=/usr/lib/postgresql/15/bin
port=${BENCHDASHBOARD_PG_PORT:-5433}
folder=$(pwd)/data/postgres
[ -x "$bin/initdb" ] || { echo "PostgreSQL 15 is not installed: apt-get install postgresql-15" >&2; exit 1; }

as_owner=()
if [ "$(id -u)" -eq 0 ]; then
    # initdb refuses to run as root. The postgres user must be able to reach the folder.
    as_owner=(runuser -u postgres --)
    mkdir -p "$folder"
    chown postgres:postgres "$folder"
    chmod o+x "$(pwd)" "$(pwd)/data"
fi

if [ ! -f "$folder/data/PG_VERSION" ]; then
    echo "Creating a PostgreSQL cluster in $folder/data"
    "${as_owner[@]}" "$bin/initdb" -D "$folder/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
"${as_owner[@]}" "$bin/pg_ctl" -D "$folder/data" -o "-p $port -k $folder -c listen_addresses=127.0.0.1" -l "$folder/server.log" -w start >/dev/null
trap '"${as_owner[@]}" "$bin/pg_ctl" -D "$folder/data" -m fast -w stop >/dev/null' EXIT
"$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'benchdashboard'" | grep -q 1 \
    || "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE benchdashboard"

echo "PostgreSQL on 127.0.0.1:$port, database benchdashboard; the app migrates it at start."
BenchDashboard__Database__Provider=postgres \
ConnectionStrings__Default="Host=127.0.0.1;Port=$port;Database=benchdashboard;Username=postgres" \
    dotnet run --project src/BenchDashboard "$@"
