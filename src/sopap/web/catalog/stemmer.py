"""The Indonesian stemmer of the catalog's search, backed by Sastrawi (Nazief-Adriani with a dictionary of
about 30,000 root words): "penyusunan", "menyusun" and "disusun" all become "susun", "perbaikan" and
"memperbaiki" become "baik", while a word that already is a root ("dinas", "berita", "sesuai") stays whole.

It is used on both sides (the indexed text and the query), so the two always agree. The index stores its
output: when it changes, the stored rows are rebuilt (catalog migration 0003 did so on leaving the old
rule-only stemmer).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from Sastrawi.Stemmer.Stemmer import Stemmer

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Sastrawi turns everything outside a-z and 0-9 into a space: a word with any other character would come
# back split or cut, and a number has no affix to strip, so only plain ASCII words go through it.
_STEMMABLE = re.compile(r"[a-z]+")
# Distinct words of a few thousand SOPs and their queries fit; an unbounded cache would grow with every
# word anyone ever typed into the search box.
CACHED_WORDS = 65536


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


@cache
def _stemmer() -> Stemmer:
    # Importing Sastrawi and loading its dictionary take about 25 ms: once per process, on the first word
    # stemmed, not in every process that imports the catalog. The factory's own create_stemmer() wraps
    # this in a cache that never forgets; the lru_cache below bounds it instead.
    from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
    from Sastrawi.Stemmer.Stemmer import Stemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return Stemmer(ArrayDictionary(StemmerFactory().get_words()))


@lru_cache(maxsize=CACHED_WORDS)
def _root(word: str) -> str:
    return str(_stemmer().stem_word(word))


def stem(word: str) -> str:
    w = word.lower()
    if not _STEMMABLE.fullmatch(w):
        return w
    return _root(w)


def index_terms(text: str) -> str:
    """Every word and its stem, lower case, space separated: what the full-text index holds."""
    out: list[str] = []
    for word in words(text):
        out.append(word)
        root = stem(word)
        if root != word:
            out.append(root)
    return " ".join(out)
