"""One style for dates in documents (08 November 2026), one for lists (08 Nov 2026), in either language."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from sopap.web.shared.dates import compact_date, document_date
from tests.web.conftest import fresh

TEMPLATES = Path(__file__).resolve().parents[3] / "src" / "sopap" / "web" / "templates"


def test_a_document_date_is_written_as_the_printed_sop_writes_it():
    assert document_date(dt.date(2026, 11, 20)) == "20 November 2026"
    assert document_date(dt.date(2019, 4, 8)) == "08 April 2019"
    assert document_date("2019-04-30") == "30 April 2019"
    assert document_date(None) == "" and document_date("") == ""
    assert document_date("awal tahun") == "awal tahun"  # what a draft's author typed, as typed
    with translation.override("en"):
        assert document_date(dt.date(2026, 11, 20)) == "20 November 2026"
        assert document_date(dt.date(2026, 8, 17)) == "17 August 2026"


def test_a_list_date_is_compact_with_the_time_when_asked():
    assert compact_date(dt.date(2026, 12, 2)) == "02 Des 2026"
    assert compact_date(dt.date(2026, 8, 17)) == "17 Agu 2026"
    moment = dt.datetime(2026, 11, 20, 3, 15, tzinfo=dt.UTC)  # 10.15 in Serang (Asia/Jakarta)
    assert compact_date(moment) == "20 Nov 2026"
    assert compact_date(moment, with_time=True) == "20 Nov 2026 10.15"
    with translation.override("en"):
        assert compact_date(dt.date(2026, 12, 2)) == "02 Dec 2026"
        assert compact_date(moment, with_time=True) == "20 Nov 2026 10:15"


def test_no_template_formats_a_date_its_own_way():
    offenders = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in TEMPLATES.rglob("*.html")
        for match in re.finditer(r"\|date(:[^}|]*)?", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@pytest.mark.django_db
def test_the_sop_page_writes_the_identity_dates_as_a_document_and_the_history_compactly(
    login, world, make_sop, to_state
):
    sop = to_state(make_sop(), "berlaku")
    text = login(fresh(world.drafter)).get(reverse("workflow:sop_detail", args=[sop.document_id])).content
    text = text.decode()
    assert "<dd>08 April 2019</dd>" in text  # tanggal pembuatan, stored as 2019-04-08
    assert "<dd>02 Januari 2025</dd>" in text  # tanggal efektif, from the decree
    visible = re.sub(r'<[^>]+>|datetime="[^"]*"|value="[^"]*"', " ", text)
    assert re.findall(r"\b\d{4}-\d{2}-\d{2}\b", visible) == []
    today = compact_date(sop.transitions.last().at)
    assert re.search(rf"pada <time datetime=\"[^\"]+\">{today} \d\d\.\d\d</time>", text)
