"""The terms of the SOP file format that need no validation library: its symbols, keys and text rules.

Both forms of an SOP are built on this module: the pydantic model (:mod:`sopap.core.model`), which every
writer and the web app use, and the plain objects of :mod:`sopap.core.plain`, with which one `sopap render`
draws a valid file without importing pydantic (a third of that command's start-up).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

FORMAT_VERSION = 1
END = "selesai"

# Key order of a written file: the order of the contract's tables (and of the model's fields).
SOP_KEYS: tuple[str, ...] = (
    "versi_format",
    "nama",
    "nomor",
    "pemerintah",
    "instansi",
    "unit",
    "tanggal_pembuatan",
    "tanggal_revisi",
    "tanggal_efektif",
    "disahkan_oleh",
    "dasar_hukum",
    "kualifikasi_pelaksana",
    "keterkaitan",
    "peralatan",
    "peringatan",
    "pencatatan",
    "pelaksana",
    "langkah",
)
STEP_KEYS: tuple[str, ...] = (
    "kegiatan",
    "pelaksana",
    "kelengkapan",
    "waktu",
    "output",
    "keterangan",
    "keputusan",
    "simbol",
)
PENGESAH_KEYS: tuple[str, ...] = ("jabatan", "nama", "nip")
DECISION_KEYS: tuple[str, ...] = ("ya", "tidak")

_LINE_BREAKS = re.compile(r"\r\n|[\r\x85\u2028\u2029\x0b\x0c]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff]")


class Simbol(StrEnum):
    MULAI = "mulai"
    PROSES = "proses"
    KEPUTUSAN = "keputusan"
    SELESAI = "selesai"


def clean_text(value: Any) -> Any:
    """Text pasted from Word carries odd line breaks and control characters; keep only what a reader sees."""
    if isinstance(value, str):
        value = _CONTROL.sub("", _LINE_BREAKS.sub("\n", value))
        value = "\n".join(line.rstrip() for line in value.split("\n"))
    return value


class _Step(Protocol):
    @property
    def pelaksana(self) -> Sequence[str]: ...
    @property
    def simbol(self) -> Simbol | None: ...
    @property
    def keputusan(self) -> object | None: ...


class SopQueries:
    """What both forms of an SOP answer from their fields: the actor columns, the lanes, a step's symbol."""

    __slots__ = ()

    if TYPE_CHECKING:  # declared by the two forms, each its own way (pydantic fields, slots)
        pelaksana: Sequence[str] | None
        langkah: Sequence[_Step]

    @property
    def actors(self) -> list[str]:
        """The actor columns of the procedure sheet, left to right."""
        if self.pelaksana:
            return list(self.pelaksana)
        seen: dict[str, None] = {}
        for step in self.langkah:
            for name in step.pelaksana:
                seen.setdefault(name, None)
        return list(seen)

    @property
    def lane_actors(self) -> list[str]:
        """The lanes to draw: the actor columns, then any actor a step names that they lack (a draft may)."""
        names = self.actors
        for step in self.langkah:
            for name in step.pelaksana:
                if name not in names:
                    names.append(name)
        return names

    def symbol_of(self, number: int) -> Simbol:
        """The symbol drawn for step ``number`` (1-based), with the format's defaults."""
        step: _Step = self.langkah[number - 1]
        if step.simbol is not None:
            return step.simbol
        if step.keputusan is not None:
            return Simbol.KEPUTUSAN
        if number == 1:
            return Simbol.MULAI
        if number == len(self.langkah):
            return Simbol.SELESAI
        return Simbol.PROSES
