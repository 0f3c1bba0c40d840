"""`sopap serve` behind a TLS-terminating reverse proxy: the requests here carry exactly the headers that the
nginx example in docs/deployment.md sets (Host, X-Forwarded-Proto, X-Forwarded-For)."""

from __future__ import annotations

import re
from http.cookies import SimpleCookie
from urllib.parse import urlencode

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
