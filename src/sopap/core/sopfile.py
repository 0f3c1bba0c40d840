"""Reading and writing `.sop.yaml` files.

Reading is defensive because files come from anywhere (uploads, e-mail, old archives): size is capped,
binary and non-UTF-8 input is refused, YAML aliases (the "billion laughs" bomb) and tags other than the
plain ones are refused, and duplicate keys are reported instead of silently keeping the last one.
Every node's line is remembered so that a message can say where in the file a problem is.

Writing produces what a person would type: keys in the contract's order, short lists in flow style,
one-item lists of the str-or-list fields as plain strings, and no nulls or empty lists.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from sopap.core.errors import SopFileError, SopInvalidError
from sopap.core.i18n import Megabytes, Text, Verbatim
from sopap.core.vocabulary import PENGESAH_KEYS, SOP_KEYS, STEP_KEYS

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 20
SUFFIXES = (".sop.yaml", ".sop.yml")

YamlPath = tuple[str | int, ...]


@dataclass
class Document:
    """The raw mapping of a file, with the line of every key, before it becomes an :class:`SOP`."""

    data: Any
    lines: dict[YamlPath, int] = field(default_factory=dict)
    path: str | None = None

    def line_of(self, loc: YamlPath) -> int | None:
        """The line (1-based) of the deepest known node on ``loc``."""
        while True:
            if loc in self.lines:
                return self.lines[loc]
            if not loc:
                return None
            loc = loc[:-1]


if TYPE_CHECKING:
    from sopap.core.model import SOP

    _BaseLoader = yaml.SafeLoader
else:
    # libyaml's parser when PyYAML has it (it always does on the supported platforms): about 10x faster.
    _BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):
    """A safe loader that types only what the format needs.

    Only decimal integers without leading zeros, ISO dates and null are typed; everything else is a string,
    so `nomor: 12.10` stays "12.10" and `nip: 0123` keeps its zero, and `yes`/`no` stay words.
    """


_Loader.yaml_implicit_resolvers = {}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:timestamp",
    re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$"),
    list("0123456789"),
)


def _construct_date(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    # An impossible date such as 2019-02-30 stays text, so the model reports it with its field.
    text = loader.construct_scalar(node)
    try:
        return dt.date.fromisoformat(_zero_pad_date(str(text)))
    except ValueError:
        return text


def _zero_pad_date(text: str) -> str:
    year, month, day = text.split("-")
    return f"{year}-{int(month):02d}-{int(day):02d}"


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_date)

_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:float",
}


def _fail(path: str | None, text: str, /, **params: object) -> SopFileError:
    return SopFileError(Text(text, **params), path=path)


def parse_text(text: str, *, path: str | None = None) -> Document:
    """Parse YAML text into a :class:`Document`, refusing what the format never needs."""
    loader = _Loader(text)
    try:
        if not _plainly_safe(text):
            _screen_events(text, path)
        node = loader.get_single_node()
        if node is None:
            raise _fail(path, "berkas kosong: tidak ada isi SOP")
        lines: dict[YamlPath, int] = {}
        data = _build(loader, node, (), lines, path, depth=0)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (
            Verbatim(exc.problem or exc.context or "") if (exc.problem or exc.context) else Text("YAML rusak")
        )
        if mark is None:
            raise _fail(path, "bukan YAML yang sah: {problem}", problem=problem) from None
        raise _fail(
            path,
            "bukan YAML yang sah (baris {line}, kolom {column}): {problem}",
            line=str(mark.line + 1),
            column=str(mark.column + 1),
            problem=problem,
        ) from None
    except yaml.YAMLError as exc:
        raise _fail(path, "bukan YAML yang sah: {problem}", problem=Verbatim(str(exc))) from None
    except RecursionError:
        raise _fail(path, "YAML terlalu dalam bersarang") from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise _fail(
            path,
            "isi berkas harus berupa pemetaan (kunci: nilai) dengan nama, instansi dan langkah",
        )
    return Document(data=data, lines=lines, path=path)


# libyaml composes nodes recursively (about 256 bytes of C stack a level) and crashes the interpreter on
# some 100,000 levels; 200 levels stay far inside even a small thread's stack.
_SAFE_DEPTH = 200
# An anchor or alias is "&" or "*" followed by its name; "Disposisi & Surat" has neither.
_ANCHOR_OR_ALIAS = re.compile(r"[&*][^\s]")
# The block structure at the start of a line: indentation and "- " / "? " indicators.
_BLOCK_PREFIX = re.compile(r"^(?: |-(?=[ \n]|$)|\?(?=[ \n]|$))*", re.MULTILINE)


def _plainly_safe(text: str) -> bool:
    """True when ``text`` can hold neither anchors nor aliases nor more than :data:`_SAFE_DEPTH` levels.

    Such text (every real SOP file) is composed directly; :func:`_build` then refuses nesting deeper than
    :data:`MAX_DEPTH`. Anything else goes through :func:`_screen_events` first. The bound on nesting:
    every flow level opens with "[" or "{"; a block level starts further right than its parent, or at the
    same column once (a list under a key), so block nesting is at most twice the longest run of indentation
    and indicators that starts a line, plus two.
    """
    if _ANCHOR_OR_ALIAS.search(text):
        return False
    flow = text.count("[") + text.count("{")
    if flow >= _SAFE_DEPTH:
        return False
    block = max(map(len, _BLOCK_PREFIX.findall(text)), default=0)
    return flow + 2 * block + 2 < _SAFE_DEPTH


def _screen_events(text: str, path: str | None) -> None:
    """One pass over the parser's events, before anything is composed or built.

    Anchors and aliases (the "billion laughs" bomb) and nesting deeper than the format ever needs are
    refused here, so neither can cost memory or stack later.
    """
    screen = _Loader(text)
    depth = 0
    try:
        while screen.check_event():
            event = screen.get_event()  # type: ignore[no-untyped-call]
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise _alias_error(path, event.start_mark)
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _too_deep(path, event.start_mark.line + 1 if event.start_mark else "?")
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                depth -= 1
    finally:
        screen.dispose()


def _too_deep(path: str | None, line: int | str) -> SopFileError:
    return _fail(path, "YAML terlalu dalam bersarang (baris {line})", line=str(line))


def _alias_error(path: str | None, mark: Any) -> SopFileError:
    line = mark.line + 1 if mark else "?"
    return _fail(
        path, "anchor/alias YAML (& dan *) tidak diizinkan dalam berkas SOP (baris {line})", line=str(line)
    )


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_NULL = "tag:yaml.org,2002:null"
_DATE = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")  # what int() reads as the loader would


def _build(
    loader: _Loader, node: yaml.Node, loc: YamlPath, lines: dict[YamlPath, int], path: str | None, depth: int
) -> Any:
    """The Python value of ``node``, checking tags, nesting and duplicate keys and noting every line.

    The plain scalars are built here directly (the loader's constructor is several times slower); an
    explicitly tagged value the format does not need (``!!int 0x1A``, ``!!bool yes``, ``!!float``) goes
    to the loader's constructor, and what it cannot build is reported with its line.
    """
    line = node.start_mark.line + 1
    if depth > MAX_DEPTH:
        raise _too_deep(path, line)
    tag = node.tag
    if tag not in _ALLOWED_TAGS:
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        raise _fail(
            path,
            "tag YAML tidak diizinkan: {tag} (baris {line}); berkas SOP hanya berisi teks, angka dan tanggal",
            tag=shown,
            line=str(line),
        )
    if (tag == _MAP) != isinstance(node, yaml.MappingNode) or (tag == _SEQ) != isinstance(
        node, yaml.SequenceNode
    ):
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        raise _fail(
            path, "tag YAML {tag} tidak cocok dengan isinya (baris {line})", tag=shown, line=str(line)
        )
    lines[loc] = line
    if isinstance(node, yaml.ScalarNode):
        value = node.value
        if tag == _STR:
            return value
        if tag == _NULL and value in ("", "~", "null", "Null", "NULL"):
            return None
        if tag == _DATE:
            return _construct_date(loader, node)
        try:
            if tag == _INT and _PLAIN_INT.fullmatch(value):
                return int(value)  # ValueError past 4,300 digits
            return loader.construct_object(node)
        except (ValueError, TypeError, KeyError, IndexError, OverflowError, yaml.YAMLError):
            raise _fail(
                path,
                "nilai “{value}” tidak dapat dibaca sebagai {tag} (baris {line})",
                value=value[:40],
                tag=tag.replace("tag:yaml.org,2002:", "!!"),
                line=str(line),
            ) from None
    if isinstance(node, yaml.MappingNode):
        mapping: dict[Any, Any] = {}
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise _fail(path, "kunci harus berupa teks (baris {line})", line=str(key_line))
            key = str(key_node.value)
            if key in seen:
                raise _fail(
                    path,
                    "kunci “{key}” ditulis dua kali (baris {first} dan {second})",
                    key=key,
                    first=str(seen[key]),
                    second=str(key_line),
                )
            seen[key] = key_line
            lines[(*loc, key)] = key_line
            value = _build(loader, value_node, (*loc, key), lines, path, depth + 1)
            lines[(*loc, key)] = key_line
            mapping[_build(loader, key_node, (*loc, key), {}, path, depth + 1)] = value
        return mapping
    return [
        _build(loader, item, (*loc, index), lines, path, depth + 1) for index, item in enumerate(node.value)
    ]


def _too_large(size: int, path: str | None) -> SopFileError:
    return _fail(
        path,
        "berkas terlalu besar ({size}); batasnya {limit}",
        size=Megabytes(size),
        limit=Megabytes(MAX_FILE_BYTES),
    )


def read_bytes(raw: bytes, *, path: str | None = None) -> Document:
    """Decode and parse the bytes of a file, with the same checks as :func:`read_path`."""
    if len(raw) > MAX_FILE_BYTES:
        raise _too_large(len(raw), path)
    if b"\x00" in raw[:8192]:
        raise _fail(path, "berkas biner, bukan teks YAML (apakah ini .docx/.xlsx? gunakan sopap import)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _fail(
            path, "berkas bukan teks UTF-8 (byte {byte}); simpan ulang sebagai UTF-8", byte=str(exc.start)
        ) from None
    return parse_text(text, path=path)


def read_path(path: str | Path) -> Document:
    """Read a file from disk into a :class:`Document`."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _too_large(size, str(p))
        raw = p.read_bytes()
    except FileNotFoundError:
        raise _fail(str(p), "berkas tidak ditemukan") from None
    except IsADirectoryError:
        raise _fail(str(p), "ini folder, bukan berkas") from None
    except PermissionError:
        raise _fail(str(p), "berkas tidak dapat dibaca (izin ditolak)") from None
    return read_bytes(raw, path=str(p))


def to_sop(document: Document) -> SOP:
    """Validate a document into an :class:`SOP`; raises pydantic's ValidationError on structural errors."""
    # Imported here: reading and checking a plain file (sopap.core.plain) needs no pydantic.
    from sopap.core.model import SOP

    return SOP.model_validate(document.data)


def load(text: str, *, path: str | None = None) -> SOP:
    """Parse and validate YAML text into an SOP.

    Raises :class:`SopFileError` for unreadable input and
    :class:`~sopap.core.errors.SopInvalidError` for structural errors, with located diagnostics.
    """
    document = parse_text(text, path=path)
    return _validated(document)


def load_path(path: str | Path) -> SOP:
    return _validated(read_path(path))


def _validated(document: Document) -> SOP:
    from pydantic import ValidationError

    from sopap.core.diagnostics.validation import diagnostics_from_validation

    try:
        return to_sop(document)
    except ValidationError as exc:
        raise SopInvalidError(diagnostics_from_validation(exc, document), path=document.path) from None


# ---------------------------------------------------------------------------------------------- writing

# Step fields the format lets be one string or a list; at the top level `pelaksana` is always a list.
_STEP_LIST_OR_STR = frozenset({"pelaksana", "kelengkapan", "output"})
_FLOW_LIMIT = 72


class _Dumper(yaml.SafeDumper):
    """Writes with the standard resolvers, so anything another YAML reader would mistype gets quoted."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Lists under a key are indented by two, as people write them.
        super().increase_indent(flow, False)


class _Flow(list):  # type: ignore[type-arg]
    """A list written on one line: `[ATK, Komputer, Printer]`."""


class _Block(list):  # type: ignore[type-arg]
    pass


class _FlowMap(dict):  # type: ignore[type-arg]
    """A mapping written on one line: `{ya: 4, tidak: 2}`."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))
_Dumper.add_representer(
    _Block, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=False)
)
_Dumper.add_representer(
    _FlowMap, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v.items(), flow_style=True)
)
_Dumper.add_representer(
    dict, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v.items(), flow_style=False)
)


def _plain_in_flow(item: str) -> bool:
    # Flow context forbids more characters than block context; keep such items in block lists.
    return bool(item) and not any(c in item for c in ",[]{}#&*!|>'\"%@`:\n") and item == item.strip()


def _list_value(items: list[str], key: str, one_as_text: frozenset[str]) -> Any:
    if key in one_as_text and len(items) == 1:
        return items[0]
    if all(_plain_in_flow(i) for i in items) and len(", ".join(items)) + len(key) + 6 <= _FLOW_LIMIT:
        return _Flow(items)
    return _Block(items)


def _ordered(
    data: dict[str, Any], keys: tuple[str, ...], one_as_text: frozenset[str] = frozenset()
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in keys:
        value = data.get(key)
        if value is None or value == [] or value == {}:
            continue
        if isinstance(value, list) and all(isinstance(i, str) for i in value):
            out[key] = _list_value(value, key, one_as_text)
        else:
            out[key] = value
    return out


def to_plain(sop: SOP) -> dict[str, Any]:
    """The SOP as the ordered plain mapping that :func:`dump` writes (also useful for JSON)."""
    data = sop.model_dump(mode="python")
    data["versi_format"] = sop.versi_format
    return _plain(data)


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    """A mapping of the file's shape ordered and trimmed as it is written; it need not be a valid SOP."""
    out = _ordered(data, SOP_KEYS)
    if "versi_format" in out:
        out = {"versi_format": out.pop("versi_format"), **out}
    if isinstance(data.get("disahkan_oleh"), dict):
        signer = _ordered(data["disahkan_oleh"], PENGESAH_KEYS)
        if signer:
            out["disahkan_oleh"] = signer
        else:
            out.pop("disahkan_oleh", None)
    steps = []
    for raw in data.get("langkah") or []:
        step = dict(raw)
        if step.get("keputusan"):
            step["keputusan"] = _FlowMap(step["keputusan"])
        if step.get("simbol") is not None:
            step["simbol"] = str(step["simbol"])
        ordered = _ordered(step, _STEP_WRITE_ORDER, _STEP_LIST_OR_STR)
        steps.append(ordered)
    out["langkah"] = steps
    return out


# The contract's example writes `keputusan` right after `pelaksana`, where a reader looks for it.
_STEP_WRITE_ORDER = (
    "kegiatan",
    "pelaksana",
    "keputusan",
    *(k for k in STEP_KEYS if k not in {"kegiatan", "pelaksana", "keputusan"}),
)


def dump(sop: SOP) -> str:
    """Write an SOP as `.sop.yaml` text."""
    return _dump_plain(to_plain(sop))


def dump_mapping(data: dict[str, Any]) -> str:
    """Write a plain mapping of the file's shape as :func:`dump` writes an SOP: for a draft that is not
    a valid SOP yet (an imported SOP missing a required field), so a person can finish it."""
    return _dump_plain(_plain(data))


def _dump_plain(plain: dict[str, Any]) -> str:
    return yaml.dump(
        plain,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=110,
        indent=2,
    )


def dump_path(sop: SOP, path: str | Path) -> None:
    """Write atomically: a crash never leaves a half-written SOP behind."""
    from sopap.core.fileutil import write_atomic

    write_atomic(Path(path), dump(sop).encode("utf-8"))


def iter_sop_files(paths: list[str | Path]) -> Iterator[Path]:
    """Every `.sop.yaml` named, or found below a named folder, in a stable order."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(q for q in p.rglob("*") if q.is_file() and q.name.endswith(SUFFIXES))
            yield from found
        else:
            yield p
