#!/usr/bin/env bash
# The test command: sets up everything on a fresh machine and passes every test.
# Lint (ruff), types (mypy), the whole suite on SQLite, then the web suite again on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --test
export PATH="$PWD/.venv/bin:$PATH"

echo "== ruff" && ruff check src tests bench && ruff format --check src tests bench
echo "== mypy" && mypy
echo "== pytest (SQLite)" && pytest -q -n 2 -p no:cacheprovider

if [ -d tests/web ]; then
  echo "== pytest tests/web (PostgreSQL)"
  eval "$(bash scripts/postgres.sh start)"
  trap 'bash scripts/postgres.sh stop >/dev/null 2>&1 || true' EXIT
  pytest -q -n 2 -p no:cacheprovider tests/web
fi
