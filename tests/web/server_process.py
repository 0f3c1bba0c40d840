"""`sopap serve` and `sopap migrate` as the operator runs them: processes of their own, with the production
environment of tests/web/env_settings.py on a data directory of the test's."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.web.env_settings import REPO, production_env

# Each attempt waits on the process itself, so a server that dies while starting is seen at once.
START_ATTEMPTS = 600
ATTEMPT_SECONDS = 0.1


def server_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """Production settings on plain HTTP (the loopback test talks to gunicorn directly), then `extra`."""
    env = production_env(data_dir, SOPAP_ALLOWED_HOSTS="127.0.0.1,localhost")
    del env["SOPAP_SSL_REDIRECT"], env["SOPAP_HSTS_SECONDS"]
    env.update(extra)
    return env


def sopap(*args: str) -> list[str]:
    return [sys.executable, "-m", "sopap.cli.main", *args]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def fetch(
    port: int,
    path: str,
    *,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
) -> Response:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        answer = connection.getresponse()
        return Response(answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read())
    finally:
        connection.close()


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    stdout: Path
    stderr: Path
    seen: list[str] = field(default_factory=list)

    def output(self) -> str:
        return self.stdout.read_text() + self.stderr.read_text()

    def wait_until_healthy(self) -> Response:
        for _ in range(START_ATTEMPTS):
            try:
                return fetch(self.port, "/healthz")
            except ConnectionRefusedError:
                try:
                    self.process.wait(timeout=ATTEMPT_SECONDS)
                except subprocess.TimeoutExpired:
                    continue
                raise AssertionError(
                    f"sopap serve exited with {self.process.returncode}:\n{self.output()}"
                ) from None
        raise AssertionError(f"sopap serve did not listen on {self.port}:\n{self.output()}")

    def access_lines(self, count: int) -> list[dict[str, Any]]:
        """The first `count` access lines, waiting for gunicorn to write them (it does after responding)."""
        for _ in range(START_ATTEMPTS):
            # Only whole lines: the last one may be half written.
            lines = [line for line in self.stdout.read_text().split("\n")[:-1] if line.strip()]
            if len(lines) >= count:
                return [json.loads(line) for line in lines]
            try:
                self.process.wait(timeout=ATTEMPT_SECONDS)
            except subprocess.TimeoutExpired:
                continue
            break
        raise AssertionError(f"fewer than {count} access lines:\n{self.output()}")

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.terminate()
        try:
            return self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise


def start_server(tmp_path: Path, *args: str, **env: str) -> Server:
    data_dir = tmp_path / "data"
    port = free_port()
    stdout, stderr = tmp_path / "stdout.log", tmp_path / "stderr.log"
    with stdout.open("wb") as out, stderr.open("wb") as err:
        process = subprocess.Popen(
            sopap("serve", "--port", str(port), *args),
            env=server_env(data_dir, **env),
            cwd=REPO,
            stdout=out,
            stderr=err,
        )
    return Server(process, port, stdout, stderr)
