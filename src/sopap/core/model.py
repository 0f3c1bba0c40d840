"""The SOP AP domain model, exactly as `docs/sop-format.md` (the public contract) describes it.

The models check structure only (types, required fields, unknown keys). Whether an SOP makes sense
(actors declared, decision targets in range, a flow that ends) is the job of :mod:`sopap.core.rules`,
so that a half-written draft can still be loaded, edited and saved.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    field_validator,
)

from sopap.core.vocabulary import END as END
from sopap.core.vocabulary import FORMAT_VERSION as FORMAT_VERSION
from sopap.core.vocabulary import PENGESAH_KEYS as PENGESAH_KEYS
from sopap.core.vocabulary import SOP_KEYS as SOP_KEYS
from sopap.core.vocabulary import STEP_KEYS as STEP_KEYS
from sopap.core.vocabulary import Simbol as Simbol
from sopap.core.vocabulary import SopQueries, clean_text

Text = Annotated[str, BeforeValidator(clean_text), StringConstraints(strip_whitespace=True, min_length=1)]


def _as_list(value: Any) -> Any:
    """The format lets one item be written as a plain string; the model always holds a list."""
    if value is None:
        return []
    if isinstance(value, str | int | float):
        return [value]
    return value


TextList = Annotated[
    list[Text],
    BeforeValidator(_as_list),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {"type": "array", "items": {"type": "string", "minLength": 1}},
            ]
        }
    ),
]
"""A field written as one string or a list of strings (`pelaksana` of a step, `kelengkapan`, `output`)."""

StrictTextList = Annotated[
    list[Text],
    BeforeValidator(lambda v: [] if v is None else v),
    WithJsonSchema({"type": "array", "items": {"type": "string", "minLength": 1}}),
]
"""A field that the format defines as a list (`dasar_hukum`, `peralatan`...); null reads as empty."""

Target = Annotated[
    int | Literal["selesai"],
    WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 1}, {"const": END}]}),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, validate_assignment=True)


class Pengesah(_Strict):
    """Disahkan oleh: the official who approves the SOP."""

    jabatan: Text | None = None
    nama: Text | None = None
    nip: Text | None = None


class Keputusan(_Strict):
    """The two branches of a Decision: each a 1-based step number or ``selesai``."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=False, validate_assignment=True)

    ya: Target
    tidak: Target


class Langkah(_Strict):
    """One row of the procedure sheet."""

    kegiatan: Text = Field(description="Uraian Prosedur / Kegiatan")
    pelaksana: TextList = Field(description="the actor(s); several actors make a joint step")
    kelengkapan: TextList = Field(default_factory=list, description="Mutu Baku: Kelengkapan")
    waktu: Text | None = Field(default=None, description="Mutu Baku: Waktu, e.g. `5 menit`, `2 hari`")
    output: TextList = Field(default_factory=list, description="Mutu Baku: Output")
    keterangan: Text | None = Field(default=None, description="Ket.")
    keputusan: Keputusan | None = Field(default=None, description="makes the step a Decision")
    simbol: Simbol | None = Field(default=None, description="override of the drawn symbol")


class SOP(_Strict, SopQueries):
    """A whole SOP AP: identity sheet and procedure sheet."""

    versi_format: Literal[1] = 1
    nama: Text
    nomor: Text | None = None
    pemerintah: Text | None = None
    instansi: Text
    unit: StrictTextList = Field(default_factory=list)
    tanggal_pembuatan: dt.date | None = None
    tanggal_revisi: dt.date | None = None
    tanggal_efektif: dt.date | None = None
    disahkan_oleh: Pengesah | None = None
    dasar_hukum: StrictTextList = Field(default_factory=list)
    kualifikasi_pelaksana: StrictTextList = Field(default_factory=list)
    keterkaitan: StrictTextList = Field(default_factory=list)
    peralatan: StrictTextList = Field(default_factory=list)
    peringatan: StrictTextList = Field(default_factory=list)
    pencatatan: StrictTextList = Field(default_factory=list)
    pelaksana: StrictTextList | None = Field(
        default=None,
        description="actor columns, left to right; when absent, the actors of langkah in order of first use",
    )
    langkah: Annotated[list[Langkah], Field(min_length=1)]

    @field_validator("disahkan_oleh")
    @classmethod
    def _no_empty_signer(cls, value: Pengesah | None) -> Pengesah | None:
        # `disahkan_oleh: {}` says nothing; keep one way of saying nothing.
        if value is not None and value == Pengesah():
            return None
        return value
