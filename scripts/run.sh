#!/usr/bin/env bash
# The run command: sets up on a fresh machine and runs the main job.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"

echo "== sopap lint examples/serang" && sopap lint examples/serang
echo "== sopap info examples/serang/33-penyusunan-renja.sop.yaml" && sopap info examples/serang/33-penyusunan-renja.sop.yaml
echo "== sopap render examples/serang -o var/render" && sopap render examples/serang -o var/render

# The web application on SQLite with the demo data, on http://127.0.0.1:8000/ (Ctrl+C stops it).
exec sopap demo "$@"
