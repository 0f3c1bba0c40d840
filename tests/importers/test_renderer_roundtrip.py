"""Every DOCX that sopap's own renderer writes imports back to the same SOP."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from sopap.core.importers import import_file
from sopap.core.model import SOP

renderer = pytest.importorskip("sopap.core.renderers.docx")

_word = st.sampled_from(["Surat", "Data", "Laporan", "Berkas", "Draft", "Rekap", "Dokumen", "Arsip"])
_text = st.lists(_word, min_size=1, max_size=4).map(" ".join)
_actors = st.lists(
    st.sampled_from(["Kepala Dinas", "Sekretaris", "Kasubag Umum", "Pelaksana", "Bendahara"]),
    min_size=2,
    max_size=4,
    unique=True,
)


@st.composite
def sops(draw):
    actors = draw(_actors)
    n = draw(st.integers(min_value=2, max_value=9))
    steps = []
    for i in range(n):
        step = {
            "kegiatan": f"Menyusun {draw(_text)}",
            "pelaksana": draw(st.sampled_from(actors)),
            "kelengkapan": draw(_text),
            "waktu": f"{draw(st.integers(1, 9))} jam",
            "output": draw(_text),
        }
        if 1 <= i < n - 1 and draw(st.booleans()):
            step["keputusan"] = {"ya": i + 2, "tidak": i}
        steps.append(step)
    return SOP.model_validate(
        {
            "nama": f"Mekanisme {draw(_text)}",
            "nomor": f"12.01.{draw(st.integers(10, 99))}.2024",
            "pemerintah": "Pemerintah Kota Serang",
            "instansi": "Dinas Komunikasi dan Informatika Kota Serang",
            "unit": ["Sekretariat"],
            "tanggal_pembuatan": dt.date(2024, 1, 8),
            "tanggal_efektif": dt.date(2024, 2, 1),
            "pelaksana": actors,
            "langkah": steps,
        }
    )


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(sops())
def test_a_docx_from_the_renderer_imports_back_to_the_same_sop(sop):
    data = renderer.render_docx(sop, None)
    result = import_file(data, "render.docx")
    assert len(result.sops) == 1
    got = result.sops[0].sop
    assert got is not None
    assert got.nama == sop.nama and got.nomor == sop.nomor
    assert [s.pelaksana for s in got.langkah] == [s.pelaksana for s in sop.langkah]
    assert [s.kegiatan for s in got.langkah] == [s.kegiatan for s in sop.langkah]
    assert [s.keputusan for s in got.langkah] == [s.keputusan for s in sop.langkah]
