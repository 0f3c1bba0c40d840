"""Hardening: a Content-Security-Policy without inline scripts, styles or eval, the usual security headers,
Secure cookies and HTTPS in production (while the demo keeps working on http://127.0.0.1), and a clean
`check --deploy` under the production settings the README documents."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.urls import reverse

from sopap.core.renderers.svg import STYLESHEET
from tests.web.env_settings import production_env, run, settings_under

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "sopap" / "web" / "templates"


def policy(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in (part.strip() for part in header.split(";")) if d}


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.mark.django_db
def test_every_page_carries_a_policy_that_allows_no_inline_script_and_no_eval(client):
    response = client.get(reverse("catalog:index"))
    csp = policy(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["default-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'", sha256(STYLESHEET)]
    assert csp["frame-ancestors"] == ["'none'"] and csp["object-src"] == ["'none'"]
    assert "unsafe" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_no_template_has_an_inline_script_an_event_handler_or_a_style():
    found = []
    # templates/mail/ is e-mail: read in a mail client, never served under the page's policy, and mail
    # clients keep only inline styles.
    pages = [p for p in sorted(TEMPLATES.rglob("*.html")) if p.relative_to(TEMPLATES).parts[0] != "mail"]
    for path in pages:
        text = path.read_text(encoding="utf-8")
        for pattern in (
            r"<script(?![^>]*\bsrc=)[^>]*>",
            r"\son[a-z]+\s*=",
            r"\sstyle\s*=",
            r"<style\b",
            r"javascript:",
        ):
            found += [f"{path.relative_to(TEMPLATES)}: {m.group(0)}" for m in re.finditer(pattern, text)]
    assert found == []


def test_htmx_is_told_not_to_inject_its_indicator_style_nor_to_eval():
    base = (TEMPLATES / "base.html").read_text(encoding="utf-8")
    assert (
        """<meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowEval":false}'>""" in base
    )


def test_the_flowchart_inlined_in_a_page_carries_exactly_the_style_the_policy_allows(login, world, make_sop):
    sop = make_sop()
    response = login(world.drafter).get(reverse("workflow:sop_detail", args=[sop.document_id]))
    styles = re.findall(r"<style>(.*?)</style>", response.content.decode(), re.S)
    assert styles == [STYLESHEET]
    assert sha256(styles[0]) in policy(response)["style-src"]


@pytest.mark.django_db
def test_hsts_is_sent_over_https_when_configured(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get(reverse("catalog:index"), secure=True)
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_production_settings_pass_the_deploy_checks(tmp_path):
    done = run(
        production_env(tmp_path),
        "-m",
        "django",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        "--settings=sopap.web.settings",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout


def test_without_a_mail_server_only_the_mail_check_is_silenced(tmp_path):
    env = production_env(tmp_path)
    del env["SOPAP_EMAIL_HOST"]
    done = run(
        env, "-m", "django", "check", "--deploy", "--fail-level", "WARNING", "--settings=sopap.web.settings"
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues (1 silenced)." in done.stdout


def test_without_https_settings_the_deploy_checks_say_what_is_missing(tmp_path):
    env = production_env(tmp_path)
    del env["SOPAP_SSL_REDIRECT"], env["SOPAP_HSTS_SECONDS"]
    done = run(env, "-m", "django", "check", "--deploy", "--settings=sopap.web.settings")
    assert "security.W004" in done.stderr + done.stdout and "security.W008" in done.stderr + done.stdout


NAMES = (
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_PROXY_SSL_HEADER",
    "CSRF_TRUSTED_ORIGINS",
    "AXES_CLIENT_IP_CALLABLE",
)


def test_production_sends_cookies_only_over_https_and_follows_the_proxy_settings(tmp_path):
    seen = settings_under(
        production_env(
            tmp_path,
            SOPAP_BEHIND_PROXY="1",
            SOPAP_HSTS_SUBDOMAINS="0",
            SOPAP_CSRF_TRUSTED_ORIGINS="https://sop.example.go.id, https://x.go.id",
        ),
        *NAMES,
    )
    assert seen["SESSION_COOKIE_SECURE"] and seen["CSRF_COOKIE_SECURE"] and seen["SECURE_SSL_REDIRECT"]
    assert seen["SECURE_HSTS_SECONDS"] == 31536000 and seen["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert seen["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert seen["CSRF_TRUSTED_ORIGINS"] == ["https://sop.example.go.id", "https://x.go.id"]


def test_the_demo_keeps_plain_http_cookies_and_no_redirect(tmp_path):
    env = production_env(tmp_path, SOPAP_DEMO="1")
    del env["SOPAP_SSL_REDIRECT"], env["SOPAP_HSTS_SECONDS"], env["SOPAP_SECRET_KEY"]
    seen = settings_under(env, *NAMES)
    assert not seen["SESSION_COOKIE_SECURE"] and not seen["CSRF_COOKIE_SECURE"]
    assert not seen["SECURE_SSL_REDIRECT"] and seen["SECURE_HSTS_SECONDS"] == 0
    assert seen["SECURE_PROXY_SSL_HEADER"] is None


def test_a_setting_that_is_not_a_number_is_refused_by_name(tmp_path):
    done = run(production_env(tmp_path, SOPAP_HSTS_SECONDS="setahun"), "-c", "import sopap.web.settings")
    assert done.returncode != 0 and "SOPAP_HSTS_SECONDS: expected a number, got 'setahun'" in done.stderr
