#!/usr/bin/env bash
# Creates .venv with a Python >= 3.12 (Django 6 needs it), installs the pinned dependencies and sopap itself.
# Usage: scripts/setup.sh [--test]   (--test adds the test tools, chromium and PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-}"
bash scripts/system-deps.sh "$mode"

find_python() {
  for candidate in python3.13 python3.12 python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
      command -v "$candidate"; return
    fi
  done
  for candidate in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python; do
    [ -x "$candidate" ] && { echo "$candidate"; return; }
  done
  return 1
}

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then
  python=$(find_python) || { echo "sopap: butuh Python 3.12 atau lebih baru / needs Python >= 3.12" >&2; exit 1; }
  rm -rf .venv
  "$python" -m venv .venv
fi

requirements=requirements/app.txt
[ "$mode" = "--test" ] && requirements=requirements/dev.txt
stamp=".venv/.installed-$(sha256sum "$requirements" requirements/app.txt pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  # pip's notes about this machine's package mirrors are noise; real errors still fail the script.
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$requirements" 2> >(grep -v '^WARNING: Location' >&2)
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e . 2> >(grep -v '^WARNING: Location' >&2)
  touch "$stamp"
fi

# The .po files are the source of the translations (core and CLI, then web); compile them in place, so
# Django's own catalogs in .venv are left alone.
bash scripts/messages.sh compile
