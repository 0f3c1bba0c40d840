"""`sopap serve` behind a TLS-terminating reverse proxy: the requests here carry exactly the headers that the
nginx example in docs/deployment.md sets (Host, X-Forwarded-Proto, X-Forwarded-For); forms posted from the
origins of SOPAP_CSRF_TRUSTED_ORIGINS pass the CSRF check, and an origin written without its scheme is refused
at the start."""

from __future__ import annotations

import re
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from tests.web.env_settings import production_env, run, settings_under
from tests.web.server_process import fetch, start_server

HOST = "sop.example.go.id"
CLIENT = "203.0.113.9"


def _proxied(extra: dict[str, str] | None = None) -> dict[str, str]:
    return {"Host": HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": CLIENT, **(extra or {})}


def test_behind_the_proxy_a_login_form_posted_over_https_passes_the_csrf_check(tmp_path):
    server = start_server(
        tmp_path,
        "--workers",
        "1",
        SOPAP_MIGRATE_ON_START="1",
        SOPAP_ALLOWED_HOSTS=HOST,
        SOPAP_BEHIND_PROXY="1",
        SOPAP_SSL_REDIRECT="1",
        SOPAP_HSTS_SECONDS="31536000",
    )
    try:
        assert server.wait_until_healthy().status == 200

        plain = fetch(server.port, "/akun/masuk/", headers={"Host": HOST})
        assert plain.status == 301 and plain.headers["location"] == f"https://{HOST}/akun/masuk/"

        form = fetch(server.port, "/akun/masuk/", headers=_proxied())
        assert form.status == 200
        assert form.headers["strict-transport-security"].startswith("max-age=31536000")
        cookie = SimpleCookie(form.headers["set-cookie"])
        assert cookie["csrftoken"]["secure"], "the CSRF cookie is sent over HTTPS only"
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.body.decode())
        assert token

        answer = fetch(
            server.port,
            "/akun/masuk/",
            method="POST",
            headers=_proxied(
                {
                    "Origin": f"https://{HOST}",
                    "Referer": f"https://{HOST}/akun/masuk/",
                    "Cookie": f"csrftoken={cookie['csrftoken'].value}",
                    "Content-Type": "application/x-www-form-urlencoded",
                }
            ),
            body=urlencode(
                {"csrfmiddlewaretoken": token.group(1), "username": "tidak-ada", "password": "salah"}
            ).encode(),
        )
        # The form again, with the wrong password said: past the CSRF check, which would answer 403.
        assert answer.status == 200, answer.body.decode()[:500]
        assert 'name="username"' in answer.body.decode()

        lines = server.access_lines(4)
        assert lines[-1]["method"] == "POST" and lines[-1]["forwarded_for"] == CLIENT
    finally:
        assert server.stop() == 0, server.output()


def _csrf_post(client, origin: str):
    """The login form posted through the proxy (HTTPS said by X-Forwarded-Proto) from ``origin``."""
    from django.urls import reverse

    page = client.get(reverse("organisations:login"), HTTP_HOST=HOST, HTTP_X_FORWARDED_PROTO="https")
    token = page.cookies["csrftoken"].value
    return client.post(
        reverse("organisations:login"),
        {"csrfmiddlewaretoken": token, "username": "tidak-ada", "password": "salah"},
        HTTP_HOST=HOST,
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_ORIGIN=origin,
    )


@pytest.mark.django_db
def test_a_form_posted_from_an_origin_in_sopap_csrf_trusted_origins_passes_and_from_another_is_refused(
    settings,
):
    from django.test import Client

    settings.ALLOWED_HOSTS = [HOST]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.CSRF_TRUSTED_ORIGINS = ["https://portal.example.go.id"]
    assert _csrf_post(Client(enforce_csrf_checks=True), f"https://{HOST}").status_code == 200
    assert _csrf_post(Client(enforce_csrf_checks=True), "https://portal.example.go.id").status_code == 200
    assert _csrf_post(Client(enforce_csrf_checks=True), "https://lain.example.com").status_code == 403
    settings.SECURE_PROXY_SSL_HEADER = None  # without SOPAP_BEHIND_PROXY the site's own origin is not https
    assert _csrf_post(Client(enforce_csrf_checks=True), f"https://{HOST}").status_code == 403


def test_a_trusted_origin_without_its_scheme_is_refused_by_name_at_the_start(tmp_path):
    done = run(
        production_env(tmp_path, SOPAP_CSRF_TRUSTED_ORIGINS="sop.example.go.id"),
        "-c",
        "import sopap.web.settings",
    )
    assert done.returncode != 0
    assert "SOPAP_CSRF_TRUSTED_ORIGINS: 'sop.example.go.id' is not an origin" in done.stderr
    seen = settings_under(
        production_env(
            tmp_path, SOPAP_CSRF_TRUSTED_ORIGINS="https://sop.example.go.id/, http://10.0.0.5:8000"
        ),
        "CSRF_TRUSTED_ORIGINS",
    )
    assert seen["CSRF_TRUSTED_ORIGINS"] == ["https://sop.example.go.id", "http://10.0.0.5:8000"]
