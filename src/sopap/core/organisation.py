"""The organisation file (`.org.yaml`, docs/organisation-format.md): a Pemda, its Perangkat Daerah, their
units and positions, and its first admin, as pydantic models, read from YAML here and from the XLSX
template in :mod:`sopap.core.organisation_xlsx`.

Reading checks everything that needs no database (types, required fields, unknown keys, names given twice,
an admin placed in a PD the file lacks) and reports every problem at once, each with where it is: the line of
a YAML file, or the sheet, row and column of a workbook. The web app's organisations service loads the result.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from sopap.core.errors import SopapError, SopFileError
from sopap.core.i18n import DEFAULT_LANGUAGE, Text, Verbatim
from sopap.core.vocabulary import clean_text

FORMAT_VERSION = 1
SUFFIXES = (".org.yaml", ".org.yml")
SCHEMA_ID = "urn:sopap:org-format:1"
MAX_FILE_BYTES = 2 * 1024 * 1024

# The lengths of the database's columns (organisations.models), so that a file that reads is a file that loads.
PEMDA_MAX = 200
NAME_MAX = 300
SHORT_MAX = 60
CODE_MAX = 30
PATTERN_MAX = 200
PERSON_MAX = 200
NIP_MAX = 40
USERNAME_MAX = 150
USERNAME_PATTERN = r"^[\w.@+-]+$"
EMAIL_MAX = 254
# An address as people write it: one @, a dot in the domain, no spaces. The web app checks it again with
# Django's own validator, which is stricter.
EMAIL_PATTERN = r"^([^@\s]+@[^@\s]+\.[^@\s]+)?$"
NIP_LENGTH = 18


def nip_clean(value: str) -> str:
    """A NIP as typed, without the spaces people write between its parts (`19850101 201001 1 001`)."""
    return "".join(value.split())


def nip_error(nip: str) -> str | None:
    """What is wrong with a NIP (after :func:`nip_clean`), as a code, or None: ``digits`` when it is not 18
    digits, ``date`` when its first eight are no date of birth (YYYYMMDD), which is what a digit typed twice
    or left out usually gives."""
    if len(nip) != NIP_LENGTH or not nip.isascii() or not nip.isdigit():
        return "digits"
    try:
        born = dt.date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return "date"
    return None if born.year >= 1900 else "date"


def _one_line(value: Any) -> Any:
    if value is None:  # `kode:` left empty in YAML
        return ""
    value = clean_text(value)
    return " ".join(value.split()) if isinstance(value, str) else value


_Line = BeforeValidator(_one_line)
# Required names, and optional texts ("" when absent), each as long as its database column.
PemdaName = Annotated[str, _Line, StringConstraints(min_length=1, max_length=PEMDA_MAX)]
Name = Annotated[str, _Line, StringConstraints(min_length=1, max_length=NAME_MAX)]
LongText = Annotated[str, _Line, StringConstraints(max_length=NAME_MAX)]
PersonText = Annotated[str, _Line, StringConstraints(max_length=PERSON_MAX)]
ShortText = Annotated[str, _Line, StringConstraints(max_length=SHORT_MAX)]
CodeText = Annotated[str, _Line, StringConstraints(max_length=CODE_MAX)]
PatternText = Annotated[str, _Line, StringConstraints(max_length=PATTERN_MAX)]
NipText = Annotated[str, _Line, StringConstraints(max_length=NIP_MAX)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Kepala(_Model):
    """The head of a Perangkat Daerah, who signs its SOPs."""

    jabatan: LongText = ""
    nama: PersonText = ""
    nip: NipText = ""


class Jabatan(_Model):
    """A position SOP steps name as their actor; `alias` holds the other names SOPs write for it."""

    nama: Name
    alias: list[Name] = Field(default_factory=list)


def _jabatan_entry(value: Any) -> Any:
    return {"nama": value} if isinstance(value, str) else value


_NAME_SCHEMA = {"type": "string", "minLength": 1, "maxLength": NAME_MAX}
# One position is a name alone, or a mapping with its other names; the schema says both, inline.
JabatanEntry = Annotated[
    Jabatan,
    BeforeValidator(_jabatan_entry),
    WithJsonSchema(
        {
            "anyOf": [
                _NAME_SCHEMA,
                {
                    "type": "object",
                    "title": "Jabatan",
                    "description": "Jabatan beserta nama lain yang ditulis SOP untuknya.",
                    "properties": {"nama": _NAME_SCHEMA, "alias": {"type": "array", "items": _NAME_SCHEMA}},
                    "required": ["nama"],
                    "additionalProperties": False,
                },
            ]
        }
    ),
]
JabatanList = Annotated[list[JabatanEntry], Field(default_factory=list)]


class Unit(_Model):
    """A Sekretariat, Bidang, Sub Bagian or Seksi; `unit` holds the units below it."""

    nama: Name
    kode: CodeText = ""
    jabatan: JabatanList
    unit: list[Unit] = Field(default_factory=list)


class Keputusan(_Model):
    """The decree that put the PD's SOPs in force, kept in the file as a record (sopap does not read it)."""

    nomor: LongText = ""
    tanggal: dt.date | None = None


class PerangkatDaerah(_Model):
    nama: Name
    singkatan: ShortText = ""
    kode: CodeText = ""
    pola_nomor: PatternText = ""
    kepala: Kepala = Field(default_factory=Kepala)
    keputusan_penetapan: Keputusan | None = None
    jabatan: JabatanList
    unit: list[Unit] = Field(default_factory=list)


def _nip_checked(value: str) -> str:
    if value and (problem := nip_error(value)):
        raise PydanticCustomError("nip_" + problem, "NIP")
    return value


class AdminPertama(_Model):
    """The first admin organisasi: across the whole Pemda, or of one PD when `perangkat_daerah` names it."""

    nama_pengguna: Annotated[
        str,
        StringConstraints(
            strip_whitespace=True, min_length=1, max_length=USERNAME_MAX, pattern=USERNAME_PATTERN
        ),
    ]
    nama_lengkap: PersonText = ""
    perangkat_daerah: LongText = ""
    surel: Annotated[
        str,
        _Line,
        StringConstraints(max_length=EMAIL_MAX, pattern=EMAIL_PATTERN),
        WithJsonSchema({"type": "string", "maxLength": EMAIL_MAX, "pattern": EMAIL_PATTERN}),
    ] = ""
    nip: Annotated[
        str,
        BeforeValidator(lambda v: nip_clean(v) if isinstance(v, str) else v),
        AfterValidator(_nip_checked),
        # Spaces between the parts are taken, as people write them (`19850101 201001 1 001`).
        WithJsonSchema({"type": "string", "pattern": r"^(( *[0-9]){18} *)?$"}),
    ] = ""


class Organisasi(_Model):
    versi_format: Literal[1]
    pemerintah: PemdaName
    perangkat_daerah: list[PerangkatDaerah] = Field(default_factory=list)
    admin_pertama: AdminPertama | None = None


Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where (a line, or a sheet, row and column) and what."""

    where: Text
    text: Text

    def render(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return f"{self.where.render(lang)}: {self.text.render(lang)}"


class OrgFileInvalid(SopapError):
    """An organisation file that cannot be loaded; every problem of it, each with its place. Nothing is
    written for it."""

    def __init__(self, problems: list[Problem], *, path: str | None = None) -> None:
        self.problems = problems
        super().__init__(_Problems(problems), path=path)

    def localized(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """Every problem on its own line, each already naming the file and the place in it."""
        return self.text_in(lang)


class _Problems(Text):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("berkas organisasi tidak sah")
        self.problems = problems

    def render(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return "\n".join(p.render(lang) for p in self.problems) or super().render(lang)


@dataclass
class Places:
    """Where each value of a file was written: a line, or a sheet, row and column, by its key path."""

    path: str
    at: dict[Loc, Text] = field(default_factory=dict)

    def known(self, loc: Loc) -> Loc:
        """The deepest value on ``loc`` whose place the file shows."""
        while loc and loc not in self.at:
            loc = loc[:-1]
        return loc

    def where(self, loc: Loc) -> Text:
        return self.at.get(self.known(loc), Verbatim(self.path))


@dataclass
class OrgSource:
    """A read and checked organisation file, with where each of its values was written."""

    organisation: Organisasi
    places: Places

    @property
    def path(self) -> str:
        return self.places.path

    def where(self, loc: Loc) -> Text:
        return self.places.where(loc)


# ------------------------------------------------------------------------------------------- checking


def loc_text(loc: Loc) -> str:
    """`perangkat_daerah[0].unit[2].nama`: the key path of a value, as JSON Schema tools write it."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _pydantic_text(error: Any) -> Text:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return Text("wajib diisi")
    if kind == "extra_forbidden":
        return Text("kunci tidak dikenal")
    if kind in {"string_type", "str_type"}:
        return Text('harus berupa teks (tulis dalam tanda kutip, mis. "01", agar angka nol di depan tetap)')
    if kind in {"string_too_short", "too_short"}:
        return Text("tidak boleh kosong")
    if kind in {"string_too_long", "too_long"}:
        return Text("terlalu panjang: paling banyak {max} karakter", max=int(ctx.get("max_length", 0)))
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == EMAIL_PATTERN:
        return Text("bukan alamat surel yang sah (mis. nama@serangkota.go.id)")
    if kind == "string_pattern_mismatch":
        return Text("hanya boleh berisi huruf, angka dan tanda @ . + - _ (tanpa spasi)")
    if kind == "nip_digits":
        return Text("NIP terdiri atas 18 angka")
    if kind == "nip_date":
        return Text("NIP tidak sah: delapan angka pertamanya bukan tanggal lahir (TTTTBBHH)")
    if kind == "literal_error":
        return Text("versi format yang dikenal hanya {versions}", versions=str(FORMAT_VERSION))
    if kind in {"list_type", "tuple_type"}:
        return Text("harus berupa daftar")
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return Text("harus berupa pemetaan (kunci: nilai)")
    if kind.startswith("date"):
        return Text("bukan tanggal yang sah (tulis TTTT-BB-HH)")
    return Verbatim(str(error.get("msg", kind)))


def _validated(data: Any, places: Places, field_of: Callable[[Loc], str]) -> OrgSource:
    try:
        organisation = Organisasi.model_validate(data)
    except ValidationError as exc:
        problems = []
        # In the order the file shows them (the places were recorded top down), not pydantic's.
        order = {loc: index for index, loc in enumerate(places.at)}
        errors = sorted(exc.errors(), key=lambda e: order.get(places.known(tuple(e["loc"])), -1))
        for error in errors:
            loc = tuple(
                part for part in error["loc"] if not (isinstance(part, str) and part.startswith("function"))
            )
            problems.append(Problem(_at(places.where(loc), field_of(loc)), _pydantic_text(error)))
        raise OrgFileInvalid(problems, path=places.path) from None
    problems = consistency_problems(organisation, places, field_of)
    if problems:
        raise OrgFileInvalid(problems, path=places.path)
    return OrgSource(organisation, places)


def _at(where: Text, field_name: str) -> Text:
    return Text("{where}: {field}", where=where, field=Verbatim(field_name)) if field_name else where


def _key(name: str) -> str:
    return name.casefold()


def consistency_problems(org: Organisasi, places: Places, field_of: Callable[[Loc], str]) -> list[Problem]:
    """What the model alone cannot see: a name given twice where it must be unique, an admin placed in a
    PD the file does not have."""
    problems: list[Problem] = []

    def twice(loc: Loc, text: Text) -> None:
        problems.append(Problem(_at(places.where(loc), field_of(loc)), text))

    seen_pd: dict[str, int] = {}
    for i, pd in enumerate(org.perangkat_daerah):
        loc: Loc = ("perangkat_daerah", i, "nama")
        if _key(pd.nama) in seen_pd:
            twice(loc, Text("perangkat daerah “{name}” sudah ada di atas", name=pd.nama))
        seen_pd.setdefault(_key(pd.nama), i)
        seen_jabatan: set[str] = set()
        for jloc, jabatan in _jabatan_of(pd, ("perangkat_daerah", i)):
            if _key(jabatan.nama) in seen_jabatan:
                twice(
                    (*jloc, "nama"),
                    Text(
                        "jabatan “{name}” sudah ada di perangkat daerah ini (nama jabatan unik per PD)",
                        name=jabatan.nama,
                    ),
                )
            seen_jabatan.add(_key(jabatan.nama))
        _unit_names(pd.unit, ("perangkat_daerah", i), twice)
    admin = org.admin_pertama
    if admin is not None and admin.perangkat_daerah:
        names = {_key(pd.nama) for pd in org.perangkat_daerah} | {
            _key(pd.singkatan) for pd in org.perangkat_daerah if pd.singkatan
        }
        if _key(admin.perangkat_daerah) not in names:
            twice(
                ("admin_pertama", "perangkat_daerah"),
                Text("perangkat daerah “{name}” tidak ada di berkas ini", name=admin.perangkat_daerah),
            )
    return problems


def _unit_names(units: list[Unit], at: Loc, report: Callable[[Loc, Text], None]) -> None:
    seen: set[str] = set()
    for j, unit in enumerate(units):
        loc = (*at, "unit", j)
        if _key(unit.nama) in seen:
            report((*loc, "nama"), Text("unit “{name}” sudah ada di bawah induk yang sama", name=unit.nama))
        seen.add(_key(unit.nama))
        _unit_names(unit.unit, loc, report)


def _jabatan_of(node: PerangkatDaerah | Unit, at: Loc) -> list[tuple[Loc, Jabatan]]:
    found = [((*at, "jabatan", k), j) for k, j in enumerate(node.jabatan)]
    for index, unit in enumerate(node.unit):
        found += _jabatan_of(unit, (*at, "unit", index))
    return found


def weak_password_problem(username: str, detail: str) -> Problem:
    """The first admin's password refused by the web app's validators, whose words (``detail``) are theirs."""
    return Problem(Text("kata sandi admin pertama “{username}”", username=username), Verbatim(detail))


def pd_of_admin(org: Organisasi) -> PerangkatDaerah | None:
    """The PD the first admin administers, or None for the whole Pemda."""
    admin = org.admin_pertama
    if admin is None or not admin.perangkat_daerah:
        return None
    wanted = _key(admin.perangkat_daerah)
    for pd in org.perangkat_daerah:
        if wanted in {_key(pd.nama), _key(pd.singkatan)}:
            return pd
    return None


# --------------------------------------------------------------------------------------------- reading


def read_org_text(text: str, *, path: str = "<teks>") -> OrgSource:
    """Read `.org.yaml` text, as hardened as a `.sop.yaml` (aliases, tags, duplicate keys, depth)."""
    from sopap.core.sopfile import parse_text

    try:
        document = parse_text(text, path=path)
    except SopFileError as exc:
        raise OrgFileInvalid([Problem(Verbatim(path), _organisation_wording(exc.text))], path=path) from None
    places = Places(path, {loc: Verbatim(f"{path}:{line}") for loc, line in document.lines.items()})
    places.at[()] = Verbatim(path)
    return _validated(document.data, places, loc_text)


def _organisation_wording(text: Text) -> Text:
    # The YAML reader is the SOP's; its words for an empty or non-mapping file speak of SOPs.
    if text.msgid.startswith("berkas kosong"):
        return Text("berkas kosong: tidak ada isi organisasi")
    if text.msgid.startswith("isi berkas harus berupa pemetaan"):
        return Text(
            "isi berkas harus berupa pemetaan (kunci: nilai) dengan versi_format, pemerintah dan perangkat_daerah"
        )
    return text


def schema() -> dict[str, Any]:
    data = Organisasi.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **{k: v for k, v in data.items() if k != "title"},
        "title": "Organisasi sopap (.org.yaml), versi format 1",
        "description": "Pemerintah daerah, perangkat daerah, unit, jabatan dan admin pertama; "
        "see docs/organisation-format.md.",
    }


def schema_json() -> str:
    return json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"


_SPLIT = re.compile(r"\s*[›>]\s*")


def split_path(text: str) -> list[str]:
    """`Sekretariat > Sub Bagian Keuangan` (or with ›): a unit named by its path from the top."""
    return [part for part in _SPLIT.split(text.strip()) if part]
