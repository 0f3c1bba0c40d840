"""Writing `.sop.yaml`: what a person would type, and load(dump(x)) == x for every valid SOP."""

from __future__ import annotations

import datetime as dt
import string
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sopap.core import sopfile
from sopap.core.model import SOP, Keputusan, Langkah, Pengesah, Simbol
from sopap.core.vocabulary import clean_text
from tests.conftest import examples, spec_example


def test_the_format_documents_example_is_written_back_as_a_person_wrote_it() -> None:
    original = spec_example()
    written = sopfile.dump(sopfile.load(original))
    # The only difference: a null the author spelled out is left out.
    assert written == original.replace("tanggal_revisi: null\n", "")


def test_keys_follow_the_order_of_the_contract_whatever_the_input_order() -> None:
    sop = sopfile.load(spec_example())
    shuffled = SOP.model_validate(dict(reversed(list(sop.model_dump().items()))))
    assert sopfile.dump(shuffled) == sopfile.dump(sop)


def test_long_list_items_are_written_one_per_line() -> None:
    text = sopfile.dump(sopfile.load(spec_example()))
    assert "dasar_hukum:\n  - PP Nomor 58 Tahun 2005" in text
    assert "peralatan: [ATK, Komputer, Printer]" in text


def test_multiline_text_is_written_as_a_literal_block() -> None:
    sop = sopfile.load(spec_example())
    sop.langkah[0].keterangan = "Baris satu\nBaris dua"
    text = sopfile.dump(sop)
    assert "keterangan: |-\n      Baris satu\n      Baris dua" in text
    assert sopfile.load(text) == sop


def test_writing_to_a_path_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "spj.sop.yaml"
    sopfile.dump_path(sopfile.load(spec_example()), target)
    assert [p.name for p in tmp_path.iterdir()] == ["spj.sop.yaml"]


# ------------------------------------------------------------------------------------- round trip

# Text as people type it, including characters that YAML treats specially.
_TRICKY = [
    "yes",
    "no",
    "null",
    "~",
    "12.10",
    "0123",
    "2019-04-08",
    "- a",
    "a: b",
    "#tag",
    "[x]",
    "{y}",
    "*alias",
    "&anchor",
    "!tag",
    "'q'",
    '"dq"',
    "@x",
    "`b`",
    "%p",
    "50%",
    "SPP/SPM",
    "1e3",
    ": a",
]
_words = st.text(alphabet=string.ascii_letters + string.digits + " ,.:/()-&'\"#%éü—", min_size=1, max_size=40)
_text = (
    st.one_of(_words, st.sampled_from(_TRICKY), st.text(min_size=1, max_size=30))
    .map(lambda s: clean_text(s).strip())
    .filter(bool)
)
_multiline = st.lists(_words.map(str.strip).filter(bool), min_size=2, max_size=3).map("\n".join)


@st.composite
def valid_sops(draw: st.DrawFn) -> SOP:
    actors = draw(st.lists(_text, min_size=1, max_size=6, unique=True))
    count = draw(st.integers(min_value=1, max_value=12))
    steps = []
    for _ in range(count):
        decision = None
        if count >= 3 and draw(st.booleans()):
            targets = st.one_of(st.integers(min_value=1, max_value=count), st.just("selesai"))
            decision = Keputusan(ya=draw(targets), tidak=draw(targets))
        steps.append(
            Langkah(
                kegiatan=draw(st.one_of(_text, _multiline)),
                pelaksana=draw(st.lists(st.sampled_from(actors), min_size=1, max_size=2, unique=True)),
                kelengkapan=draw(st.lists(_text, max_size=3)),
                waktu=draw(
                    st.one_of(st.none(), st.sampled_from(["5 menit", "3jam", "0,5 jam", "Setiap hari"]))
                ),
                output=draw(st.lists(_text, max_size=2)),
                keterangan=draw(st.one_of(st.none(), _text)),
                keputusan=decision,
                simbol=draw(st.one_of(st.none(), st.sampled_from(list(Simbol)))),
            )
        )
    dates = st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1)))
    return SOP(
        nama=draw(_text),
        nomor=draw(st.one_of(st.none(), _text)),
        pemerintah=draw(st.one_of(st.none(), _text)),
        instansi=draw(_text),
        unit=draw(st.lists(_text, max_size=3)),
        tanggal_pembuatan=draw(dates),
        tanggal_revisi=draw(dates),
        tanggal_efektif=draw(dates),
        disahkan_oleh=draw(
            st.one_of(
                st.none(),
                st.builds(
                    Pengesah,
                    jabatan=st.one_of(st.none(), _text),
                    nama=st.one_of(st.none(), _text),
                    nip=st.one_of(st.none(), _text),
                ),
            )
        ),
        dasar_hukum=draw(st.lists(_text, max_size=3)),
        kualifikasi_pelaksana=draw(st.lists(_text, max_size=3)),
        keterkaitan=draw(st.lists(_text, max_size=2)),
        peralatan=draw(st.lists(_text, max_size=4)),
        peringatan=draw(st.lists(_text, max_size=2)),
        pencatatan=draw(st.lists(_text, max_size=2)),
        pelaksana=draw(st.one_of(st.none(), st.just(actors))),
        langkah=steps,
    )


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_sops())
def test_loading_a_dumped_sop_gives_the_same_sop(sop: SOP) -> None:
    assert sopfile.load(sopfile.dump(sop)) == sop


@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_sops())
def test_dumping_is_stable(sop: SOP) -> None:
    text = sopfile.dump(sop)
    assert sopfile.dump(sopfile.load(text)) == text


def test_a_plain_mapping_missing_a_required_field_is_written_as_dump_writes_an_sop() -> None:
    # An imported draft (no `instansi`) is no SOP yet, but its file looks like any other.
    sop = sopfile.load(spec_example())
    draft = sop.model_dump(mode="python", exclude={"instansi"})
    draft["langkah"][0]["kegiatan"] = None  # an empty cell read as nothing
    written = sopfile.dump_mapping(draft)
    expected = sopfile.dump(sop).replace(f"instansi: {sop.instansi}\n", "")
    assert written == expected.replace("  - kegiatan: Penyerahan SPJ\n    pelaksana:", "  - pelaksana:")
