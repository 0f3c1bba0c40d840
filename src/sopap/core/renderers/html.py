"""HTML output for the web catalog: accessible, printable, every user text escaped.

The identity is a table of ``<th scope="row">`` labels; the procedure is a real ``<table>`` with a
``<caption>``, two header rows (``scope="colgroup"`` groups "Pelaksana" and "Mutu Baku", ``scope="col"``
columns) and one row per step, the actor of a step marked with a symbol and, for screen readers,
visually hidden text ("Pelaksana: Kasubag Keuangan"). The flowchart is the SVG of
:mod:`sopap.core.renderers.svg` inline (``role="img"``, ``<title>`` and ``<desc>``), followed by a
``<details>`` that says the flow in words ("Langkah 3 (Kasubag Keuangan): Verifikasi SPJ. Jika ya, lanjut
ke langkah 4; jika tidak, kembali ke langkah 2.").

``standalone=False`` gives a fragment (one ``<article>``) the Django templates embed; ``standalone=True``
a whole document with a small print-friendly stylesheet.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html import escape
from typing import TYPE_CHECKING

from sopap.core import flow
from sopap.core.dates import format_date
from sopap.core.i18n import C_, N_, Words
from sopap.core.layout.blocks import WORDS
from sopap.core.layout.options import RenderOptions
from sopap.core.vocabulary import Simbol

if TYPE_CHECKING:
    from sopap.core.model import SOP

TEXT = Words(
    {
        "identity": N_("Identitas SOP"),
        "procedure": N_("Prosedur"),
        "procedure_caption": N_("Uraian prosedur {nama}: satu baris per langkah"),
        "flowchart": N_("Diagram alir"),
        "flow_words": N_("Diagram alir dalam kata-kata"),
        "actor": C_("one actor", "Pelaksana"),
        "step": N_("Langkah"),
        "go": N_("Lanjut ke langkah {n}."),
        "back": N_("Kembali ke langkah {n}."),
        "end": N_("Selesai."),
        "if_yes": N_("Jika ya, {what}"),
        "if_no": N_("jika tidak, {what}"),
        "go_lc": N_("lanjut ke langkah {n}"),
        "back_lc": N_("kembali ke langkah {n}"),
        "end_lc": N_("selesai"),
        "branches": N_("Ya: {ya}; Tidak: {tidak}"),
        "branch_step": N_("langkah {n}"),
        "instansi": N_("Instansi"),
        "unit": N_("Unit"),
        "pemerintah": N_("Pemerintah"),
        "joint": N_(" dan "),
    }
)
KINDS = Words(
    {
        "mulai": N_("mulai"),
        "proses": N_("proses"),
        "keputusan": N_("keputusan"),
        "selesai": N_("selesai"),
    }
)

MARKS = {
    Simbol.MULAI: "\u25cf",
    Simbol.SELESAI: "\u25cf",
    Simbol.PROSES: "\u25a0",
    Simbol.KEPUTUSAN: "\u25c6",
}

CSS = """
.sop{font-family:Arial,'Liberation Sans',Helvetica,sans-serif;font-size:10pt;color:#000;max-width:100%}
.sop h1{font-size:14pt;margin:.2em 0}.sop h2{font-size:12pt;margin:1.2em 0 .4em}
.sop .sop-kind,.sop .sop-org{margin:0}.sop .sop-org{font-size:9pt}
.sop table{border-collapse:collapse;width:100%;margin:.4em 0}
.sop caption{text-align:left;font-weight:bold;padding:.3em 0}
.sop th,.sop td{border:1px solid #000;padding:.3em .4em;vertical-align:middle;text-align:left}
.sop thead th,.sop .sop-identity th{background:#E6ECF2;font-weight:bold}
.sop thead th{text-align:center}
.sop td.sop-no,.sop td.sop-waktu,.sop td.sop-lane{text-align:center}
.sop td.sop-lane{min-width:3em}.sop .sop-mark{font-size:12pt}
.sop ul{margin:0;padding-left:1.1em}.sop .sop-branches{margin:.2em 0 0;font-size:9pt}
.sop figure{margin:0}.sop svg{max-width:100%;height:auto;display:block}
.sop .sop-signature{margin:1.5em 0 0 auto;width:18em;text-align:center}
.sop .sop-signature .sop-signer{font-weight:bold;text-decoration:underline;margin-top:3em}
.sop .sop-signature p{margin:0}
.sop.sop-draft{position:relative}
.sop.sop-draft::before{content:attr(data-watermark);position:absolute;top:30%;left:0;right:0;z-index:0;
text-align:center;font-size:min(20vw,12rem);font-weight:bold;color:rgba(140,140,140,.16);
transform:rotate(-30deg);pointer-events:none}
.sop .sop-draft-note{border:1px solid #8c8c8c;padding:.3em .5em;font-weight:bold}
.sop .sop-logo{max-height:5em;max-width:8em;display:block;margin:0 0 .4em}
.sop .sop-verify{font-size:9pt;margin-top:1.5em}
.visually-hidden{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;
clip:rect(0,0,0,0);white-space:nowrap;border:0}
@media print{.sop{font-size:8pt}.sop details{display:none}.sop thead{display:table-header-group}
.sop tr{break-inside:avoid}.sop figure{break-before:page}}
"""


def _e(text: str) -> str:
    return escape(text, quote=True)


def _multiline(text: str) -> str:
    return "<br>".join(_e(line) for line in text.split("\n"))


def _list(values: list[str]) -> str:
    if not values:
        return "-"
    if len(values) == 1:
        return _multiline(values[0])
    return "<ul>" + "".join(f"<li>{_multiline(v)}</li>" for v in values) + "</ul>"


def _prefix(sop: SOP) -> str:
    digest = hashlib.sha1(f"{sop.nomor}|{sop.nama}|{sop.instansi}".encode()).hexdigest()[:8]
    return f"sop-{digest}"


def render_html(sop: SOP, options: RenderOptions | None = None, *, standalone: bool = True) -> str:
    """The SOP as accessible HTML: a whole page, or with ``standalone=False`` an embeddable fragment."""
    options = options or RenderOptions()
    lang = options.lang
    article = _article(sop, options)
    if not standalone:
        return article
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(sop.nama)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{article}</body>\n</html>\n"
    )


def _article(sop: SOP, options: RenderOptions) -> str:
    lang = options.lang
    words = WORDS(lang)
    prefix = _prefix(sop)
    if options.draft:
        parts = [
            f'<article class="sop sop-draft" data-watermark="{_e(words["draf"])}" lang="{lang}" '
            f'aria-labelledby="{prefix}-name">\n<header>\n'
            f'<p class="sop-draft-note">{_e(words["draf"])}</p>\n'
        ]
    else:
        parts = [f'<article class="sop" lang="{lang}" aria-labelledby="{prefix}-name">\n<header>\n']
    if options.logo is not None:
        data = base64.b64encode(options.logo.data).decode("ascii")
        # An <img> never runs what a picture holds, and the SVG was checked before it got here.
        parts.append(
            f'<img class="sop-logo" alt="{_e(sop.pemerintah or sop.instansi)}" '
            f'src="data:{options.logo.media_type};base64,{data}">\n'
        )
    parts.append(f'<p class="sop-kind">{_e(words["sop"])}</p>\n')
    parts.append(f'<h1 id="{prefix}-name">{_e(sop.nama)}</h1>\n')
    org = [x for x in (sop.pemerintah, sop.instansi, *sop.unit) if x]
    separator = " \u2014 "
    parts.append(f'<p class="sop-org">{separator.join(_e(x) for x in org)}</p>\n</header>\n')
    parts.append(_identity(sop, options, prefix))
    parts.append(_procedure(sop, options, prefix))
    parts.append(_flowchart(sop, options, prefix))
    parts.append(_signature(sop, options))
    if options.verify_url:
        url = _e(options.verify_url)
        parts.append(f'<p class="sop-verify">{_e(words["verifikasi"])} <a href="{url}">{url}</a></p>\n')
    parts.append("</article>\n")
    return "".join(parts)


def _identity(sop: SOP, options: RenderOptions, prefix: str) -> str:
    lang = options.lang
    words = WORDS(lang)
    text = TEXT(lang)
    signer = sop.disahkan_oleh
    signer_html = "-"
    if signer is not None:
        lines = [
            _e(signer.jabatan or ""),
            _e(signer.nama or ""),
            _e(f"{words['nip']} {signer.nip}") if signer.nip else "",
        ]
        signer_html = "<br>".join(x for x in lines if x) or "-"
    rows = [
        (text["pemerintah"], _e(sop.pemerintah) if sop.pemerintah else "-"),
        (text["instansi"], _e(sop.instansi)),
        (text["unit"], " / ".join(_e(u) for u in sop.unit) or "-"),
        (words["nomor"], _e(sop.nomor or "-")),
        (words["pembuatan"], _e(format_date(sop.tanggal_pembuatan, lang))),
        (words["revisi"], _e(format_date(sop.tanggal_revisi, lang))),
        (words["efektif"], _e(format_date(sop.tanggal_efektif, lang))),
        (words["disahkan"], signer_html),
        (words["nama"], _e(sop.nama)),
        (words["dasar_hukum"], _list(sop.dasar_hukum)),
        (words["kualifikasi"], _list(sop.kualifikasi_pelaksana)),
        (words["keterkaitan"], _list(sop.keterkaitan)),
        (words["peralatan"], _list(sop.peralatan)),
        (words["peringatan"], _list(sop.peringatan)),
        (words["pencatatan"], _list(sop.pencatatan)),
    ]
    body = "".join(f'<tr><th scope="row">{_e(label)}</th><td>{value}</td></tr>\n' for label, value in rows)
    return (
        f'<section aria-labelledby="{prefix}-identity">\n<h2 id="{prefix}-identity">{_e(text["identity"])}</h2>\n'
        f'<table class="sop-identity">\n<caption class="visually-hidden">{_e(text["identity"])}</caption>\n'
        f"<tbody>\n{body}</tbody>\n</table>\n</section>\n"
    )


def _branch_target(value: int | str, lang: str) -> str:
    text = TEXT(lang)
    if isinstance(value, int):
        return text["branch_step"].format(n=value)
    return text["end_lc"]


def _procedure(sop: SOP, options: RenderOptions, prefix: str) -> str:
    lang = options.lang
    words = WORDS(lang)
    text = TEXT(lang)
    actors = sop.lane_actors
    head_top = (
        f'<th scope="col" rowspan="2">{_e(words["no"])}</th>'
        f'<th scope="col" rowspan="2">{_e(words["kegiatan"])}</th>'
        f'<th scope="colgroup" colspan="{len(actors)}">{_e(words["pelaksana"])}</th>'
        f'<th scope="colgroup" colspan="3">{_e(words["mutu"])}</th>'
        f'<th scope="col" rowspan="2">{_e(words["keterangan"])}</th>'
    )
    head_bottom = "".join(f'<th scope="col">{_e(a)}</th>' for a in actors) + "".join(
        f'<th scope="col">{_e(words[k])}</th>' for k in ("kelengkapan", "waktu", "output")
    )
    rows = []
    for number, step in enumerate(sop.langkah, start=1):
        symbol = sop.symbol_of(number)
        kegiatan = _multiline(step.kegiatan)
        if step.keputusan is not None:
            branches = text["branches"].format(
                ya=_e(_branch_target(step.keputusan.ya, lang)),
                tidak=_e(_branch_target(step.keputusan.tidak, lang)),
            )
            kegiatan += f'<p class="sop-branches">{branches}</p>'
        cells = [
            f'<th scope="row" class="sop-no">{number}.</th>',
            f'<td class="sop-kegiatan">{kegiatan}</td>',
        ]
        for actor in actors:
            if actor in step.pelaksana:
                kind = KINDS(lang)[symbol.value]
                cells.append(
                    f'<td class="sop-lane sop-{symbol.value}"><span class="sop-mark" aria-hidden="true" '
                    f'title="{_e(kind)}">{MARKS[symbol]}</span>'
                    f'<span class="visually-hidden">{_e(text["actor"])}: {_e(actor)}</span></td>'
                )
            else:
                cells.append('<td class="sop-lane"></td>')
        cells.append(
            f'<td class="sop-kelengkapan">{_list(list(step.kelengkapan)) if step.kelengkapan else ""}</td>'
        )
        cells.append(f'<td class="sop-waktu">{_e(step.waktu or "")}</td>')
        cells.append(f'<td class="sop-output">{_list(list(step.output)) if step.output else ""}</td>')
        cells.append(
            f'<td class="sop-keterangan">{_multiline(step.keterangan) if step.keterangan else ""}</td>'
        )
        rows.append(f'<tr id="{prefix}-step-{number}">{"".join(cells)}</tr>\n')
    caption = text["procedure_caption"].format(nama=sop.nama)
    return (
        f'<section aria-labelledby="{prefix}-procedure">\n'
        f'<h2 id="{prefix}-procedure">{_e(text["procedure"])}</h2>\n'
        f'<table class="sop-procedure">\n<caption>{_e(caption)}</caption>\n'
        f"<thead>\n<tr>{head_top}</tr>\n<tr>{head_bottom}</tr>\n</thead>\n"
        f"<tbody>\n{''.join(rows)}</tbody>\n</table>\n</section>\n"
    )


def flow_in_words(sop: SOP, lang: str = "id") -> list[str]:
    """One sentence per step: who does what, and where the flow goes next."""
    text = TEXT(lang)
    count = len(sop.langkah)
    out = []
    for number, step in enumerate(sop.langkah, start=1):
        who = text["joint"].join(step.pelaksana)
        head = f"{text['step']} {number} ({who}): {step.kegiatan.rstrip('.')}."
        if step.keputusan is not None:
            ya = _where(step.keputusan.ya, number, count, lang)
            tidak = _where(step.keputusan.tidak, number, count, lang)
            tail = text["if_yes"].format(what=ya) + "; " + text["if_no"].format(what=tidak) + "."
        else:
            nxt = flow.successors(sop, number)
            if not nxt or nxt[0] == flow.END_NODE:
                tail = text["end"]
            else:
                tail = text["go"].format(n=nxt[0]) if nxt[0] > number else text["back"].format(n=nxt[0])
        out.append(f"{head} {tail}")
    return out


def _where(value: int | str, number: int, count: int, lang: str) -> str:
    text = TEXT(lang)
    if isinstance(value, int) and 1 <= value <= count:
        return (text["go_lc"] if value > number else text["back_lc"]).format(n=value)
    return text["end_lc"]


_SVG_IDS = re.compile(r'\b(id|aria-labelledby)="([^"]*)"')


def _flowchart(sop: SOP, options: RenderOptions, prefix: str) -> str:
    from sopap.core.renderers.svg import render_svg

    text = TEXT(options.lang)
    svg = render_svg(sop, options, flowchart_only=True).strip()

    # Ids unique on a page that shows several SOPs: prefix every id the SVG declares or refers to.
    def rename(match: re.Match[str]) -> str:
        values = " ".join(f"{prefix}-{v}" for v in match.group(2).split())
        return f'{match.group(1)}="{values}"'

    svg = _SVG_IDS.sub(rename, svg)
    words = "".join(f"<li>{_e(sentence)}</li>\n" for sentence in flow_in_words(sop, options.lang))
    return (
        f'<section aria-labelledby="{prefix}-flowchart">\n'
        f'<h2 id="{prefix}-flowchart">{_e(text["flowchart"])}</h2>\n'
        f'<figure aria-describedby="{prefix}-flow-words">\n{svg}\n'
        f"<figcaption>{_e(text['flowchart'])}: {_e(sop.nama)}</figcaption>\n</figure>\n"
        f'<details id="{prefix}-flow-words">\n<summary>{_e(text["flow_words"])}</summary>\n'
        f"<ol>\n{words}</ol>\n</details>\n</section>\n"
    )


def _signature(sop: SOP, options: RenderOptions) -> str:
    signer = sop.disahkan_oleh
    if signer is None or not (signer.nama or signer.jabatan):
        return ""
    words = WORDS(options.lang)
    parts = ['<footer class="sop-signature">\n']
    if signer.jabatan:
        parts.append(f"<p>{_e(signer.jabatan)}</p>\n")
    if signer.nama:
        parts.append(f'<p class="sop-signer">{_e(signer.nama)}</p>\n')
    if signer.nip:
        parts.append(f"<p>{_e(words['nip'])} {_e(signer.nip)}</p>\n")
    parts.append("</footer>\n")
    return "".join(parts)
