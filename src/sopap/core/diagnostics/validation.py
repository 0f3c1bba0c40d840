"""Structural errors (the file does not fit the model): pydantic's validation errors, said in the user's
words with file, line, step, field."""

from __future__ import annotations

import difflib
from typing import Any, Protocol

from pydantic import ValidationError

from sopap.core.diagnostics import Diagnostic, Severity
from sopap.core.i18n import N_, Text, Verbatim
from sopap.core.labels import FieldLabel
from sopap.core.model import PENGESAH_KEYS, SOP_KEYS, STEP_KEYS


class Located(Protocol):
    """What a parsed file offers to place an error: its path and the line of a location (a sopfile
    Document). A protocol, so this module stays below the file format that uses it."""

    path: str | None

    def line_of(self, loc: tuple[Any, ...]) -> int | None: ...


_KNOWN_KEYS: dict[str, tuple[str, ...]] = {
    "": SOP_KEYS,
    "langkah": STEP_KEYS,
    "disahkan_oleh": PENGESAH_KEYS,
    "keputusan": ("ya", "tidak"),
}

_TYPE_WORDS = {
    "string": N_("teks"),
    "list": N_("daftar"),
    "dict": N_("pemetaan (kunci: nilai)"),
    "int": N_("bilangan bulat"),
    "mapping": N_("pemetaan (kunci: nilai)"),
    "null": N_("kosong"),
    "bool": N_("ya/tidak (true/false)"),
    "float": N_("bilangan pecahan"),
    "str": N_("teks"),
    "date": N_("tanggal"),
}


def _type_name(value: Any) -> Text:
    if isinstance(value, dict):
        name = "mapping"
    elif isinstance(value, list):
        name = "list"
    elif value is None:
        name = "null"
    else:
        name = type(value).__name__
    return Text(_TYPE_WORDS[name]) if name in _TYPE_WORDS else Verbatim(name)


def split_loc(loc: tuple[str | int, ...]) -> tuple[int | None, str | None]:
    """(step number, field path) of a location like ('langkah', 2, 'keputusan', 'ya')."""
    parts = [p for p in loc if not (isinstance(p, str) and ("[" in p or p in {"function-after", "str"}))]
    step = None
    if len(parts) >= 2 and parts[0] == "langkah" and isinstance(parts[1], int):
        step = parts[1] + 1
        rest = parts[2:]
    else:
        rest = parts
    names = [str(p) if isinstance(p, str) else f"[{p + 1}]" for p in rest]
    field = ".".join(names).replace(".[", "[") or None
    return step, field


def _parent_kind(loc: tuple[str | int, ...]) -> str:
    keys = [p for p in loc[:-1] if isinstance(p, str)]
    if not keys:
        return ""
    if keys[-1] in {"keputusan", "disahkan_oleh"}:
        return keys[-1]
    if keys[0] == "langkah":
        return "langkah"
    return keys[-1]


def _did_you_mean(name: str, candidates: tuple[str, ...]) -> Text:
    close = difflib.get_close_matches(name.lower(), candidates, n=1, cutoff=0.6)
    if not close:
        return Text("; kunci yang dikenal: {keys}", keys=", ".join(candidates))
    return Text("; maksudnya “{key}”?", key=close[0])


def diagnostics_from_validation(exc: ValidationError, document: Located) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    seen: set[tuple[str, tuple[Any, ...]]] = set()
    for error in exc.errors(include_url=False):
        loc = tuple(
            p for p in error["loc"] if not (isinstance(p, str) and p.startswith(("function-", "literal[")))
        )
        # Union types report one error per member; keep the first per location.
        loc = tuple(p for p in loc if p not in {"int", "str", "list[str]", "date", "literal['selesai']"})
        key = (error["type"], loc)
        if key in seen:
            continue
        seen.add(key)
        diagnostic = _translate(error, loc)
        diagnostic.path = document.path
        diagnostic.line = document.line_of(loc)
        diagnostic.step, diagnostic.field = split_loc(loc)
        out.append(diagnostic)
    return _dedupe_by_location(out)


def _dedupe_by_location(items: list[Diagnostic]) -> list[Diagnostic]:
    # A wrong keputusan target yields one error per union member; one message per field is enough.
    out: list[Diagnostic] = []
    where: set[tuple[int | None, str | None]] = set()
    for item in items:
        spot = (item.step, item.field)
        if spot in where and item.code in {"wrong-type", "bad-target", "invalid-value"}:
            continue
        where.add(spot)
        out.append(item)
    return out


def _translate(error: Any, loc: tuple[str | int, ...]) -> Diagnostic:
    kind = error["type"]
    name = str(loc[-1]) if loc and isinstance(loc[-1], str) else (str(loc[-2]) if len(loc) > 1 else "?")
    value = error.get("input")
    if kind == "missing":
        return Diagnostic("missing-field", Severity.ERROR, {"name": name, "label": FieldLabel(name)})
    if kind == "extra_forbidden":
        hint = _did_you_mean(name, _KNOWN_KEYS.get(_parent_kind(loc), ()))
        return Diagnostic("unknown-key", Severity.ERROR, {"name": name, "hint": hint})
    if loc and loc[0] == "versi_format":
        return Diagnostic("bad-version", Severity.ERROR, {"value": value})
    if kind.startswith("date") or (loc and str(loc[-1]).startswith("tanggal_")):
        return Diagnostic("bad-date", Severity.ERROR, {"value": value})
    if "simbol" in loc:
        return Diagnostic("bad-simbol", Severity.ERROR, {"value": value})
    if "keputusan" in loc and loc[-1] in {"ya", "tidak"}:
        return Diagnostic("bad-target", Severity.ERROR, {"value": value})
    if kind == "string_too_short":
        return Diagnostic("empty-text", Severity.ERROR, {"name": name, "label": FieldLabel(name)})
    if kind == "too_short" and loc == ("langkah",):
        return Diagnostic("no-steps", Severity.ERROR, {})
    expected = {
        "string_type": "string",
        "list_type": "list",
        "dict_type": "dict",
        "model_type": "dict",
        "model_attributes_type": "dict",
        "int_type": "int",
        "int_parsing": "int",
    }.get(kind)
    if expected == "string" and value is None:
        # A text field left empty (`kegiatan:` with nothing after it, an emptied input): said as such, not as
        # a value of the wrong kind.
        return Diagnostic("empty-text", Severity.ERROR, {"name": name, "label": FieldLabel(name)})
    if expected:
        return Diagnostic(
            "wrong-type",
            Severity.ERROR,
            {
                "name": name,
                "label": FieldLabel(name),
                "expected": Text(_TYPE_WORDS[expected]),
                "got": _type_name(value),
            },
        )
    detail = Verbatim(error.get("msg", ""))
    return Diagnostic(
        "invalid-value", Severity.ERROR, {"name": name, "label": FieldLabel(name), "detail": detail}
    )
