#!/usr/bin/env bash
# A private, throwaway PostgreSQL cluster for trying the PostgreSQL store or running its tests against
# one long-lived server (the test suite otherwise starts its own per session; see tests/pg.py).
#
#   eval "$(scripts/postgres-test-server.sh start)"   # sets DUIDING_TEST_POSTGRES=postgresql://…
#   scripts/postgres-test-server.sh stop DIR          # DIR is printed by start
#
# initdb into a temp folder (owned by the postgres user when run as root: initdb refuses root),
# 127.0.0.1 on a free port, trust authentication, fsync off: never for data you want to keep.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
exec "$PY" -m tests.pg "$@"
