"""Every action code a service can log reads as a sentence in the history, never as the code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.urls import reverse

from sopap.web.authoring.models import RevisionEdit
from sopap.web.shared.events import EVENT_LABELS, UNKNOWN, event_label
from sopap.web.workflow.states import TRANSITIONS
from tests.web.conftest import fresh

WEB = Path(__file__).resolve().parents[3] / "src" / "sopap" / "web"
DOTTED = re.compile(r"^[a-z]+(\.[a-z_]+)+$")


def codes_in_the_services() -> set[str]:
    """The dotted strings passed as `action=` anywhere in the web apps' code (a conditional included)."""
    found: set[str] = set()
    for path in WEB.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "action":
                for inner in ast.walk(node.value):
                    if (
                        isinstance(inner, ast.Constant)
                        and isinstance(inner.value, str)
                        and DOTTED.match(inner.value)
                    ):
                        found.add(inner.value)
    return found


def every_code() -> set[str]:
    return (
        codes_in_the_services()
        | {rule.action for rule in TRANSITIONS.values()}
        | {str(choice) for choice in RevisionEdit.Action.values}
    )


def test_the_walk_finds_the_codes_of_every_app():
    codes = every_code()
    for expected in (
        "sop.submitted",
        "sop.verification.returned",
        "revision.saved",
        "account.created",
        "account.unlocked",
        "pd.numbering_changed",
        "pd.chain_changed",
        "evaluation.recorded",
        "evaluation.corrected",
    ):
        assert expected in codes


def test_every_action_code_the_code_can_log_has_words():
    assert sorted(code for code in every_code() if code not in EVENT_LABELS) == []


def test_no_label_is_a_code_and_each_is_translated_to_english():
    from django.utils import translation

    for code, label in EVENT_LABELS.items():
        assert "." not in str(label) or str(label).endswith(".sop.yaml"), code
        with translation.override("en"):
            english = str(label)
        assert english != str(label), code


def test_an_unknown_code_reads_as_a_change_not_as_the_code():
    assert event_label("sop.something.new") == UNKNOWN


@pytest.mark.django_db
def test_the_sop_history_says_what_happened_by_whom_in_indonesian(login, world, make_sop, to_state):
    sop = to_state(make_sop(), "uji_coba")
    page = login(fresh(world.drafter)).get(reverse("workflow:sop_detail", args=[sop.document_id])).content
    text = page.decode()
    assert "Diajukan untuk verifikasi oleh <strong>Drafter</strong> pada <time" in text
    assert "Verifikasi disetujui oleh <strong>Verifier1</strong>" in text
    assert "Uji coba dimulai (verifikasi selesai)" in text
    assert "sop.submitted" not in text and "sop.verification" not in text and "<code>" not in text


@pytest.mark.django_db
def test_an_sop_without_history_says_so_in_a_sentence_not_a_numbered_item(login, world, make_sop):
    sop = make_sop()
    text = login(fresh(world.drafter)).get(reverse("workflow:sop_detail", args=[sop.document_id])).content
    history = text.decode().split("<h2>Riwayat</h2>")[1].split("</section>")[0]
    assert '<p class="muted">Belum ada riwayat.</p>' in history and "<li" not in history


@pytest.mark.django_db
def test_the_history_speaks_english_on_the_english_locale(client, world, make_sop, to_state):
    sop = to_state(make_sop(), "diajukan")
    client.force_login(fresh(world.drafter))
    client.cookies["django_language"] = "en"
    text = client.get(reverse("workflow:sop_detail", args=[sop.document_id])).content.decode()
    assert "Submitted for verification by <strong>Drafter</strong> on <time" in text


@pytest.mark.django_db
def test_the_pd_settings_history_names_the_change_in_words(login, world):
    from sopap.web.organisations.services import pd_settings_update

    pd_settings_update(pd=world.pd, actor=fresh(world.admin), pola_nomor="{kode_pd}/{urut}", chain=[])
    text = login(fresh(world.admin)).get(reverse("organisations:settings", args=[world.pd.pk])).content
    text = text.decode()
    assert "<td>Pola nomor SOP diubah</td>" in text and "<td>Rantai verifikasi diubah</td>" in text
    assert "pd.numbering_changed" not in text


@pytest.mark.django_db
def test_the_evaluation_history_on_the_monitoring_page_is_sentences(login, world, make_sop, to_state):
    from sopap.web.monitoring.models import CRITERIA
    from sopap.web.monitoring.services import evaluation_record

    sop = to_state(make_sop(), "berlaku")
    for rekomendasi in ("tetap", "tetap"):
        evaluation_record(
            actor=fresh(world.admin),
            document=sop.document,
            tahun=2025,
            answers={key: True for key, _label in CRITERIA},
            rekomendasi=rekomendasi,
            catatan="",
        )
    text = login(fresh(world.admin)).get(reverse("monitoring:sop", args=[sop.document_id])).content.decode()
    assert "Evaluasi tahunan dicatat oleh <strong>Admin</strong>" in text
    assert "Evaluasi tahunan diperbaiki oleh <strong>Admin</strong>" in text
    assert "evaluation.recorded" not in text
