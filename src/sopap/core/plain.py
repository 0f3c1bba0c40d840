"""An SOP as plain Python objects, read without pydantic, for the command that must start fast.

Importing pydantic and building the model's classes is a third of the start-up of one `sopap render
FILE.sop.yaml` (~150 ms of ~370). Most files are *plainly* valid: every value is already of the type the
format names (text as text, lists as lists, dates as dates, step numbers as integers) and no key is
unknown. For such a file :func:`read_plain` builds, as the slotted objects below, the very SOP that
:class:`sopap.core.model.SOP` would build; for anything else it returns None, and the caller asks the
model, whose located errors are the ones users read. The model stays the only judge of what is valid:
this module recognises the plain case and nothing more, and ``tests/core/test_plain.py`` checks on every
example and on generated documents that what it accepts, the model accepts with the same values.

The objects have the model's attributes and its queries (:class:`~sopap.core.vocabulary.SopQueries`),
which is all the rules and the renderers read; they have no pydantic methods, so only those get them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any, cast

from sopap.core.vocabulary import (
    DECISION_KEYS,
    END,
    FORMAT_VERSION,
    PENGESAH_KEYS,
    SOP_KEYS,
    STEP_KEYS,
    Simbol,
    SopQueries,
    clean_text,
)

if TYPE_CHECKING:
    from sopap.core.model import SOP

_SOP_FIELDS = frozenset(SOP_KEYS)
_STEP_FIELDS = frozenset(STEP_KEYS)
_SIGNER_FIELDS = frozenset(PENGESAH_KEYS)
_DECISION_FIELDS = frozenset(DECISION_KEYS)
_SYMBOLS = {s.value: s for s in Simbol}
# pydantic-core holds text as UTF-8, which a lone surrogate (a YAML "\ud800" escape) is not.
_SURROGATE = re.compile("[\ud800-\udfff]")
_ASCII_SPACE = " \t\n\r"
# Step numbers pydantic-core holds as a machine integer; a larger one is left to the model.
_INT_RANGE = range(-(2**63), 2**63)


class NotPlain(Exception):
    """A value that is not plainly of its field's type: the model must read the document."""


class _Plain:
    """Equal by value and shown by value, as the model's objects are (a rule comparing two steps, a
    failing test printing one, must not see identities)."""

    __slots__ = ()
    __hash__ = None  # type: ignore[assignment]  # mutable, like the model's objects

    def _fields(self) -> tuple[str, ...]:
        return cast("tuple[str, ...]", type(self).__slots__)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, key) == getattr(other, key) for key in self._fields())

    def __repr__(self) -> str:
        fields = ", ".join(f"{key}={getattr(self, key)!r}" for key in self._fields())
        return f"{type(self).__name__}({fields})"


class PlainSigner(_Plain):
    __slots__ = PENGESAH_KEYS

    def __init__(self, jabatan: str | None, nama: str | None, nip: str | None) -> None:
        self.jabatan = jabatan
        self.nama = nama
        self.nip = nip


class PlainDecision(_Plain):
    __slots__ = DECISION_KEYS

    def __init__(self, ya: int | str, tidak: int | str) -> None:
        self.ya = ya
        self.tidak = tidak


class PlainStep(_Plain):
    __slots__ = STEP_KEYS

    def __init__(self, values: dict[str, Any]) -> None:
        for key in STEP_KEYS:
            setattr(self, key, values[key])


class PlainSOP(_Plain, SopQueries):
    __slots__ = SOP_KEYS

    def __init__(self, values: dict[str, Any]) -> None:
        for key in SOP_KEYS:
            setattr(self, key, values[key])


def read_plain(data: object) -> SOP | None:
    """The SOP of a plainly valid document as plain objects, or None when the model must read it.

    Typed as the model because it is the model's SOP attribute for attribute (see the module's note).
    """
    try:
        return cast("SOP", _sop(data))
    except NotPlain:
        return None


def _mapping(value: object, allowed: frozenset[str]) -> dict[str, Any]:
    # A key is looked up by hash and equality, which an object that is not text may share with a field
    # name; the model wants keys that are text.
    if type(value) is not dict or not allowed.issuperset(value) or any(type(k) is not str for k in value):
        raise NotPlain
    return value


def _text(value: object) -> str:
    # The model cleans, then strips, then wants one character; Python's strip and pydantic-core's agree
    # on ASCII space, so text with other space at its ends goes to the model.
    if type(value) is not str or _SURROGATE.search(value):
        raise NotPlain
    cleaned: str = clean_text(value)
    stripped = cleaned.strip(_ASCII_SPACE)
    if not stripped or stripped != cleaned.strip():
        raise NotPlain
    return stripped


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)


def _text_list(value: object) -> list[str]:
    """A list of text, or one text standing for a list of one (`pelaksana`, `kelengkapan`, `output`)."""
    if type(value) is str:
        return [_text(value)]
    return _strict_text_list(value)


def _strict_text_list(value: object) -> list[str]:
    if value is None:
        return []
    if type(value) is not list:
        raise NotPlain
    return [_text(item) for item in value]


def _date(value: object) -> dt.date | None:
    if value is None or type(value) is dt.date:
        return value
    raise NotPlain


def _target(value: object) -> int | str:
    if type(value) is int and value in _INT_RANGE:
        return value
    if value == END and type(value) is str:
        return END
    raise NotPlain


def _decision(value: object) -> PlainDecision | None:
    if value is None:
        return None
    fields = _mapping(value, _DECISION_FIELDS)
    if len(fields) != len(_DECISION_FIELDS):
        raise NotPlain
    return PlainDecision(_target(fields["ya"]), _target(fields["tidak"]))


def _symbol(value: object) -> Simbol | None:
    if value is None:
        return None
    if type(value) is not str or value not in _SYMBOLS:
        raise NotPlain
    return _SYMBOLS[value]


def _signer(value: object) -> PlainSigner | None:
    if value is None:
        return None
    fields = _mapping(value, _SIGNER_FIELDS)
    jabatan, nama, nip = (_optional_text(fields.get(key)) for key in PENGESAH_KEYS)
    if jabatan is None and nama is None and nip is None:
        return None  # as the model: `disahkan_oleh: {}` says nothing
    return PlainSigner(jabatan, nama, nip)


def _step(value: object) -> PlainStep:
    fields = _mapping(value, _STEP_FIELDS)
    if "kegiatan" not in fields or "pelaksana" not in fields:
        raise NotPlain
    return PlainStep(
        {
            "kegiatan": _text(fields["kegiatan"]),
            "pelaksana": _text_list(fields["pelaksana"]),
            "kelengkapan": _text_list(fields.get("kelengkapan")),
            "waktu": _optional_text(fields.get("waktu")),
            "output": _text_list(fields.get("output")),
            "keterangan": _optional_text(fields.get("keterangan")),
            "keputusan": _decision(fields.get("keputusan")),
            "simbol": _symbol(fields.get("simbol")),
        }
    )


def _sop(data: object) -> PlainSOP:
    fields = _mapping(data, _SOP_FIELDS)
    if "nama" not in fields or "instansi" not in fields:
        raise NotPlain
    version = fields.get("versi_format", FORMAT_VERSION)
    steps = fields.get("langkah")
    if type(version) is not int or version != FORMAT_VERSION or type(steps) is not list or not steps:
        raise NotPlain
    actors = fields.get("pelaksana")
    return PlainSOP(
        {
            "versi_format": FORMAT_VERSION,
            "nama": _text(fields["nama"]),
            "nomor": _optional_text(fields.get("nomor")),
            "pemerintah": _optional_text(fields.get("pemerintah")),
            "instansi": _text(fields["instansi"]),
            "unit": _strict_text_list(fields.get("unit")),
            "tanggal_pembuatan": _date(fields.get("tanggal_pembuatan")),
            "tanggal_revisi": _date(fields.get("tanggal_revisi")),
            "tanggal_efektif": _date(fields.get("tanggal_efektif")),
            "disahkan_oleh": _signer(fields.get("disahkan_oleh")),
            "dasar_hukum": _strict_text_list(fields.get("dasar_hukum")),
            "kualifikasi_pelaksana": _strict_text_list(fields.get("kualifikasi_pelaksana")),
            "keterkaitan": _strict_text_list(fields.get("keterkaitan")),
            "peralatan": _strict_text_list(fields.get("peralatan")),
            "peringatan": _strict_text_list(fields.get("peringatan")),
            "pencatatan": _strict_text_list(fields.get("pencatatan")),
            "pelaksana": None if actors is None else _strict_text_list(actors),
            "langkah": [_step(step) for step in steps],
        }
    )
