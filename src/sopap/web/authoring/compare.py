"""Side-by-side comparison of two revisions: the identity fields and the steps, each under the label the
editor gives it, with the words that changed marked (<del> on the left, <ins> on the right)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from sopap.web.authoring.editor import DATE_FIELDS, data_from_text, initial_from_data
from sopap.web.shared.dates import document_date

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

FIELD_LABELS: list[tuple[str, StrOrPromise]] = [
    ("nama", _("Nama SOP")),
    ("nomor", _("Nomor SOP")),
    ("instansi", _("Instansi")),
    ("unit", _("Unit")),
    ("tanggal_pembuatan", _("Tanggal pembuatan")),
    ("tanggal_revisi", _("Tanggal revisi")),
    ("tanggal_efektif", _("Tanggal efektif")),
    ("disahkan_jabatan", _("Disahkan oleh (jabatan)")),
    ("disahkan_nama", _("Disahkan oleh (nama)")),
    ("disahkan_nip", _("NIP pengesah")),
    ("dasar_hukum", _("Dasar hukum")),
    ("kualifikasi_pelaksana", _("Kualifikasi pelaksana")),
    ("keterkaitan", _("Keterkaitan")),
    ("peralatan", _("Peralatan / perlengkapan")),
    ("peringatan", _("Peringatan")),
    ("pencatatan", _("Pencatatan dan pendataan")),
    ("pelaksana_kolom", _("Urutan kolom pelaksana")),
]
STEP_LABELS: list[tuple[str, StrOrPromise]] = [
    ("kegiatan", _("Kegiatan")),
    ("pelaksana", _("Pelaksana")),
    ("kelengkapan", _("Kelengkapan")),
    ("waktu", _("Waktu")),
    ("output", _("Output")),
    ("keterangan", _("Keterangan")),
    ("ya", _("Jika Ya, ke langkah")),
    ("tidak", _("Jika Tidak, ke langkah")),
]
_TOKENS = re.compile(r"(\s+)")


def _html(tokens: list[str]) -> str:
    return "".join("<br>" if "\n" in t else escape(t) for t in tokens)


def _mark(tokens: list[str], tag: str) -> str:
    """The words of ``tokens`` in <tag>, the spaces around them outside it."""
    words = [i for i, t in enumerate(tokens) if t.strip()]
    if not words:
        return _html(tokens)
    first, last = words[0], words[-1] + 1
    inner = _html(tokens[first:last])
    return f"{_html(tokens[:first])}<{tag}>{inner}</{tag}>{_html(tokens[last:])}"


def word_diff(a: str, b: str) -> tuple[SafeString, SafeString]:
    """Both texts as HTML (escaped, line breaks kept), the words only in ``a`` in <del>, only in ``b``
    in <ins>."""
    left, right = _TOKENS.split(a), _TOKENS.split(b)
    out_a: list[str] = []
    out_b: list[str] = []
    matcher = difflib.SequenceMatcher(a=left, b=right, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out_a.append(_html(left[i1:i2]))
            out_b.append(_html(right[j1:j2]))
            continue
        out_a.append(_mark(left[i1:i2], "del"))
        out_b.append(_mark(right[j1:j2], "ins"))
    return mark_safe("".join(out_a)), mark_safe("".join(out_b))


@dataclass
class Row:
    label: StrOrPromise
    a: str
    b: str
    parts: list[Row] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        if self.parts:
            return any(part.changed for part in self.parts)
        return self.a != self.b

    @property
    def diff(self) -> tuple[SafeString, SafeString]:
        return word_diff(self.a, self.b)


def _value(key: str, value: Any) -> str:
    text = str(value or "")
    return document_date(text) if key in DATE_FIELDS else text


def _step(a: dict[str, Any] | None, b: dict[str, Any] | None) -> list[Row]:
    a, b = a or {}, b or {}
    return [
        Row(label, str(a.get(key) or ""), str(b.get(key) or ""))
        for key, label in STEP_LABELS
        if a.get(key) or b.get(key)
    ]


def compare(text_a: str, text_b: str) -> dict[str, list[Row]]:
    a = initial_from_data(data_from_text(text_a))
    b = initial_from_data(data_from_text(text_b))
    fields = [
        Row(label, _value(key, a.get(key)), _value(key, b.get(key)))
        for key, label in FIELD_LABELS
        if a.get(key) or b.get(key)
    ]
    steps_a = [s for s in a["steps"] if any(s.values())]
    steps_b = [s for s in b["steps"] if any(s.values())]
    steps = []
    for i in range(max(len(steps_a), len(steps_b))):
        parts = _step(steps_a[i] if i < len(steps_a) else None, steps_b[i] if i < len(steps_b) else None)
        steps.append(Row(str(i + 1), "", "", parts))
    return {"fields": fields, "steps": steps}
