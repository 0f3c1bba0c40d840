"""`sopap worker` as the operator runs it: a process of its own on the production settings, which runs what
was queued before it started (a queued job is a row, so it outlives the process that queued it)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.web.env_settings import run
from tests.web.server_process import server_env

QUEUE = (
    "from sopap.web.authoring.tasks import render_cache_prune; "
    "from sopap.web.workflow.tasks import put_in_force_due; "
    "print(render_cache_prune.enqueue().id, put_in_force_due.enqueue().id)"
)
STATES = (
    "import json; from django_tasks_db.models import DBTaskResult; "
    "print(json.dumps(sorted(DBTaskResult.objects.values_list('task_path', 'status'))))"
)


def test_sopap_worker_refuses_a_database_that_is_not_migrated(tmp_path: Path) -> None:
    done = run(server_env(tmp_path / "data"), "-m", "sopap.cli.main", "worker", "--batch")
    assert done.returncode == 2
    assert "belum dimigrasi" in done.stderr and "sopap migrate" in done.stderr


def test_sopap_worker_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = server_env(tmp_path / "data")
    del env["SOPAP_SECRET_KEY"]
    done = run(env, "-m", "sopap.cli.main", "worker")
    assert done.returncode == 2 and "SOPAP_SECRET_KEY" in done.stderr


def test_tasks_queued_by_a_process_that_has_ended_are_run_by_a_worker_started_later(tmp_path: Path) -> None:
    env = server_env(tmp_path / "data")
    assert run(env, "-m", "sopap.cli.main", "migrate").returncode == 0
    queued = run(env, "-m", "sopap.web", "shell", "-v", "0", "-c", QUEUE)
    assert queued.returncode == 0, queued.stderr
    before = run(env, "-m", "sopap.web", "shell", "-v", "0", "-c", STATES)
    assert {status for _path, status in json.loads(before.stdout)} == {"READY"}

    worked = run(env, "-m", "sopap.cli.main", "worker", "--batch")
    assert worked.returncode == 0, worked.stderr

    after = json.loads(run(env, "-m", "sopap.web", "shell", "-v", "0", "-c", STATES).stdout)
    assert after == [
        ["sopap.web.authoring.tasks.render_cache_prune", "SUCCESSFUL"],
        ["sopap.web.workflow.tasks.put_in_force_due", "SUCCESSFUL"],
    ]
