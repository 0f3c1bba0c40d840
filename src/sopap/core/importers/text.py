"""Text clean-up shared by the readers: whitespace, bullets, inline numbering, dates, NIP, ALL CAPS.

Everything here is pure and small, so the readers stay about document structure.
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
# Bullets people type or Word leaves in the text: "· ", "• ", "- ", "▪", "", "o ", "a. ", "1. ", "1) ".
_BULLET = re.compile(
    r"^(?:[·•\-–—▪▫■□◦●○\u2023\u2043\uf0b7\uf0a7\uf0d8*>]+\s*|\d{1,2}\.\d{1,2}\.?\s+|(?:[a-zA-Z]|\d{1,2})[.)]\s+"
    r"|\d{1,2},\s+(?=[A-Z]))"  # "1, Undang-Undang": a comma typed for the number's point
)
# A list typed on one line after a bullet: "- Pulpen - Buku Agenda - Lembar disposisi", "• a • b".
_INLINE_BULLET = re.compile(r"^([\-·•▪*])\s")
# Inline numbering inside one paragraph: "1.1 Surat Permohonan 1.2 KTP" or "1. A 2. B".
_INLINE_SUB = re.compile(r"(?:(?<=\s)|^)(\d{1,2}\.\d{1,2})\.?\s+")
_INLINE_TOP = re.compile(r"(?:(?<=\s)|^)(\d{1,2})[.)]\s+(?=\S)")
_LIST_TRAIL = re.compile(r"[\s;,.]+$")

_EMPTY_MARKS = {"", "-", "--", "–", "—", "_", "...", "…", "n/a", "na", "tidak ada", "belum ada", "nihil"}


def clean(text: str) -> str:
    """One line: non-breaking and repeated spaces collapsed, zero-width characters removed."""
    text = unicodedata.normalize("NFC", text).replace("\u200b", "").replace("\ufeff", "")
    return _SPACE.sub(" ", text).strip()


def is_empty_mark(text: str) -> bool:
    """A cell that says "nothing here": empty, "-", "tidak ada"..."""
    return clean(text).lower() in _EMPTY_MARKS


def strip_bullet(text: str) -> str:
    text = clean(text)
    previous = None
    while previous != text:
        previous = text
        text = _BULLET.sub("", text, count=1).strip()
    return text


def split_inline_numbering(text: str) -> list[str]:
    """`1.1 Surat Permohonan 1.2 KTP` -> two items; text with fewer than two markers stays whole.
    `- a - b - c` (the bullet it starts with, repeated between spaces) -> three items."""
    bullet = _INLINE_BULLET.match(text)
    if bullet:
        parts = [p.strip() for p in text[bullet.end() :].split(f" {bullet.group(1)} ")]
        if len(parts) >= 2 and all(parts):
            return [f"{bullet.group(1)} {p}" for p in parts]
    for pattern in (_INLINE_SUB, _INLINE_TOP):
        marks = list(pattern.finditer(text))
        if len(marks) < 2:
            continue
        numbers = [m.group(1) for m in marks]
        if pattern is _INLINE_TOP and numbers != [
            str(i) for i in range(int(numbers[0]), int(numbers[0]) + len(numbers))
        ]:
            continue  # "pasal 5 ayat 2" style numbers are not a list
        head = text[: marks[0].start()].strip()
        items = [head] if head else []
        for index, mark in enumerate(marks):
            end = marks[index + 1].start() if index + 1 < len(marks) else len(text)
            items.append(text[mark.end() : end].strip())
        return [i for i in items if i]
    return [text]


def list_items(paragraphs: list[str], *, strip_trailing: bool = True) -> list[str]:
    """A cell holding a list: one item per paragraph, bullets and inline numbering undone."""
    items: list[str] = []
    for paragraph in paragraphs:
        text = clean(paragraph)
        if not text:
            continue
        for part in split_inline_numbering(text):
            item = strip_bullet(part)
            if strip_trailing:
                item = _LIST_TRAIL.sub("", item)
            if item and not is_empty_mark(item):
                items.append(item)
    return items


def joined(paragraphs: list[str]) -> str:
    """A cell holding one text: its paragraphs joined by spaces."""
    return clean(" ".join(p for p in paragraphs if clean(p)))


_NIP = re.compile(r"\bNIP\b\.?\s*[:.]?\s*([0-9][0-9 .]{7,}[0-9])", re.IGNORECASE)


def find_nip(text: str) -> str | None:
    """`NIP. 19771231 199702 1 002` -> `19771231 199702 1 002` (spacing kept as written, collapsed)."""
    match = _NIP.search(text)
    if not match:
        return None
    return clean(match.group(1).replace(".", " "))


# Words kept in capitals when ALL CAPS text is turned into title case.
ACRONYMS = {
    "OPD",
    "SKPD",
    "UPTD",
    "UPT",
    "PPTK",
    "PPK",
    "BPKAD",
    "BPKPD",
    "BAPPEDA",
    "RSUD",
    "DPRD",
    "SKM",
    "PEP",
    "RB",
    "SPJ",
    "SPP",
    "SPM",
    "DPA",
    "RKA",
    "LKPJ",
    "LPPD",
    "IKU",
    "TU",
    "ASN",
    "PNS",
    "BKD",
    "BKPSDM",
    "TIK",
    "IT",
    "SDM",
    "KUA",
    "PTSP",
    "DPMPTSP",
    "PMI",
    "LKJIP",
    "SAKIP",
    "SOP",
    "AP",
    "II",
    "III",
    "IV",
    "RI",
    "NIP",
    "ATK",
    "SSH",
    "ROK",
    "KAK",
    "PPID",
    "BPBD",
    "BPS",
    "BKPP",
}
_LOWER_WORDS = {
    "dan",
    "di",
    "ke",
    "dari",
    "pada",
    "untuk",
    "atau",
    "yang",
    "dengan",
    "serta",
    "the",
    "of",
    "and",
}


def is_shouting(text: str) -> bool:
    """Most words are in capitals: text typed with Caps Lock for a heading-like cell."""
    words = [w for w in re.findall(r"[A-Za-z]{2,}", text)]
    if not words:
        return False
    upper = sum(1 for w in words if w.isupper())
    return upper / len(words) >= 0.6 and upper >= 1 and any(len(w) > 3 and w.isupper() for w in words)


def title_case(text: str) -> str:
    """Indonesian title case for ALL CAPS text: `SUB BAGIAN PROGRAM, EVALUASI DAN PELAPORAN` ->
    `Sub Bagian Program, Evaluasi dan Pelaporan`; `PLT.` -> `Plt.`; acronyms, degrees (`S.STP`) and
    words already in mixed case (`M.Si`) stay as written."""
    out: list[str] = []
    for index, token in enumerate(text.split(" ")):
        out.append(_title_token(token, first=index == 0))
    return " ".join(out)


def _title_token(token: str, *, first: bool) -> str:
    match = re.fullmatch(r"([(\"']*)([A-Za-z.'/-]+?)([.,;:)\"']*)", token)
    if not match:
        return token
    lead, word, trail = match.groups()
    letters = word.replace(".", "")
    if not letters.isupper() or not letters.isalpha():
        return token
    if "." in word.strip(".") or "/" in word or "-" in word:
        parts = re.split(r"([/-])", word)
        if len(parts) > 1:
            return lead + "".join(_title_token(p, first=False) if p not in "/-" else p for p in parts) + trail
        return token  # S.STP, S.H: degrees and initials
    if word.upper() in ACRONYMS or len(word) == 1 or (len(word) == 2 and word.lower() not in _LOWER_WORDS):
        return token
    lower = word.lower()
    if lower in _LOWER_WORDS and not first:
        return lead + lower + trail
    return lead + word[0] + word[1:].lower() + trail


def normal_key(text: str) -> str:
    """A label reduced for matching: lowercase letters and digits, single spaces."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())
