"""Many people at once, through a live server with real threads: no 500, no lost update, and the loser of
a race is told why (on SQLite with WAL and immediate transactions, and on PostgreSQL)."""

from __future__ import annotations

import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any

import pytest
from django.test import Client

from sopap.web.authoring.models import Revision, RevisionEdit
from sopap.web.organisations.models import Role
from sopap.web.shared.status import Status
from sopap.web.workflow.models import Transition
from tests.web.conftest import fresh

pytestmark = pytest.mark.django_db(transaction=True)


@dataclass
class Answer:
    status: int
    body: str
    location: str


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Browser:
    """One logged-in browser session, speaking plain HTTP to the live server."""

    def __init__(self, base: str, user: Any) -> None:
        client = Client()
        client.force_login(user)
        self.base = base
        self.cookies = {"sessionid": client.cookies["sessionid"].value}
        self.opener = urllib.request.build_opener(_NoRedirect)
        self.csrf = ""

    def _send(self, request: urllib.request.Request) -> Answer:
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            with self.opener.open(request, timeout=120) as response:
                answer = Answer(
                    response.status, response.read().decode(), response.headers.get("Location", "")
                )
                headers = response.headers
        except urllib.error.HTTPError as error:
            answer = Answer(
                error.code, error.read().decode(errors="replace"), error.headers.get("Location", "")
            )
            headers = error.headers
        for header in headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(header)
            self.cookies.update({name: morsel.value for name, morsel in cookie.items()})
        return answer

    def get(self, path: str) -> Answer:
        answer = self._send(urllib.request.Request(self.base + path))
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', answer.body)
        if token:
            self.csrf = token.group(1)
        return answer

    def post(self, path: str, fields: list[tuple[str, str]]) -> Answer:
        body = urllib.parse.urlencode([("csrfmiddlewaretoken", self.csrf), *fields]).encode()
        request = urllib.request.Request(
            self.base + path, data=body, method="POST", headers={"Referer": self.base + path}
        )
        return self._send(request)


def _form_fields(html: str) -> list[tuple[str, str]]:
    """The editor form's inputs and textareas as the page shows them (what a browser would post)."""
    fields: list[tuple[str, str]] = []
    for tag in re.finditer(r"<input\b[^>]*>", html):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', tag.group(0)))
        if (
            "name" in attrs
            and attrs.get("type") not in {"submit", "button"}
            and attrs["name"] != "csrfmiddlewaretoken"
        ):
            fields.append((attrs["name"], _unescape(attrs.get("value", ""))))
    for tag in re.finditer(r'<textarea\b[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        fields.append((tag.group(1), _unescape(tag.group(2))))
    for tag in re.finditer(r'<select\b[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', tag.group(2))
        fields.append((tag.group(1), chosen.group(1) if chosen else ""))
    return fields


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


def _with(fields: list[tuple[str, str]], name: str, value: str) -> list[tuple[str, str]]:
    out = [(k, v) for k, v in fields if k != name]
    return [*out, (name, value)]


def _run_at_once(jobs: list[Any]) -> list[Answer]:
    barrier = threading.Barrier(len(jobs))
    answers: list[Answer | None] = [None] * len(jobs)
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=60)
            answers[i] = jobs[i]()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, errors
    assert all(a is not None for a in answers)
    return [a for a in answers if a is not None]


def test_twenty_concurrent_saves_of_one_draft_give_one_winner_and_nineteen_clear_refusals(
    live_server, world, make_sop
):
    sop = make_sop()
    path = f"/sop/revisi/{sop.pk}/ubah/"
    browsers = [
        Browser(live_server.url, fresh(world.drafter if i % 2 else world.drafter2)) for i in range(20)
    ]
    forms = [_form_fields(b.get(path).body) for b in browsers]
    assert ("versi", str(sop.version)) in forms[0]
    jobs = [
        (lambda b=b, f=f, i=i: b.post(path, _with(f, "nama", f"Nama dari penulis {i}")))
        for i, (b, f) in enumerate(zip(browsers, forms, strict=True))
    ]
    answers = _run_at_once(jobs)
    assert sorted({a.status for a in answers}) == [302, 409], [a.status for a in answers]
    winners = [i for i, a in enumerate(answers) if a.status == 302]
    assert len(winners) == 1
    for i, answer in enumerate(answers):
        if answer.status == 409:
            assert "sudah diubah oleh" in answer.body
            assert f'value="Nama dari penulis {i}"' in answer.body  # their own text is still on screen
    sop.refresh_from_db()
    assert sop.nama == f"Nama dari penulis {winners[0]}" and sop.version == 2
    assert RevisionEdit.objects.filter(revision=sop).count() == 2


def test_a_double_submitted_approval_succeeds_once_and_tells_the_second_why(
    live_server, world, make_sop, to_state
):
    sop = to_state(make_sop(), "uji_coba")
    tabs = [Browser(live_server.url, fresh(world.head)) for _ in range(2)]
    detail = f"/sop/{sop.document_id}/"
    for tab in tabs:
        tab.get(detail)
    path = f"/alur/{sop.pk}/approve/"
    fields = [("versi", str(sop.version)), ("catatan", ""), ("confirm", "1")]
    answers = _run_at_once([lambda tab=tab: tab.post(path, fields) for tab in tabs])
    assert sorted(a.status for a in answers) == [302, 409]
    assert Transition.objects.filter(revision=sop, action="sop.approved").count() == 1
    loser = next(a for a in answers if a.status == 409)
    assert "tidak dapat dilakukan pada SOP berstatus Disahkan" in loser.body
    winner = tabs[[a.status for a in answers].index(302)]
    assert "SOP disahkan." in winner.get(detail).body


def test_eight_drafters_submitting_at_once_all_get_through(live_server, world, make_sop):
    from sopap.web.organisations.services import membership_create, user_create

    drafters = []
    for i in range(8):
        user = user_create(username=f"penyusun{i}", password=f"pw-penyusun{i}-123", full_name=f"Penyusun {i}")
        membership_create(user=user, role=Role.PENYUSUN, pd=world.pd, unit=world.unit)
        drafters.append(user)
    sops = [make_sop(author=user) for user in drafters]
    browsers = [Browser(live_server.url, fresh(user)) for user in drafters]
    for browser, sop in zip(browsers, sops, strict=True):
        browser.get(f"/sop/{sop.document_id}/")
    jobs = []
    for browser, sop in zip(browsers, sops, strict=True):

        def submit(b: Browser = browser, s: Revision = sop) -> Answer:
            saved = b.post(
                f"/sop/revisi/{s.pk}/ubah/",
                _with(
                    _form_fields(b.get(f"/sop/revisi/{s.pk}/ubah/").body), "peringatan", "Periksa kelengkapan"
                ),
            )
            if saved.status != 302:
                return saved
            b.get(f"/sop/{s.document_id}/")
            return b.post(f"/alur/{s.pk}/submit/", [("versi", str(s.version + 1))])

        jobs.append(submit)
    answers = _run_at_once(jobs)
    assert [a.status for a in answers] == [302] * 8, [(a.status, a.body[:300]) for a in answers]
    assert Revision.objects.filter(pk__in=[s.pk for s in sops], status=Status.DIAJUKAN).count() == 8


def test_two_kaji_ulang_at_once_open_one_draft(live_server, world, make_sop, to_state):
    sop = to_state(make_sop(), "berlaku")
    tabs = [Browser(live_server.url, fresh(world.drafter)) for _ in range(2)]
    for tab in tabs:
        tab.get(f"/sop/{sop.document_id}/")
    path = f"/alur/{sop.pk}/review_open/"
    answers = _run_at_once([lambda tab=tab: tab.post(path, [("versi", str(sop.version))]) for tab in tabs])
    assert sorted(a.status for a in answers) == [302, 409]
    assert Revision.objects.filter(document_id=sop.document_id).count() == 2
