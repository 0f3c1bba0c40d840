"""The real signed PDFs of one agency (`../shared/corpus/real-pdf`, when present): read as its own system
recorded them. Skipped on a machine without the shared corpus."""

from __future__ import annotations

import pytest
from real_pdf import check, find_corpus, nama_agreement, records

CORPUS = find_corpus()
pytestmark = pytest.mark.skipif(CORPUS is None, reason="../shared/corpus/real-pdf is not on this machine")


def _files():
    return sorted(CORPUS.glob("*.pdf")) if CORPUS is not None else []


@pytest.fixture(scope="module")
def results():
    assert CORPUS is not None
    recorded = records(CORPUS)
    return [check(path, recorded.get(path.name.split(".", 1)[0])) for path in _files()]


def test_every_real_pdf_gives_an_sop_or_a_message_naming_what_is_missing(results):
    assert results
    for result in results:
        assert result.sops >= 1 or "tabel prosedur" in result.error, result


def test_nomor_nama_tanggal_efektif_and_every_actor_are_right_for_most_real_pdfs(results):
    right = [r.name for r in results if r.right]
    # Of the 20: two draw their flowchart (or the whole procedure table) as a picture, one's record
    # differs from its own document (nomor cut short, no date where the sheet has one).
    assert len(right) >= 0.8 * len(results), [r.name for r in results if not r.right]


def test_most_recorded_lists_are_read_with_their_number_of_items(results):
    lists = [entry for r in results for entry in r.lists]
    same = [entry for entry in lists if entry[1] == entry[2]]
    # 47 of the 49 today: one record lost an item its sheet has (the sheet's text is overprinted there),
    # one sheet sets its peralatan in two columns, read across as one list.
    assert len(same) >= 0.9 * len(lists), [(r.name, e) for r in results for e in r.lists if e[1] != e[2]]


def test_every_step_drawn_as_vector_shapes_gets_its_actor_from_a_shape(results):
    drawn = [r for r in results if r.steps and not r.notes]
    assert drawn
    for result in drawn:
        assert result.evidence.get("shape") == result.steps, result


def test_a_flowchart_drawn_as_a_picture_is_said_so_in_the_report(results):
    pictured = [r for r in results if r.notes]
    assert pictured, "the corpus has a flowchart pasted as a picture"
    assert all("gambar" in note for r in pictured for note in r.notes)


def test_a_recorded_nama_with_a_slip_of_the_keyboard_still_agrees():
    assert nama_agreement("STANDAR OPERASIONAL PROSEDUR SELEKSI", "Seleksi") == "same"
    assert nama_agreement("Nilai Sampai Dengan", "Nilai Samoai Dengan") == "near"
    assert nama_agreement("Pemusnahan Arsip", "Upload Publikasi") == "differs"
