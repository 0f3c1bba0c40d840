"""`/healthz`: 200 with a small JSON body while the database answers, 503 when it does not."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError, connection

from tests.web.env_settings import run
from tests.web.server_process import free_port, server_env

pytestmark = pytest.mark.django_db


def test_healthz_says_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies, "a probe gets no session or CSRF cookie"


def test_healthz_answers_503_when_the_database_cannot_be_reached(client):
    failure = OperationalError("could not connect to server: Connection refused")
    with mock.patch.object(connection, "cursor", side_effect=failure):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable"}
    assert b"Connection refused" not in response.content, "the cause goes to the log, not to the probe"


def test_healthz_answers_a_probe_by_address_over_http_in_production(client, settings):
    settings.ALLOWED_HOSTS = ["sop.example.go.id"]
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz", HTTP_HOST="10.0.0.7:8000").status_code == 200
    assert client.get("/katalog/", HTTP_HOST="10.0.0.7:8000").status_code == 400


PROBE = (
    "import django; django.setup(); from django.test import Client; "
    "r = Client().get('/healthz'); print(r.status_code, r.content.decode())"
)


def test_healthz_answers_503_when_the_database_file_is_unusable(tmp_path):
    data_dir = tmp_path / "data"
    (data_dir / "sopap.sqlite3").mkdir(parents=True)  # a directory where the database file should be
    done = run(server_env(data_dir, DJANGO_SETTINGS_MODULE="sopap.web.settings"), "-c", PROBE)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split(" ", 1) == ["503", '{"status": "unavailable", "database": "unavailable"}\n']
    assert "unable to open database file" in done.stderr, "the log says why"


def test_healthz_answers_503_on_an_empty_database_that_sqlite_created_in_place_of_a_missing_one(tmp_path):
    done = run(server_env(tmp_path / "data", DJANGO_SETTINGS_MODULE="sopap.web.settings"), "-c", PROBE)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("503 ")


def test_healthz_answers_503_when_postgresql_refuses_the_connection(tmp_path):
    url = f"postgresql://sopap:sopap@127.0.0.1:{free_port()}/sopap"
    env = server_env(tmp_path / "data", DJANGO_SETTINGS_MODULE="sopap.web.settings", SOPAP_DATABASE_URL=url)
    done = run(env, "-c", PROBE)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("503 ")
