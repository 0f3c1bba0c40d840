"""The plain reading of an SOP (no pydantic) is the model's SOP, or it steps aside for the model."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from sopap.cli.main import cli
from sopap.core import sopfile
from sopap.core.model import SOP, Langkah, Pengesah
from sopap.core.plain import PlainSOP, read_plain
from sopap.core.renderers import available_formats, render
from sopap.core.rules import lint_paths
from sopap.core.vocabulary import PENGESAH_KEYS, SOP_KEYS, STEP_KEYS
from tests.samples import synthetic_sop
from tests.strategies import sops

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").rglob("*.sop.yaml"))


def _dumped(value: Any) -> Any:
    """A plain object, a model or a value as nested dicts and lists, to compare the two forms."""
    if isinstance(value, BaseModel):
        return {key: _dumped(getattr(value, key)) for key in type(value).model_fields}
    if hasattr(type(value), "__slots__") and type(value).__module__ == "sopap.core.plain":
        return {key: _dumped(getattr(value, key)) for key in type(value).__slots__}
    if isinstance(value, list):
        return [_dumped(item) for item in value]
    return value


def _model_or_error(data: Any) -> SOP | ValidationError:
    try:
        return SOP.model_validate(data)
    except ValidationError as exc:
        return exc


def test_the_plain_forms_have_the_fields_of_the_model_in_its_order():
    assert tuple(SOP.model_fields) == SOP_KEYS
    assert tuple(Langkah.model_fields) == STEP_KEYS
    assert tuple(Pengesah.model_fields) == PENGESAH_KEYS


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_is_read_plainly_as_the_model_reads_it(path):
    data = sopfile.read_path(path).data
    plain = read_plain(data)
    assert isinstance(plain, PlainSOP)
    assert _dumped(plain) == _dumped(SOP.model_validate(data))
    assert plain.actors == SOP.model_validate(data).actors


def test_the_plain_sop_answers_the_queries_of_the_model():
    model = synthetic_sop(steps=20, actors=5, every_decision=4)
    plain = read_plain(sopfile.parse_text(sopfile.dump(model)).data)
    assert plain is not None
    assert plain.actors == model.actors
    assert plain.lane_actors == model.lane_actors
    assert [plain.symbol_of(n) for n in range(1, 21)] == [model.symbol_of(n) for n in range(1, 21)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sop=sops(max_steps=12, max_actors=5))
def test_a_written_sop_is_read_back_plainly_with_the_same_values(sop):
    data = sopfile.parse_text(sopfile.dump(sop)).data
    plain = read_plain(data)
    assert plain is not None
    assert _dumped(plain) == _dumped(SOP.model_validate(data))


_BASE: dict[str, Any] = {
    "nama": "Pengajuan SPP",
    "instansi": "Dinas Kominfo",
    "langkah": [
        {"kegiatan": "Menyiapkan berkas", "pelaksana": "PPTK"},
        {"kegiatan": "Memeriksa", "pelaksana": ["Bendahara"], "keputusan": {"ya": 3, "tidak": 1}},
        {"kegiatan": "Selesai", "pelaksana": "PPTK"},
    ],
}

# Values of every kind a YAML file or a careless caller could put in a field, plain and not.
_ODD = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=5),
    st.integers(min_value=2**63 - 2, max_value=2**64),
    st.floats(allow_nan=False, width=32),
    st.sampled_from(
        [
            "",
            " ",
            "teks",
            "  teks  ",
            "\u00a0teks",
            "teks\u3000",
            "a\r\nb",
            "\x0b",
            "\ufeff",
            "\ud800",
            "selesai",
            "Selesai",
            "3",
            "proses",
            "mulai",
            "keputusan",
            "2024-02-30",
            "2024-01-05",
            "1",
        ]
    ),
    st.text(max_size=6),
    st.just(dt.date(2024, 1, 5)),
    st.just(dt.datetime(2024, 1, 5, 0, 0)),
    st.just(b"bytes"),
    st.just(("tuple",)),
    st.just(["teks", 1]),
    st.just(["teks", "lain"]),
    st.just([]),
    st.just({}),
    st.just({"ya": 1, "tidak": "selesai"}),
    st.just({"ya": True, "tidak": 2}),
    st.just({"ya": "2", "tidak": 1}),
    st.just({"jabatan": "Kepala", "nama": None}),
    st.just({"nama": ""}),
    st.just({"lain": "x"}),
)

_SOP_FIELDS = st.sampled_from([*SOP_KEYS, "kunci_lain", 1])
_STEP_FIELDS = st.sampled_from([*STEP_KEYS, "kunci_lain"])


@st.composite
def _disturbed(draw: st.DrawFn) -> dict[str, Any]:
    """The base SOP with a few fields, of the SOP or of a step, set to odd values or removed."""
    steps = [dict(step) for step in _BASE["langkah"]]
    data = {**_BASE, "langkah": steps}
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        if draw(st.booleans()):
            key = draw(_SOP_FIELDS)
            target: dict[Any, Any] = data
        else:
            key = draw(_STEP_FIELDS)
            target = draw(st.sampled_from(steps))
        if draw(st.integers(min_value=0, max_value=5)) == 0:
            target.pop(key, None)
        else:
            target[key] = draw(_ODD)
    return data


@settings(max_examples=1500, deadline=None)
@given(data=_disturbed())
def test_whatever_is_read_plainly_the_model_accepts_with_the_same_values(data):
    plain = read_plain(data)
    model = _model_or_error(data)
    if plain is not None:
        assert isinstance(model, SOP), model
        assert _dumped(plain) == _dumped(model)


@pytest.mark.parametrize(
    "change",
    [
        {"nama": 12},
        {"nama": "  "},
        {"unit": "Sekretariat"},
        {"tanggal_efektif": "2024-01-05"},
        {"versi_format": 2},
        {"kunci_lain": "x"},
        {"langkah": []},
        {"disahkan_oleh": {"nama": "\u00a0Budi"}},
    ],
    ids=repr,
)
def test_a_value_the_model_would_coerce_or_refuse_is_left_to_the_model(change):
    assert read_plain({**_BASE, **change}) is None


class _LooksLikeAKey:
    """Not text, but hashed and compared as the text it wraps: a set of field names takes it for one."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __hash__(self) -> int:
        return hash(self.text)

    def __eq__(self, other: object) -> bool:
        return other == self.text


def _with_key(mapping: dict[Any, Any], key: str) -> dict[Any, Any]:
    value = mapping.pop(key)
    mapping[_LooksLikeAKey(key)] = value
    return mapping


@pytest.mark.parametrize(
    "data",
    [
        _with_key({**_BASE}, "nama"),
        {**_BASE, "langkah": [_with_key(dict(_BASE["langkah"][0]), "kegiatan"), *_BASE["langkah"][1:]]},
        {**_BASE, "disahkan_oleh": _with_key({"nama": "Budi"}, "nama")},
        {**_BASE, "langkah": [{**_BASE["langkah"][0], "keputusan": _with_key({"ya": 2, "tidak": 3}, "ya")}]},
    ],
    ids=["sop", "step", "signer", "decision"],
)
def test_a_key_that_is_not_text_is_left_to_the_model(data):
    with pytest.raises(ValidationError):
        SOP.model_validate(data)
    assert read_plain(data) is None


def test_an_empty_signer_reads_as_none_in_both_forms():
    data = {**_BASE, "disahkan_oleh": {"nama": None}}
    plain = read_plain(data)
    assert plain is not None
    assert plain.disahkan_oleh is None
    assert SOP.model_validate(data).disahkan_oleh is None


def test_checking_a_folder_plainly_finds_what_the_model_finds(tmp_path):
    (tmp_path / "a.sop.yaml").write_text(sopfile.dump(synthetic_sop(steps=8, actors=3)), encoding="utf-8")
    (tmp_path / "b.sop.yaml").write_text(
        "nama: B\ninstansi: X\nlangkah:\n  - kegiatan: k\n", encoding="utf-8"
    )
    (tmp_path / "c.sop.yaml").write_text(
        "nama: C\ninstansi: X\nlangkah:\n  - kegiatan: k\n    pelaksana: A\n    keputusan: {ya: 9, tidak: 1}\n",
        encoding="utf-8",
    )
    by_model = lint_paths([tmp_path])
    plainly = lint_paths([tmp_path], plain=True)
    assert [(f.path, [d.render("id") for d in f.diagnostics]) for f in plainly.files] == [
        (f.path, [d.render("id") for d in f.diagnostics]) for f in by_model.files
    ]
    assert plainly.error_count >= 2


@pytest.mark.parametrize("fmt", sorted(available_formats()))
def test_rendering_one_valid_file_does_not_import_pydantic(tmp_path, fmt):
    source = EXAMPLES[0]
    target = tmp_path / f"x.{fmt}"
    program = (
        "import sys\n"
        "from sopap.cli.main import cli\n"
        f"cli(['render', {str(source)!r}, '-o', {str(target)!r}], standalone_mode=False)\n"
        "print(sorted({'pydantic', 'pydantic_core'} & set(sys.modules)))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.strip() == "[]"
    assert target.stat().st_size > 0


@pytest.mark.parametrize("fmt", sorted(available_formats()))
def test_every_format_renders_the_plain_form_as_it_renders_the_model(fmt):
    data = sopfile.read_path(EXAMPLES[0]).data
    plain = read_plain(data)
    assert plain is not None
    assert _contents(render(plain, fmt)) == _contents(render(SOP.model_validate(data), fmt))


def _contents(data: bytes) -> object:
    """A render as what it holds: an Office file's parts without the clock's time in its properties and
    its zip entries, any other format its bytes."""
    import io
    import zipfile

    if not data.startswith(b"PK"):
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: re.sub(rb"<dcterms:(created|modified)[^<]*</dcterms:\1>", b"", archive.read(name))
            for name in archive.namelist()
        }


def test_rendering_an_invalid_file_reports_the_models_errors(tmp_path):
    bad = tmp_path / "bad.sop.yaml"
    bad.write_text(
        "nama: B\ninstansi: X\ntanggal_efektif: 2024-02-30\nlangkah:\n  - kegiatan: k\n", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["render", str(bad), "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1
    err = result.stderr
    assert "bad.sop.yaml" in err and "tanggal_efektif" in err and "pelaksana" in err
    assert not (tmp_path / "x.pdf").exists()


def test_two_plain_readings_of_one_document_are_equal_and_a_changed_one_is_not():
    data = sopfile.read_path(EXAMPLES[0]).data
    first, second = read_plain(data), read_plain(data)
    assert first is not second and first == second
    assert first.langkah[0] == second.langkah[0]
    changed = read_plain({**data, "nama": data["nama"] + " (revisi)"})
    assert changed is not None and changed != first
    assert first != SOP.model_validate(data)  # two forms, as a model is not equal to a dict either
    assert repr(first.langkah[0]).startswith(f"PlainStep(kegiatan={data['langkah'][0]['kegiatan']!r}, ")
