"""The development key written in the source code signs nothing outside the demo and the tests: production
requires a key of its own and refuses that one, and SOPAP_DEBUG=1 without a key makes a random one, kept in the
data directory for its owner only."""

from __future__ import annotations

import stat

from sopap.web.settings import DEBUG_SECRET_KEY_FILE, DEVELOPMENT_SECRET_KEY
from tests.web.env_settings import production_env, run, settings_under


def _without_key(tmp_path, **extra: str) -> dict[str, str]:
    env = production_env(tmp_path, **extra)
    del env["SOPAP_SECRET_KEY"]
    return env


def test_production_without_a_key_does_not_start(tmp_path):
    done = run(_without_key(tmp_path), "-c", "import sopap.web.settings")
    assert done.returncode != 0 and "SOPAP_SECRET_KEY is required" in done.stderr


def test_the_development_key_is_refused_in_production_and_with_debug_alike(tmp_path):
    for extra in ({}, {"SOPAP_DEBUG": "1"}):
        env = production_env(tmp_path, SOPAP_SECRET_KEY=DEVELOPMENT_SECRET_KEY, **extra)
        done = run(env, "-c", "import sopap.web.settings")
        assert done.returncode != 0
        assert "SOPAP_SECRET_KEY holds the development key written in the source code" in done.stderr


def test_debug_without_a_key_makes_a_random_one_kept_for_its_owner_and_reused(tmp_path):
    env = _without_key(tmp_path, SOPAP_DEBUG="1")
    first = settings_under(env, "SECRET_KEY")["SECRET_KEY"]
    assert first != DEVELOPMENT_SECRET_KEY and len(first) >= 50
    kept = tmp_path / DEBUG_SECRET_KEY_FILE
    assert kept.read_text(encoding="ascii") == first
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert settings_under(env, "SECRET_KEY")["SECRET_KEY"] == first


def test_only_the_demo_signs_with_the_development_key(tmp_path):
    assert settings_under(_without_key(tmp_path, SOPAP_DEMO="1"), "SECRET_KEY") == {
        "SECRET_KEY": DEVELOPMENT_SECRET_KEY
    }
    assert not (tmp_path / DEBUG_SECRET_KEY_FILE).exists()
