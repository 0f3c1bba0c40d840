"""The settings module as a fresh process reads it from a given environment (settings are read once, at
import, so an environment other than the tests' own needs a process of its own)."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


def production_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment the README documents for a production server behind HTTPS."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SOPAP_", "DJANGO_", "PYTEST"))}
    env.update(
        {
            "SOPAP_SECRET_KEY": secrets.token_urlsafe(50),
            "SOPAP_ALLOWED_HOSTS": "sop.example.go.id",
            "SOPAP_SSL_REDIRECT": "1",
            "SOPAP_HSTS_SECONDS": "31536000",
            "SOPAP_DATA_DIR": str(data_dir),
            "SOPAP_EMAIL_HOST": "smtp.example.go.id",
        }
    )
    env.update(extra)
    return env


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], env=env, cwd=REPO, capture_output=True, text=True, timeout=120, check=False
    )


def settings_under(env: dict[str, str], *names: str) -> dict[str, Any]:
    code = (
        "import json, sopap.web.settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {list(names)!r}}}, default=str))"
    )
    done = run(env, "-c", code)
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))
