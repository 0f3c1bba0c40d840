"""The demo prints its own address with the QR code of its decreed SOPs, whatever port it runs on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sopap.cli.demo import public_url

ROOT = Path(__file__).resolve().parents[2]


def test_the_address_is_the_one_the_demo_listens_on():
    assert public_url("127.0.0.1", 8031) == "http://127.0.0.1:8031"
    assert public_url("0.0.0.0", 8000) == "http://127.0.0.1:8000"
    assert public_url("::1", 8080) == "http://[::1]:8080"


def test_the_demo_sets_the_public_address_unless_one_is_given(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SOPAP_", "DJANGO_"))},
        "SOPAP_DATA_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT / "src"),
    }
    probe = (
        "import sys\n"
        "from sopap.cli.main import cli\n"
        "cli(['demo', '--port', '8031', '--setup-only'], standalone_mode=False)\n"
        "from django.conf import settings\n"
        "print(settings.PUBLIC_URL)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.strip().splitlines()[-1] == "http://127.0.0.1:8031"
    given = {**env, "SOPAP_PUBLIC_URL": "https://sop.example.go.id"}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=given, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "https://sop.example.go.id"
