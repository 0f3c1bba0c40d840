"""A draft finished into SOP data: each field read, inferred or missing, and the report that says which."""

from __future__ import annotations

import re
from typing import Any

from sopap.core.dates import parse_date
from sopap.core.i18n import Joined, Text, Verbatim
from sopap.core.importers.decisions import infer_decisions
from sopap.core.importers.draft import DATE_FIELDS, LIST_FIELDS, Draft, Extracted
from sopap.core.importers.identity_sheet import LABEL_LINE
from sopap.core.importers.inference import STEP_KINDS, infer_actors
from sopap.core.importers.report import SopReport, Status
from sopap.core.importers.tables import RASTER, ShapeKind, identity_label
from sopap.core.importers.text import (
    clean,
    find_nip,
    is_empty_mark,
    is_shouting,
    joined,
    list_items,
    title_case,
)

_INSTANSI_START = re.compile(
    r"^(dinas|badan|kantor|sekretariat (daerah|dprd|dewan)|inspektorat|satuan|rumah sakit|rsud|kecamatan|"
    r"kelurahan|biro|lembaga|kementerian|direktorat|puskesmas|uptd)\b",
    re.IGNORECASE,
)
_SIGN_NOISE = re.compile(r"^(ttd\.?|tertanda|cap|stempel|\(.*\))$", re.IGNORECASE)
_POSITION = re.compile(
    r"^(kepala|sekretaris|plt\.?|plh\.?|pj\.?|camat|lurah|direktur|inspektur|kabid|kasubag|kasubbag|"
    r"kepala bidang|ketua|asisten|walikota|wali kota|bupati|gubernur)\b",
    re.IGNORECASE,
)


def finish(draft: Draft, source: str, index: int) -> Extracted:
    data: dict[str, Any] = {"versi_format": 1}
    report = SopReport(title="", source=f"{source}#{index}")
    ident = draft.identity

    # nama
    nama = joined(ident.get("nama", []))
    if nama and not is_empty_mark(nama):
        data["nama"] = nama
        report.add("nama", Status.READ, Text("sel “Nama SOP”"))
    else:
        guess = _nama_from_heading(draft.heading)
        if guess:
            data["nama"] = guess
            report.add(
                "nama",
                Status.INFERRED,
                Text("dari judul di atas tabel: “{heading}”", heading=guess),
            )
        else:
            report.add("nama", Status.MISSING)
    report.title = data.get("nama") or f"SOP {index}"

    nomor = joined(ident.get("nomor", []))
    if nomor and not is_empty_mark(nomor):
        data["nomor"] = nomor
        report.add("nomor", Status.READ)
    else:
        report.add(
            "nomor",
            Status.MISSING,
            Text("kosong: SOP dianggap draf") if "nomor" in ident else None,
        )

    _organisation(draft, data, report)

    for name in DATE_FIELDS:
        raw = joined(ident.get(name, []))
        if name not in ident:
            report.add(name, Status.MISSING)
        elif is_empty_mark(raw):
            data[name] = None
            report.add(
                name,
                Status.READ,
                Text("ditulis “{raw}”: tidak ada", raw=raw) if raw else Text("kosong"),
            )
        else:
            value = parse_date(raw)
            if value is None:
                report.add(name, Status.MISSING, Text("tanggal tidak terbaca: “{raw}”", raw=raw))
            else:
                data[name] = value
                report.add(
                    name,
                    Status.READ,
                    Text("“{raw}” dibaca {date}", raw=raw, date=value),
                )

    _signer(draft, data, report)

    for name in LIST_FIELDS:
        if name not in ident:
            report.add(name, Status.MISSING)
            continue
        items = list_items(ident[name])
        if items:
            data[name] = items
            report.add(name, Status.READ, Text("{count} butir", count=len(items)))
        else:
            report.add(name, Status.READ, Text("kosong"))

    _steps(draft, data, report)
    return Extracted(data=data, report=report)


def _nama_from_heading(heading: list[str]) -> str | None:
    for text in reversed(heading):
        match = LABEL_LINE.match(text)
        if match and identity_label(match.group(1)) == "nama":
            return clean(match.group(2))
    for text in reversed(heading):
        cleaned = re.sub(
            r"^(standar operasional prosedur|sop)\s*(\(sop\))?\s*[:\-–]?\s*", "", text, flags=re.IGNORECASE
        )
        if (3 <= len(cleaned) <= 150 and not LABEL_LINE.match(text) and cleaned != text) or (
            3 <= len(text) <= 150
            and re.match(r"^(mekanisme|prosedur|tata cara|pelayanan)\b", text, re.IGNORECASE)
        ):
            value = clean(cleaned)
            return title_case(value) if is_shouting(value) else value
    return None


def _organisation(draft: Draft, data: dict[str, Any], report: SopReport) -> None:
    lines = [line for line in draft.header_lines if not find_nip(line)]
    pemerintah = next((line for line in lines if re.match(r"^pemerintah\b", line, re.IGNORECASE)), None)
    rest = [line for line in lines if line is not pemerintah]
    instansi = next((line for line in rest if _INSTANSI_START.match(line)), None)
    if instansi is None and rest:
        instansi = rest[0]
    units = rest[rest.index(instansi) + 1 :] if instansi in rest else []
    cased = False
    if pemerintah:
        if is_shouting(pemerintah):
            pemerintah, cased = title_case(pemerintah), True
        data["pemerintah"] = pemerintah
        report.add("pemerintah", Status.READ, Text("kepala tabel identitas"))
    else:
        report.add("pemerintah", Status.MISSING)
    if instansi:
        if is_shouting(instansi):
            instansi, cased = title_case(instansi), True
        region = re.sub(r"^pemerintah\s+", "", pemerintah or "", flags=re.IGNORECASE).strip()
        if (
            region
            and region.lower() not in instansi.lower()
            and not re.match(r"^(kecamatan|kelurahan|uptd|puskesmas)\b", instansi, re.IGNORECASE)
        ):
            data["instansi"] = f"{instansi} {region}"
            report.add(
                "instansi",
                Status.INFERRED,
                Text(
                    "“{instansi}” + wilayah dari “{pemerintah}”",
                    instansi=instansi,
                    pemerintah=pemerintah,
                ),
            )
        else:
            data["instansi"] = instansi
            report.add("instansi", Status.READ, Text("kepala tabel identitas"))
    else:
        report.add("instansi", Status.MISSING)
    if units:
        fixed = [title_case(u) if is_shouting(u) else u for u in units]
        cased = cased or fixed != units
        data["unit"] = fixed
        report.add("unit", Status.READ, Verbatim(" / ".join(fixed)))
    else:
        report.add("unit", Status.MISSING)
    if cased:
        report.add(
            "huruf",
            Status.INFERRED,
            Text("teks HURUF KAPITAL diubah ke huruf judul"),
        )


def _signer(draft: Draft, data: dict[str, Any], report: SopReport) -> None:
    lines = [clean(p) for p in draft.identity.get("disahkan_oleh", []) if clean(p)]
    nip = None
    nama = None
    jabatan_lines: list[str] = []
    for position, line in enumerate(lines):
        found = find_nip(line)
        if found:
            nip = found
            before = [x for x in lines[:position] if not _SIGN_NOISE.match(x)]
            if before:
                nama = before[-1]
                jabatan_lines = before[:-1]
            break
    else:
        jabatan_lines = lines
    source_nama = Text("sel “Disahkan oleh”")
    if nip is None:
        trailing = [t for t in draft.trailing if t and not _SIGN_NOISE.match(t)]
        for position, line in enumerate(trailing):
            found = find_nip(line)
            if found:
                nip = found
                before = [x for x in trailing[:position] if not find_nip(x)]
                if before:
                    nama = before[-1]
                    if not jabatan_lines:
                        jabatan_lines = before[-3:-1]
                source_nama = Text("blok tanda tangan di bawah tabel prosedur")
                break
    if nip is None and nama is None and len(jabatan_lines) >= 2:
        # No NIP: the name is the line written apart from the title (after the space left for the
        # signature), or the one line not in capitals under a title that is.
        last = jabatan_lines[-1]
        if not _SIGN_NOISE.match(last) and (
            _name_apart(draft.identity.get("disahkan_oleh", []), last)
            or (is_shouting(jabatan_lines[0]) and not is_shouting(last))
            or (
                _POSITION.match(jabatan_lines[0])
                and not _POSITION.match(last)
                and len(last.split()) <= 6
                and not re.search(r"\b(provinsi|kabupaten|kota|dinas|badan)\b", last, re.IGNORECASE)
            )
        ):
            nama, jabatan_lines = last, jabatan_lines[:-1]
    signer: dict[str, str] = {}
    jabatan = clean(" ".join(jabatan_lines))
    if jabatan and not is_empty_mark(jabatan):
        signer["jabatan"] = title_case(jabatan) if is_shouting(jabatan) else jabatan
        report.add("disahkan_oleh.jabatan", Status.READ, Text("sel “Disahkan oleh”"))
    else:
        report.add("disahkan_oleh.jabatan", Status.MISSING)
    if nama:
        nama = re.sub(r"^[·•\-–▪*]+\s*", "", nama)
        signer["nama"] = title_case(nama) if is_shouting(nama) else nama
        report.add(
            "disahkan_oleh.nama",
            Status.READ,
            source_nama,
        )
    else:
        report.add("disahkan_oleh.nama", Status.MISSING)
    if nip:
        signer["nip"] = nip
        report.add(
            "disahkan_oleh.nip",
            Status.READ,
            source_nama,
        )
    else:
        report.add("disahkan_oleh.nip", Status.MISSING)
    if signer:
        data["disahkan_oleh"] = signer


def _name_apart(paragraphs: list[str], last: str) -> bool:
    texts = [clean(p) for p in paragraphs]
    while texts and not texts[-1]:
        texts.pop()
    return len(texts) >= 3 and texts[-1] == last and not texts[-2] and any(texts[:-2])


def _steps(draft: Draft, data: dict[str, Any], report: SopReport) -> None:
    steps = draft.steps
    if not steps:
        report.add("langkah", Status.MISSING, Text("tabel prosedur tidak ditemukan"))
        return
    actors = list(draft.actors)
    evidence = infer_actors(steps, actors)
    decisions = infer_decisions(steps, evidence)
    tables = list({id(s.table): s.table for s in steps}.values())
    pictured = [t for t in tables if any(sh.kind == ShapeKind.PICTURE for sh in t.shapes)]
    drawn = sum(1 for t in tables for sh in t.shapes if sh.kind in STEP_KINDS and sh.how != RASTER)
    from_picture = sum(1 for found in evidence if found.how == "picture")
    if pictured and drawn < len(steps) / 2:
        # A flowchart pasted as an image (a stray drawn symbol aside): its lines cannot be read, so say
        # what was used instead: the symbols seen in its pixels, or the step texts.
        where = Joined([t.where for t in pictured])
        report.add(
            "bagan alir",
            Status.INFERRED,
            Text(
                "bagan alir berupa gambar di {where}: pelaksana {count} langkah dari letak bentuk yang "
                "dikenali pada gambar, cabang keputusan tidak terbaca dari gambar",
                where=where,
                count=from_picture,
            )
            if from_picture
            else Text(
                "bagan alir berupa gambar di {where}: pelaksana dari teks, keputusan tidak terbaca",
                where=where,
            ),
        )
    if actors:
        data["pelaksana"] = actors
        report.add("pelaksana", Status.READ, Text("{count} kolom pelaksana", count=len(actors)))
    report.add(
        "langkah",
        Status.READ,
        Text("{count} langkah dari {where}", count=len(steps), where=Joined(list(draft.where))),
    )
    numbers = [s.number for s in steps]
    if all(n is not None for n in numbers) and numbers != list(range(1, len(steps) + 1)):
        report.add(
            "nomor langkah",
            Status.INFERRED,
            Text("penomoran di dokumen tidak urut; langkah diurutkan ulang"),
        )
    out: list[dict[str, Any]] = []
    for index, (step, found) in enumerate(zip(steps, evidence, strict=True)):
        item: dict[str, Any] = {"kegiatan": step.kegiatan or None, "pelaksana": found.names}
        if index in decisions:
            branches = decisions[index]
            item["keputusan"] = {"ya": branches.ya, "tidak": branches.tidak}
            report.decisions[index + 1] = branches.how
        if step.kelengkapan:
            item["kelengkapan"] = step.kelengkapan
        if step.waktu:
            item["waktu"] = step.waktu
        if step.output:
            item["output"] = step.output
        if step.keterangan:
            item["keterangan"] = step.keterangan
        out.append(item)
        report.actor_evidence.append(found.how)
    data["langkah"] = out
    if not actors:
        seen = list(dict.fromkeys(n for i in out for n in i["pelaksana"]))
        if seen:
            report.add(
                "pelaksana",
                Status.INFERRED,
                Text("urutan kemunculan di langkah"),
            )
        else:
            report.add("pelaksana", Status.MISSING)
