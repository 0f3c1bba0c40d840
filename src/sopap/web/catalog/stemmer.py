"""A small Indonesian stemmer for search: strips particles, possessives, suffixes and prefixes with
their nasal changes, so "penyusunan", "menyusun" and "disusun" all become "susun".

It is used on both sides (the indexed text and the query), so over-stemming only ever merges words;
it never makes a word unfindable. Pure Python, no dependency.
"""

from __future__ import annotations

import re

VOWELS = "aeiou"
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
MIN_ROOT = 3


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _strip_suffixes(w: str) -> str:
    for group in (("kah", "lah", "tah", "pun"), ("nya", "ku", "mu"), ("kan", "an", "i")):
        for suffix in group:
            if w.endswith(suffix) and len(w) - len(suffix) >= MIN_ROOT + 1:
                w = w[: -len(suffix)]
                break
    return w


def _strip_prefix(w: str) -> str:
    def ok(rest: str) -> bool:
        return len(rest) >= MIN_ROOT

    for prefix in ("di", "ke", "se"):
        if w.startswith(prefix) and ok(w[len(prefix):]):
            return w[len(prefix):]
    if w.startswith("ter") and ok(w[3:]):
        return w[3:]
    if w.startswith("ber") and ok(w[3:]):
        return w[3:]
    if w.startswith("bel") and w[3:].startswith("ajar"):
        return w[3:]
    for me in ("me", "pe"):
        if not w.startswith(me):
            continue
        rest = w[2:]
        if rest.startswith("ng") and ok(rest[2:]):
            return rest[2:]
        if rest.startswith("ny") and len(rest) > 2 and rest[2] in VOWELS:
            return "s" + rest[2:]
        if rest.startswith("m") and len(rest) > 1:
            if rest[1] in "bfvp" and ok(rest[1:]):
                return rest[1:]
            if rest[1] in VOWELS:
                return "p" + rest[1:]
        if rest.startswith("n") and len(rest) > 1:
            if rest[1] in "cdjtzs" and ok(rest[1:]):
                return rest[1:]
            if rest[1] in VOWELS:
                return "t" + rest[1:]
        if me == "pe" and rest.startswith("r") and len(rest) > 1 and rest[1] not in VOWELS and ok(rest[1:]):
            return rest[1:]
        if rest[:1] and rest[0] in "lmnrwy" and ok(rest):
            return rest
    return w


def stem(word: str) -> str:
    w = word.lower()
    if len(w) <= MIN_ROOT + 1 or not w.isalpha():
        return w
    w = _strip_suffixes(w)
    for _ in range(2):
        stripped = _strip_prefix(w)
        if stripped == w:
            break
        # A nasal change rebuilt the root's first letter (memeriksa -> periksa): the root is reached.
        rebuilt = stripped[:1] != w[-len(stripped):][:1] if len(stripped) <= len(w) else True
        w = stripped
        if rebuilt:
            break
    return w


def index_terms(text: str) -> str:
    """Every word and its stem, lower case, space separated: what the full-text index holds."""
    out: list[str] = []
    for word in words(text):
        out.append(word)
        root = stem(word)
        if root != word:
            out.append(root)
    return " ".join(out)
