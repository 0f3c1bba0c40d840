"""How big an SOP may be: the numbers, and a check that costs no more than reading the file.

An 18,201-step file of 1.9 MB (under the 2 MB cap of :mod:`sopap.core.sopfile`) was accepted and kept a
CPU busy drawing its flowchart. Every limit here is an ERROR, so a file over one can be neither submitted
nor rendered, and :func:`exceeded_limits` looks only at the parsed mapping: it never validates the model,
follows the flow or builds the layout, so the web app can call it on every save or upload.

The numbers come from real SOPs: the 14 of Diskominfo Kota Serang (`examples/serang/`, 4 to 9 steps,
2 to 6 actors), the 20 signed SOPs of BPS Provinsi Bengkulu in the shared corpus (up to 17 steps, 16
items in an identity list, a kegiatan of 659 characters) and what the agencies report (5 to about 40
steps, 2 to 14 actors). Each leaves room well past the largest real value; where the renderers set a
harder bound (Word's 255-character title, Excel's 32,767-character cell) or the layout's cost grows
fastest (many lanes, tall rows) the limit stays inside it. `docs/limits.md` gives the measurements.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sopap.core.diagnostics import Diagnostic, Severity

MAX_STEPS = 150
"""Steps of the procedure. Real SOPs have 5 to about 40 (Serang at most 9, BPS Bengkulu at most 17);
150 is nearly four times the longest. A longer procedure is several SOPs."""

MAX_ACTORS = 20
"""Actor columns (lanes): those declared in `pelaksana` and any other a step names. Real SOPs have 2 to
14. The lanes share the sheet's width with the text columns: at 20 each is 25 points (9 mm) wide and a
60-character jabatan already takes a third of the page's height as its header; at 30 (17 points) the
header of real names leaves under half a page for the steps, and a sheet at the other limits takes
minutes instead of seconds to lay out."""

MAX_LIST_ITEMS = 40
"""Items of an identity list (`dasar_hukum`, `peralatan`, `keterkaitan`...). The longest real one has 16
(BPS Bengkulu's Peralatan), the most legal bases seen is 13. With :data:`MAX_CHARS` a whole list fits the
one XLSX cell it is written to (Excel holds 32,767 characters: 40 x (800 + 3) = 32,120)."""

MAX_STEP_ITEMS = 20
"""Items of a step's `kelengkapan` or `output`. Real steps list 1 to 6. A step's `pelaksana` is bounded
by :data:`MAX_ACTORS` instead, since a joint step can involve every lane."""

MAX_CHARS: dict[str, int] = {
    # Identity. The longest real nama has 167 characters (a BPS procurement SOP), instansi 74 (Buleleng's
    # Kominfosanti), nomor 18 (`SOP-005/17000/2025`), the signer's jabatan 81. Word keeps nama and
    # instansi as document properties, which hold at most 255 characters. A NIP is 18 digits (21 with
    # its spaces).
    "nama": 250,
    "nomor": 100,
    "pemerintah": 250,
    "instansi": 250,
    "disahkan_oleh.jabatan": 250,
    "disahkan_oleh.nama": 250,
    "disahkan_oleh.nip": 50,
    # One item of an identity list. The longest real items: a legal basis of 357 characters (a
    # regulation's full title with `tentang Perubahan atas ...`), a qualification of 370. Units and
    # related SOPs are names (63 characters at most seen), bounded like `nama`.
    "unit": 250,
    "dasar_hukum": 800,
    "kualifikasi_pelaksana": 800,
    "keterkaitan": 250,
    "peralatan": 800,
    "peringatan": 800,
    "pencatatan": 800,
    # An actor is a jabatan or a team and heads a column: `Kepala Seksi Infrastruktur Teknologi
    # Komunikasi Dan Informasi` (61 characters) is among the longest real ones.
    "pelaksana": 100,
    "langkah.pelaksana": 100,
    # A step. The longest real kegiatan has 659 characters (BPS Bengkulu, an opname fisik with two
    # additional rules); Serang's longest 214. A step's kelengkapan and output are each one cell of the
    # table, so they are bounded as a whole, all items together: the longest real kelengkapan has about
    # 200 (three to six documents), an output about 100. Keterangan is a short note in the narrowest
    # column (300 characters already make it some 450 points tall, a page); waktu is `3 hari kerja`.
    "langkah.kegiatan": 1000,
    "langkah.kelengkapan": 500,
    "langkah.output": 500,
    "langkah.keterangan": 300,
    "langkah.waktu": 100,
}
"""The longest text of each field, in characters, as the model keeps it (ends trimmed); for an identity
list or `pelaksana`, of each item; for a step's `kelengkapan` and `output`, of all items together. Keys
are the field's name, `langkah.` before a step's fields."""

IDENTITY_TEXTS = ("nama", "nomor", "pemerintah", "instansi")
SIGNER_TEXTS = ("jabatan", "nama", "nip")
IDENTITY_LISTS = (
    "unit",
    "dasar_hukum",
    "kualifikasi_pelaksana",
    "keterkaitan",
    "peralatan",
    "peringatan",
    "pencatatan",
)
STEP_TEXTS = ("kegiatan", "waktu", "keterangan")
STEP_LISTS = ("kelengkapan", "output")

Locate = Callable[[tuple[str | int, ...]], int | None]


def _no_line(_: tuple[str | int, ...]) -> int | None:
    return None


def exceeded_limits(data: Any, *, locate: Locate | None = None) -> list[Diagnostic]:
    """Every limit the parsed SOP ``data`` goes over, as located errors; empty when it fits.

    ``data`` is the mapping a `.sop.yaml` parses to (:attr:`sopap.core.sopfile.Document.data`), valid or
    not: values of the wrong type are left to the structure rules. ``locate`` gives the line of a YAML
    path (:meth:`~sopap.core.sopfile.Document.line_of`). The work is bounded by the limits themselves: no
    step past :data:`MAX_STEPS` and no item past a list's limit is looked at, since the list is already
    too long. An :class:`~sopap.core.model.SOP` can be checked through ``sop.model_dump()``.
    """
    if not isinstance(data, Mapping):
        return []
    check = _Checker(locate or _no_line)
    for key in IDENTITY_TEXTS:
        check.text(data.get(key), (key,), None, key, MAX_CHARS[key])
    signer = data.get("disahkan_oleh")
    if isinstance(signer, Mapping):
        for key in SIGNER_TEXTS:
            name = f"disahkan_oleh.{key}"
            check.text(signer.get(key), ("disahkan_oleh", key), None, name, MAX_CHARS[name])
    for key in IDENTITY_LISTS:
        check.items(data.get(key), (key,), None, key, MAX_LIST_ITEMS, MAX_CHARS[key])
    declared = check.items(
        data.get("pelaksana"),
        ("pelaksana",),
        None,
        "pelaksana",
        MAX_ACTORS,
        MAX_CHARS["pelaksana"],
        code="too-many-actors",
    )
    steps = data.get("langkah")
    if not isinstance(steps, list):
        return check.out
    if len(steps) > MAX_STEPS:
        check.add("too-many-steps", ("langkah", MAX_STEPS), None, "langkah", len(steps), MAX_STEPS)
    # The lanes drawn are the declared actors and any other a step names (a draft may); past
    # MAX_ACTORS declared ones that is already reported.
    lanes = _names(declared) if len(declared) <= MAX_ACTORS else None
    first_over: tuple[int, tuple[str | int, ...]] | None = None
    for number, step in enumerate(steps[:MAX_STEPS], start=1):
        if not isinstance(step, Mapping):
            continue
        base: tuple[str | int, ...] = ("langkah", number - 1)
        for key in STEP_TEXTS:
            check.text(step.get(key), (*base, key), number, key, MAX_CHARS[f"langkah.{key}"])
        for key in STEP_LISTS:
            check.cell(step.get(key), (*base, key), number, key, MAX_STEP_ITEMS, MAX_CHARS[f"langkah.{key}"])
        actors = check.items(
            step.get("pelaksana"),
            (*base, "pelaksana"),
            number,
            "pelaksana",
            MAX_ACTORS,
            MAX_CHARS["langkah.pelaksana"],
        )
        if lanes is not None:
            lanes |= _names(actors[:MAX_ACTORS])
            if first_over is None and len(lanes) > MAX_ACTORS:
                first_over = (number, (*base, "pelaksana"))
    if first_over is not None and lanes is not None:
        number, loc = first_over
        check.add("too-many-actors", loc, number, "pelaksana", len(lanes), MAX_ACTORS)
    return check.out


def _names(actors: list[Any]) -> set[str]:
    return {str(a).strip() for a in actors if isinstance(a, str | int | float) and not isinstance(a, bool)}


class _Checker:
    def __init__(self, locate: Locate) -> None:
        self.locate = locate
        self.out: list[Diagnostic] = []

    def add(
        self, code: str, loc: tuple[str | int, ...], step: int | None, field: str, count: int, limit: int
    ) -> None:
        params = {"count": count, "limit": limit}
        self.out.append(
            Diagnostic(code, Severity.ERROR, params, line=self.locate(loc), step=step, field=field)
        )

    def text(self, value: Any, loc: tuple[str | int, ...], step: int | None, field: str, limit: int) -> None:
        # Numbers are read as text by the model; a 4,000-digit `nomor` is as long as its digits.
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or len(value) <= limit:
            return
        length = len(value.strip())
        if length > limit:
            self.add("text-too-long", loc, step, field, length, limit)

    def items(
        self,
        value: Any,
        loc: tuple[str | int, ...],
        step: int | None,
        field: str,
        most: int,
        chars: int,
        code: str = "too-many-items",
    ) -> list[Any]:
        """The items of a list field (one text is a one-item list, as the format allows), each checked
        for length; ``code`` is reported when there are more than ``most``."""
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            self.text(value, loc, step, field, chars)
            return [value]
        if not isinstance(value, list):
            return []
        if len(value) > most:
            self.add(code, (*loc, most), step, field, len(value), most)
        for index, item in enumerate(value[:most]):
            self.text(item, (*loc, index), step, f"{field}[{index + 1}]", chars)
        return value

    def cell(
        self, value: Any, loc: tuple[str | int, ...], step: int | None, field: str, most: int, chars: int
    ) -> None:
        """A step's `kelengkapan` or `output`: at most ``most`` items and ``chars`` characters in all."""
        if not isinstance(value, list):
            self.text(value, loc, step, field, chars)
            return
        if len(value) > most:
            self.add("too-many-items", (*loc, most), step, field, len(value), most)
        texts = [str(v) for v in value[:most] if isinstance(v, str | int | float) and not isinstance(v, bool)]
        if sum(map(len, texts)) > chars:
            total = sum(len(t.strip()) for t in texts)
            if total > chars:
                self.add("items-too-long", loc, step, field, total, chars)
