"""The users of bench/load_test.py (locust): the public reading the catalog, and drafters at work.

Targets (SOPs in force, PDs, search words, drafters with one draft each) come from the JSON file named by
$SOPAP_LOAD_TARGETS, written by load_test.py from the database under test. Each request is named by the page
it stands for, so the stats table has one row per page, not one per URL.
"""

from __future__ import annotations

import json
import os
import random
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from locust import HttpUser, between, task

TARGETS: dict[str, Any] = json.loads(Path(os.environ["SOPAP_LOAD_TARGETS"]).read_text(encoding="utf-8"))


class _Form(HTMLParser):
    """The fields of the form with ``form_id`` (or the first form), as a browser would post them."""

    def __init__(self, form_id: str | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.done = form_id, False, False
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: str | None = None
        self._selected: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and not self.done and (self.form_id is None or a.get("id") == self.form_id):
            self.inside = True
        if not self.inside:
            return
        if (
            tag == "input"
            and a.get("name")
            and a.get("type") not in {"submit", "button", "checkbox", "radio"}
        ):
            self.fields.append((a["name"], a.get("value", "")))
        elif tag == "input" and a.get("name") and a.get("type") in {"checkbox", "radio"} and "checked" in a:
            self.fields.append((a["name"], a.get("value", "on")))
        elif tag == "textarea" and a.get("name"):
            self._textarea, self._text = a["name"], []
        elif tag == "select" and a.get("name"):
            self._select, self._selected = a["name"], None
        elif tag == "option" and self._select is not None and ("selected" in a or self._selected is None):
            self._selected = a.get("value", "")

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, "".join(self._text)))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            self.fields.append((self._select, self._selected or ""))
            self._select = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True


def form_fields(html: str, form_id: str | None = None) -> list[tuple[str, str]]:
    parser = _Form(form_id)
    parser.feed(html)
    return parser.fields


class Reader(HttpUser):
    """Anyone on the public catalog: the list, one PD's list, a search, an SOP's page, its PDF."""

    weight = 4
    wait_time = between(1, 3)

    @task(3)
    def catalog(self) -> None:
        self.client.get("/katalog/", name="katalog")

    @task(2)
    def catalog_of_a_pd(self) -> None:
        self.client.get(f"/katalog/?pd={random.choice(TARGETS['pds'])}", name="katalog per PD")

    @task(4)
    def search(self) -> None:
        self.client.get("/katalog/", params={"q": random.choice(TARGETS["words"])}, name="cari")

    @task(4)
    def sop_page(self) -> None:
        self.client.get(f"/katalog/sop/{random.choice(TARGETS['documents'])}/", name="halaman SOP")

    @task(1)
    def pdf(self) -> None:
        # One of the SOPs whose PDF load_test.py rendered into the cache beforehand (a cached PDF).
        documents = TARGETS.get("pdf_documents") or TARGETS["documents"]
        self.client.get(f"/katalog/sop/{random.choice(documents)}/unduh/pdf/", name="PDF")


class Drafter(HttpUser):
    """A drafter logged in with a draft of their own: their SOP list, the editor, its live preview, a save."""

    weight = 1
    wait_time = between(1, 3)
    next_drafter = 0

    def on_start(self) -> None:
        drafters = TARGETS["drafters"]
        me = drafters[Drafter.next_drafter % len(drafters)]
        Drafter.next_drafter += 1
        self.revision = me["revision"]
        page = self.client.get("/akun/masuk/", name="masuk (form)")
        fields = dict(form_fields(page.text))
        fields.update(username=me["username"], password=me["password"])
        with self.client.post(
            "/akun/masuk/", data=fields, name="masuk", allow_redirects=False, catch_response=True
        ) as r:
            if r.status_code != 302:
                r.failure(f"login refused: {r.status_code}")
        self.fields: list[tuple[str, str]] = []
        self.editor()

    @task(2)
    def sop_list(self) -> None:
        self.client.get("/sop/", name="daftar SOP penyusun")

    @task(2)
    def editor(self) -> None:
        page = self.client.get(f"/sop/revisi/{self.revision}/ubah/", name="editor")
        if page.status_code == 200:
            self.fields = form_fields(page.text, "editor")

    @task(3)
    def preview(self) -> None:
        if not self.fields:
            return
        self.client.post(
            f"/sop/revisi/{self.revision}/pratinjau/",
            data=self._edited(),
            headers={"HX-Request": "true", "X-CSRFToken": self.client.cookies.get("csrftoken", "")},
            name="pratinjau editor",
        )

    @task(1)
    def save(self) -> None:
        if not self.fields:
            return
        with self.client.post(
            f"/sop/revisi/{self.revision}/ubah/", data=self._edited(), name="simpan", allow_redirects=False,
            catch_response=True,
        ) as r:  # fmt: skip
            if r.status_code != 302:
                r.failure(f"save refused: {r.status_code}")
        # The saved draft is a new version: the next save starts from the page as it is now.
        self.editor()

    def _edited(self) -> list[tuple[str, str]]:
        """The form with the SOP's name touched, as typing would."""
        out = []
        for name, value in self.fields:
            if name == "nama":
                value = value.rstrip(" .") + random.choice(["", " ."])
            out.append((name, value))
        return out
