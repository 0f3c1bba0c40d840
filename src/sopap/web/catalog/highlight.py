"""The words of a search marked in a result: every piece of the text escaped, only our <mark> left as HTML."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from sopap.web.catalog.stemmer import stem

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# How much of a long line to show around the first word found.
SNIPPET_BEFORE = 50
SNIPPET_AFTER = 110


def _matches(word: str, wanted: list[str], stems: set[str]) -> bool:
    w = word.lower()
    return any(w.startswith(t) for t in wanted) or stem(w) in stems


def snippet(text: str, terms: list[str]) -> SafeString:
    """The first line of ``text`` holding a word of the search, cut around that word, marked; or nothing."""
    wanted = [t.lower() for t in terms if t]
    stems = {stem(t) for t in wanted}
    for line in text.splitlines():
        first = next((m for m in _WORD.finditer(line) if _matches(m.group(), wanted, stems)), None)
        if first is None:
            continue
        start = max(0, first.start() - SNIPPET_BEFORE)
        end = min(len(line), first.end() + SNIPPET_AFTER)
        # Cut at spaces, not inside a word.
        if start > 0:
            start = line.find(" ", start, first.start()) + 1 or start
        if end < len(line):
            space = line.rfind(" ", first.end(), end)
            end = space if space > 0 else end
        part = highlight(line[start:end], terms)
        return mark_safe(("… " if start > 0 else "") + part + (" …" if end < len(line) else ""))
    return mark_safe("")


def highlight(text: str, terms: list[str]) -> SafeString:
    """``text`` with each word that the search matched in <mark>: a word starting with a term (as the
    search matches prefixes) or sharing its stem ("menyusun" for "penyusunan")."""
    wanted = [t.lower() for t in terms if t]
    stems = {stem(t) for t in wanted}
    out: list[str] = []
    last = 0
    for m in _WORD.finditer(text):
        if _matches(m.group(), wanted, stems):
            out.append(escape(text[last : m.start()]))
            out.append(f"<mark>{escape(m.group())}</mark>")
            last = m.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # every piece above went through escape()


_GLUED = re.compile(r"(?<=[a-z])(?=[A-Z])")


def mark_words(text: str, words: tuple[str, ...] | list[str]) -> SafeString:
    """``text`` with the words it has and another does not (lower-case, as the comparison found them)
    marked; a word typed glued to the next ("menyampaikanPK") is marked when either half is one of them."""
    wanted = {w.casefold() for w in words}
    out: list[str] = []
    last = 0
    for match in _WORD.finditer(text):
        parts = {p.casefold() for p in _GLUED.sub(" ", match.group()).split()}
        if parts & wanted:
            out.append(escape(text[last : match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))
